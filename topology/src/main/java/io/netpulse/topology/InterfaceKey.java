package io.netpulse.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Identifies an interface the way SNMP does: the polled device and the ifIndex on it.
 *
 * <p>Every counter-derived store is keyed by it and partitioned by {@link #device()} alone
 * ({@link #partitioner()}), so all interfaces of a device, and the device's sysUpTime, live on one task.
 *
 * @param device  device name or management IP, as the poller names it
 * @param ifIndex IF-MIB ifIndex on that device
 */
public record InterfaceKey(String device, int ifIndex) {

    private static final char SEPARATOR = '|';

    public InterfaceKey {
        Objects.requireNonNull(device, "device");
        if (device.isEmpty() || device.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("device must be non-empty and contain no '|': " + device);
        }
    }

    /** The wire form, {@code device|ifIndex}, readable in any Kafka tool. */
    public String asString() {
        return device + SEPARATOR + ifIndex;
    }

    /** Parses {@link #asString()}. */
    public static InterfaceKey parse(String text) {
        int at = text.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("not an interface key: " + text);
        }
        return new InterfaceKey(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
    }

    /**
     * The id of an interface the inventory does not name: a name-based (version 3) UUID of
     * {@code "netpulse:interface:" + device + "|" + ifIndex}, stable across restarts and instances.
     */
    public UUID derivedId() {
        return UUID.nameUUIDFromBytes(("netpulse:interface:" + asString()).getBytes(StandardCharsets.UTF_8));
    }

    /** Serde of the wire form. */
    public static Serde<InterfaceKey> serde() {
        Serializer<InterfaceKey> serializer = (topic, key) ->
                key == null ? null : key.asString().getBytes(StandardCharsets.UTF_8);
        Deserializer<InterfaceKey> deserializer = (topic, bytes) ->
                bytes == null ? null : parse(new String(bytes, StandardCharsets.UTF_8));
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Partitions by device, the same way for writing repartition topics and for locating keys in queries. */
    @SuppressWarnings("unchecked")
    public static <V> StreamPartitioner<InterfaceKey, V> partitioner() {
        // The value is never looked at, so one instance serves every value type.
        return (StreamPartitioner<InterfaceKey, V>) (StreamPartitioner<InterfaceKey, ?>) DevicePartitioner.INSTANCE;
    }

    /** The partition of every interface of {@code device}: murmur2 of the device's UTF-8 bytes, as Kafka hashes keys. */
    public static int partitionOf(String device, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(device.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    private enum DevicePartitioner implements StreamPartitioner<InterfaceKey, Object> {
        INSTANCE;

        @Override
        public Optional<Set<Integer>> partitions(String topic, InterfaceKey key, Object value, Headers headers,
                                                 int numPartitions) {
            return Optional.of(Set.of(partitionOf(key.device(), numPartitions)));
        }

        /** Kafka 4.4 still declares this one abstract; it is deprecated for the variant with headers. */
        @Override
        @SuppressWarnings("removal")
        public Optional<Set<Integer>> partitions(String topic, InterfaceKey key, Object value, int numPartitions) {
            return Optional.of(Set.of(partitionOf(key.device(), numPartitions)));
        }
    }
}
