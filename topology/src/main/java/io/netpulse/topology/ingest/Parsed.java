package io.netpulse.topology.ingest;

import java.util.List;

/**
 * What a parser made of one input record.
 *
 * @param <V> the internal record type
 */
public sealed interface Parsed<V> {

    /** Valid records (a message may carry several, or none that matter). */
    record Accepted<V>(List<V> values) implements Parsed<V> {
        public Accepted {
            values = List.copyOf(values);
        }
    }

    /** Valid but irrelevant (another measurement, say): counted under {@code reason}, not dead-lettered. */
    record Skipped<V>(String reason) implements Parsed<V> {
    }

    /** Invalid: goes to the dead-letter topic with {@code reason}. */
    record Rejected<V>(String reason) implements Parsed<V> {
    }

    static <V> Parsed<V> accepted(V value) {
        return new Accepted<>(List.of(value));
    }

    static <V> Parsed<V> skipped(String reason) {
        return new Skipped<>(reason);
    }

    static <V> Parsed<V> rejected(String reason) {
        return new Rejected<>(reason);
    }
}
