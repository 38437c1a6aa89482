package io.netpulse.topology.inputs.ingest;

/**
 * Turns the raw bytes of one input record into internal records. Implementations never throw for bad input:
 * they answer {@link Parsed.Rejected} with a reason an operator can act on.
 *
 * @param <V> the internal record type
 */
@FunctionalInterface
public interface RecordParser<V> {

    /**
     * @param topic the topic the record came from (for registry lookups)
     * @param key   raw key, may be null
     * @param value raw value, may be null (a tombstone)
     */
    Parsed<V> parse(String topic, byte[] key, byte[] value);
}
