package io.netpulse.query.ip;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One data set of the answer, as the seed writes it.
 *
 * @param count  base samples in the period
 * @param date   start of the period, {@code yyyy-MM-dd HH:mm:ss} UTC
 * @param values the statistic the request's method asks for, in bytes
 */
@JsonPropertyOrder({"count", "date", "values"})
public record IpTrafficDataSet(long count, String date, BigDecimal values) {
}
