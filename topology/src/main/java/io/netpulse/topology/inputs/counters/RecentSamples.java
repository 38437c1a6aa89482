package io.netpulse.topology.inputs.counters;

import io.netpulse.topology.CompactBytes;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
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

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final int HAS_UPTIME = 1;
    private static final int HAS_SPEED = 2;
    /** The fewest bytes a reading takes: flags, width, time and the two counters, a byte each. */
    private static final int MIN_READING_BYTES = 5;
    /** A version-1 reading: version, flags, time, two counters, width; then uptime and speed when present. */
    private static final int VERSION_1_READING_BYTES = 1 + 1 + Long.BYTES * 3 + 1;

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

    /**
     * Every poll rewrites the whole list, in the store and its changelog, so it is written small (version 2): after
     * the version byte and the count (varints), each reading is a flags byte (uptime, speed) and its counter width,
     * then its poll time, octet counters, uptime and speed as zigzag varints of the difference from the reading
     * before (from 0 for the first, or where the one before had none). A poll after the first takes 10-20 bytes
     * with the traffic (16 for a minute at 10 and 5 Mbit/s), against 44 in version 1, which still reads.
     */
    static Serde<RecentSamples> serde() {
        Serializer<RecentSamples> serializer = (topic, recent) -> recent == null ? null : write(recent);
        Deserializer<RecentSamples> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == VERSION) {
                return read(new CompactBytes.In(data, RecentSamples.class));
            }
            if (data.length > 0 && data[0] == VERSION_1) {
                return readVersion1(data);
            }
            throw CompactBytes.corrupt(RecentSamples.class, data.length + " bytes"
                    + (data.length > 0 ? ", version " + data[0] : ""));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(RecentSamples recent) {
        CompactBytes.Out out = new CompactBytes.Out();
        out.put(VERSION);
        out.unsigned(recent.readings.size());
        long time = 0;
        long in = 0;
        long outOctets = 0;
        long uptime = 0;
        long speed = 0;
        for (CounterReading reading : recent.readings) {
            out.put((byte) ((reading.sysUpTime().isPresent() ? HAS_UPTIME : 0)
                    | (reading.speedBitsPerSecond().isPresent() ? HAS_SPEED : 0)));
            out.unsigned(reading.counterWidth());
            long readingTime = reading.pollTime().toEpochMilli();
            out.signed(readingTime - time);
            out.signed(reading.inOctets() - in);
            out.signed(reading.outOctets() - outOctets);
            time = readingTime;
            in = reading.inOctets();
            outOctets = reading.outOctets();
            if (reading.sysUpTime().isPresent()) {
                out.signed(reading.sysUpTime().getAsLong() - uptime);
            }
            uptime = reading.sysUpTime().orElse(0);
            if (reading.speedBitsPerSecond().isPresent()) {
                out.signed(reading.speedBitsPerSecond().getAsLong() - speed);
            }
            speed = reading.speedBitsPerSecond().orElse(0);
        }
        return out.toByteArray();
    }

    private static RecentSamples read(CompactBytes.In in) {
        long count = in.unsigned();
        if (count < 0 || count > in.remaining() / MIN_READING_BYTES) {
            throw in.corrupt(count + " readings in " + in.remaining() + " bytes");
        }
        List<CounterReading> readings = new ArrayList<>((int) count);
        long time = 0;
        long inOctets = 0;
        long outOctets = 0;
        long uptime = 0;
        long speed = 0;
        for (int i = 0; i < count; i++) {
            int flags = in.get();
            if ((flags & ~(HAS_UPTIME | HAS_SPEED)) != 0) {
                throw in.corrupt("unknown reading flags " + flags);
            }
            long width = in.unsigned();
            if (width != 32 && width != 64) {
                throw in.corrupt("counter width " + width);
            }
            time += in.signed();
            inOctets += in.signed();
            outOctets += in.signed();
            OptionalLong readingUptime = OptionalLong.empty();
            if ((flags & HAS_UPTIME) != 0) {
                readingUptime = OptionalLong.of(uptime + in.signed());
            }
            uptime = readingUptime.orElse(0);
            OptionalLong readingSpeed = OptionalLong.empty();
            if ((flags & HAS_SPEED) != 0) {
                readingSpeed = OptionalLong.of(speed + in.signed());
            }
            speed = readingSpeed.orElse(0);
            readings.add(new CounterReading(Instant.ofEpochMilli(time), readingUptime, inOctets, outOctets,
                    (int) width, readingSpeed));
        }
        in.end();
        return new RecentSamples(List.copyOf(readings));
    }

    /**
     * The first form: a version byte, an int count, then each reading behind a one-byte length: its own version
     * byte (1), flags, the poll time in epoch milliseconds, the two counters, the width, then the uptime and the
     * speed when the flags say so, as plain big-endian longs.
     */
    private static RecentSamples readVersion1(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / (1 + VERSION_1_READING_BYTES)) {
                throw CompactBytes.corrupt(RecentSamples.class, count + " readings in " + in.remaining() + " bytes");
            }
            List<CounterReading> readings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.get();
                int end = in.position() + length;
                byte version = in.get();
                if (version != VERSION_1) {
                    throw CompactBytes.corrupt(RecentSamples.class, "reading " + i + " of version " + version);
                }
                int flags = in.get();
                Instant pollTime = Instant.ofEpochMilli(in.getLong());
                long inOctets = in.getLong();
                long outOctets = in.getLong();
                int width = in.get();
                OptionalLong uptime = (flags & HAS_UPTIME) != 0 ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
                OptionalLong speed = (flags & HAS_SPEED) != 0 ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
                if (in.position() != end) {
                    throw CompactBytes.corrupt(RecentSamples.class, "reading " + i + " of " + length
                            + " bytes read as " + (in.position() - end + length));
                }
                readings.add(new CounterReading(pollTime, uptime, inOctets, outOctets, width, speed));
            }
            return new RecentSamples(List.copyOf(readings));
        } catch (BufferUnderflowException e) {
            SerializationException truncated = CompactBytes.corrupt(RecentSamples.class,
                    "truncated at byte " + in.position());
            truncated.initCause(e);
            throw truncated;
        }
    }
}
