package io.netpulse.topology.inputs.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /**
     * Passes each accepted value through {@code next} (a second parsing stage, such as validation into an
     * internal record); the first rejection rejects the whole input record. Skips and rejections pass through.
     */
    default <W> Parsed<W> then(Function<V, Parsed<W>> next) {
        if (this instanceof Skipped<V> skipped) {
            return new Skipped<>(skipped.reason());
        }
        if (this instanceof Rejected<V> rejected) {
            return new Rejected<>(rejected.reason());
        }
        List<W> values = new ArrayList<>();
        for (V value : ((Accepted<V>) this).values()) {
            Parsed<W> parsed = next.apply(value);
            if (parsed instanceof Rejected<W>) {
                return parsed;
            }
            if (parsed instanceof Accepted<W> accepted) {
                values.addAll(accepted.values());
            }
        }
        return new Accepted<>(values);
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
