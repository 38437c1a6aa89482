package io.netpulse.query.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netpulse.schema.aggregate.BillingSubject;
import io.netpulse.topology.billing.BillingFigures;
import java.util.Locale;

/**
 * The billing of one interface, site or address over one period, as every billing route answers it; the four
 * rates are null when the period has no sample.
 *
 * @param subject                {@code interface}, {@code site} or {@code ip-address}
 * @param id                     the id asked for (the address normalized)
 * @param start                  the period's first instant
 * @param end                    the first instant after it
 * @param expectedSamples        5-minute slots in the period
 * @param samples                slots with a sample, n
 * @param rank                   ceil(0.95 n), 0 without a sample
 * @param inBitsPerSecond        95th percentile of the inbound (received) rates
 * @param outBitsPerSecond       95th percentile of the outbound (transmitted) rates
 * @param maxBitsPerSecond       the larger of the two
 * @param aggregateBitsPerSecond 95th percentile of the per-sample sums in + out
 */
record BillingAnswer(String subject, String id, String start, String end,
                     @JsonProperty("expected_samples") int expectedSamples, int samples, int rank,
                     @JsonProperty("in_bits_per_second") Double inBitsPerSecond,
                     @JsonProperty("out_bits_per_second") Double outBitsPerSecond,
                     @JsonProperty("max_bits_per_second") Double maxBitsPerSecond,
                     @JsonProperty("aggregate_bits_per_second") Double aggregateBitsPerSecond) {

    static BillingAnswer of(BillingSubject subject, String id, BillingFigures figures) {
        return new BillingAnswer(subject.name().toLowerCase(Locale.ROOT).replace('_', '-'), id,
                figures.range().start().toString(), figures.range().end().toString(),
                figures.range().expectedSamples(), figures.samples(), figures.rank(), figures.inBitsPerSecond(),
                figures.outBitsPerSecond(), figures.maxBitsPerSecond(), figures.aggregateBitsPerSecond());
    }
}
