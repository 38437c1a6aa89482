package io.netpulse.topology.inputs.counters;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The polls of one interface that a late poll could still fall between, in poll-time order: every poll within
 * its device's lateness of the device's latest, and the last one before that. Two neighbours are all
 * {@link CounterDelta#between} needs, so a poll that arrives late is placed where it belongs and the intervals
 * on both sides of it are what they would have been in order.
 *
 * @param readings the polls, oldest first, no two at the same time
 */
record RecentSamples(List<CounterReading> readings) {

    private static final byte VERSION = 1;

    /** Where a poll falls among the recent ones. */
    record Place(CounterReading before, CounterReading after, boolean duplicate) {
    }

    /** The neighbours of a poll at {@code reading}'s time, and whether one has that very time. */
    Place placeOf(CounterReading reading) {
        CounterReading before = null;
        for (CounterReading recent : readings) {
            int order = recent.pollTime().compareTo(reading.pollTime());
            if (order == 0) {
                return new Place(null, null, true);
            }
            if (order > 0) {
                return new Place(before, recent, false);
            }
            before = recent;
        }
        return new Place(before, null, false);
    }

    /**
     * These polls with {@code reading} in its place, less those a poll no older than {@code oldestAdmissible}
     * can no longer fall after: all before the last one older than it.
     */
    RecentSamples with(CounterReading reading, long oldestAdmissible) {
        List<CounterReading> updated = new ArrayList<>(readings.size() + 1);
        for (CounterReading recent : readings) {
            if (reading != null && recent.pollTime().isAfter(reading.pollTime())) {
                updated.add(reading);
                reading = null;
            }
            updated.add(recent);
        }
        if (reading != null) {
            updated.add(reading);
        }
        int first = 0;
        while (first + 1 < updated.size() && updated.get(first + 1).pollTime().toEpochMilli() < oldestAdmissible) {
            first++;
        }
        return new RecentSamples(List.copyOf(updated.subList(first, updated.size())));
    }

    /** A version byte, a count, then each reading behind its length; a few dozen bytes per poll. */
    static Serde<RecentSamples> serde() {
        Serde<CounterReading> readingSerde = CounterReading.serde();
        Serializer<RecentSamples> serializer = (topic, recent) -> {
            if (recent == null) {
                return null;
            }
            List<byte[]> encoded = new ArrayList<>(recent.readings.size());
            int size = 1 + Integer.BYTES;
            for (CounterReading reading : recent.readings) {
                byte[] bytes = readingSerde.serializer().serialize(topic, reading);
                encoded.add(bytes);
                size += 1 + bytes.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putInt(encoded.size());
            encoded.forEach(bytes -> out.put((byte) bytes.length).put(bytes));
            return out.array();
        };
        Deserializer<RecentSamples> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length < 1 + Integer.BYTES || in.get() != VERSION) {
                throw new SerializationException("not RecentSamples: " + data.length + " bytes");
            }
            int count = in.getInt();
            List<CounterReading> readings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] bytes = new byte[in.get()];
                in.get(bytes);
                readings.add(readingSerde.deserializer().deserialize(topic, bytes));
            }
            return new RecentSamples(List.copyOf(readings));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
