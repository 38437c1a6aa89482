package io.netpulse.query.interfaces;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One point of a series.
 *
 * @param clock bucket start, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param value bits per second, time-weighted over the bucket; written as a plain decimal rounded to 0.001
 */
public record MetricDatapoint(String clock, @JsonSerialize(using = MetricDatapoint.PlainDecimal.class) double value) {

    /** Writes 12000000 rather than Jackson's 1.2E7, and at most three decimals. */
    static final class PlainDecimal extends StdSerializer<Double> {
        PlainDecimal() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros()
                    .toPlainString());
        }
    }
}
