package io.netpulse.topology.inputs.counters.telegraf;

import io.netpulse.topology.CompactBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of the Telegraf path's own records on its repartition topic and in its stores: a compact binary form,
 * because the merge reads and rewrites an interface's state on every row, and decoding JSON with ISO-8601 instants
 * was a fifth of its stream thread's time. Values that earlier versions wrote as JSON (in the changelogs and the
 * repartition topic of a running installation) still read, through {@link TelegrafJson}: JSON starts with
 * {@code '{'}, the binary form with its version byte. Any other byte, or a truncated or overlong value, is a
 * {@link SerializationException}, as unreadable JSON is.
 *
 * <p>Format 1: the version byte, then for a row its kind ({@value #INTERFACE} interface, {@value #UPTIME} uptime)
 * and its body, for a merge state a flags byte and the parts present. A row body is a flags byte for its optional
 * parts, the device and time, then the parts present in declaration order. Strings are a varint length and UTF-8;
 * instants are the epoch second (zigzag varint) and the nanosecond (varint), so every instant reads back exactly;
 * counters are their 64 bits as an unsigned varint; other numbers zigzag varints. A row is about 30 bytes.
 */
final class TelegrafSerdes {

    /** The first byte of every binary value; never {@code '{'}. */
    static final byte VERSION = 1;
    static final byte INTERFACE = 1;
    static final byte UPTIME = 2;
    static final byte BATCH = 3;

    private static final int IF_INDEX = 1;
    private static final int IF_NAME = 1 << 1;
    private static final int IF_DESCR = 1 << 2;
    private static final int OCTETS_64 = 1 << 3;
    private static final int OCTETS_32 = 1 << 4;
    private static final int HIGH_SPEED = 1 << 5;
    private static final int SPEED = 1 << 6;

    private static final int PENDING = 1;
    private static final int EMITTED_UNTIL = 1 << 1;
    private static final int LAST_64_BIT_AT = 1 << 2;

    private static final byte JSON_START = '{';

    private TelegrafSerdes() {
    }

    /** Rows on the repartition topic. */
    static Serde<TelegrafRow> rows() {
        return serde(TelegrafRow.class, TelegrafSerdes::writeRow, TelegrafSerdes::readRow);
    }

    /**
     * Batches of a device's rows on the repartition topic: version, kind {@value #BATCH}, the row count, then each
     * row as {@link #rows()} writes it after the version. A single row written by an earlier version (binary or
     * JSON) reads as a batch of one, so an upgrade needs no reset.
     */
    static Serde<RowBatch> batches() {
        Serde<TelegrafRow> single = rows();
        Serializer<RowBatch> serializer = (topic, batch) -> {
            if (batch == null) {
                return null;
            }
            CompactBytes.Out out = new CompactBytes.Out();
            out.put(VERSION);
            out.put(BATCH);
            out.unsigned(batch.rows().size());
            batch.rows().forEach(row -> writeRow(out, row));
            return out.toByteArray();
        };
        Deserializer<RowBatch> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 2 || bytes[0] != VERSION || bytes[1] != BATCH) {
                return RowBatch.of(single.deserializer().deserialize(topic, bytes));
            }
            CompactBytes.In in = new CompactBytes.In(bytes, RowBatch.class);
            in.get();
            long count = in.unsigned();
            if (count < 1 || count > bytes.length) {
                throw in.corrupt("a batch of " + count + " rows in " + bytes.length + " bytes");
            }
            List<TelegrafRow> rows = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                rows.add(readRow(in));
            }
            in.end();
            return RowBatch.of(rows);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A device's latest uptime reading: written as the row it is. */
    static Serde<UptimeRow> uptimes() {
        return serde(UptimeRow.class, TelegrafSerdes::writeRow, in -> {
            if (readRow(in) instanceof UptimeRow uptime) {
                return uptime;
            }
            throw new SerializationException("not a UptimeRow: an interface row");
        });
    }

    /** An interface's merge state. */
    static Serde<InterfaceState> states() {
        return serde(InterfaceState.class, TelegrafSerdes::writeState, TelegrafSerdes::readState);
    }

    private static <T> Serde<T> serde(Class<T> type, CompactBytes.Writer<? super T> writer,
                                      CompactBytes.Reader<T> reader) {
        Serde<T> json = TelegrafJson.serde(type);
        return CompactBytes.serde(type, VERSION, writer, reader, (topic, bytes) -> {
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return json.deserializer().deserialize(topic, bytes);
            }
            throw CompactBytes.corrupt(type, bytes.length == 0 ? "no bytes" : "unknown format byte " + bytes[0]);
        });
    }

    private static void writeRow(CompactBytes.Out out, TelegrafRow row) {
        switch (row) {
            case InterfaceRow interfaceRow -> {
                out.put(INTERFACE);
                writeInterfaceRow(out, interfaceRow);
            }
            case UptimeRow uptime -> {
                out.put(UPTIME);
                out.string(uptime.device());
                out.instant(uptime.time());
                out.signed(uptime.sysUpTimeTicks());
            }
        }
    }

    private static TelegrafRow readRow(CompactBytes.In in) {
        byte kind = in.get();
        return switch (kind) {
            case INTERFACE -> readInterfaceRow(in);
            case UPTIME -> new UptimeRow(in.string(), in.instant(), in.signed());
            default -> throw in.corrupt("unknown row kind " + kind);
        };
    }

    private static void writeInterfaceRow(CompactBytes.Out out, InterfaceRow row) {
        int flags = (row.ifIndex() != null ? IF_INDEX : 0)
                | (row.ifName() != null ? IF_NAME : 0)
                | (row.ifDescr() != null ? IF_DESCR : 0)
                | (row.octets64() != null ? OCTETS_64 : 0)
                | (row.octets32() != null ? OCTETS_32 : 0)
                | (row.highSpeedMbps() != null ? HIGH_SPEED : 0)
                | (row.speedBitsPerSecond() != null ? SPEED : 0);
        out.put((byte) flags);
        out.string(row.device());
        out.instant(row.time());
        if (row.ifIndex() != null) {
            out.signed(row.ifIndex());
        }
        if (row.ifName() != null) {
            out.string(row.ifName());
        }
        if (row.ifDescr() != null) {
            out.string(row.ifDescr());
        }
        if (row.octets64() != null) {
            writeOctets(out, row.octets64());
        }
        if (row.octets32() != null) {
            writeOctets(out, row.octets32());
        }
        if (row.highSpeedMbps() != null) {
            out.signed(row.highSpeedMbps());
        }
        if (row.speedBitsPerSecond() != null) {
            out.signed(row.speedBitsPerSecond());
        }
    }

    private static InterfaceRow readInterfaceRow(CompactBytes.In in) {
        int flags = in.get() & 0xFF;
        if ((flags & ~(IF_INDEX | IF_NAME | IF_DESCR | OCTETS_64 | OCTETS_32 | HIGH_SPEED | SPEED)) != 0) {
            throw in.corrupt("unknown row flags " + flags);
        }
        String device = in.string();
        Instant time = in.instant();
        Integer ifIndex = (flags & IF_INDEX) != 0 ? in.signedInt() : null;
        String ifName = (flags & IF_NAME) != 0 ? in.string() : null;
        String ifDescr = (flags & IF_DESCR) != 0 ? in.string() : null;
        Octets octets64 = (flags & OCTETS_64) != 0 ? readOctets(in) : null;
        Octets octets32 = (flags & OCTETS_32) != 0 ? readOctets(in) : null;
        Long highSpeed = (flags & HIGH_SPEED) != 0 ? in.signed() : null;
        Long speed = (flags & SPEED) != 0 ? in.signed() : null;
        return new InterfaceRow(device, ifIndex, ifName, ifDescr, time, octets64, octets32, highSpeed, speed);
    }

    private static void writeOctets(CompactBytes.Out out, Octets octets) {
        out.unsigned(octets.in());
        out.unsigned(octets.out());
        out.instant(octets.readAt());
    }

    private static Octets readOctets(CompactBytes.In in) {
        return new Octets(in.unsigned(), in.unsigned(), in.instant());
    }

    private static void writeState(CompactBytes.Out out, InterfaceState state) {
        out.put((byte) ((state.pending() != null ? PENDING : 0)
                | (state.emittedUntil() != null ? EMITTED_UNTIL : 0)
                | (state.last64BitAt() != null ? LAST_64_BIT_AT : 0)));
        if (state.pending() != null) {
            writeInterfaceRow(out, state.pending());
        }
        if (state.emittedUntil() != null) {
            out.instant(state.emittedUntil());
        }
        if (state.last64BitAt() != null) {
            out.instant(state.last64BitAt());
        }
    }

    private static InterfaceState readState(CompactBytes.In in) {
        int flags = in.get() & 0xFF;
        if ((flags & ~(PENDING | EMITTED_UNTIL | LAST_64_BIT_AT)) != 0) {
            throw in.corrupt("unknown state flags " + flags);
        }
        InterfaceRow pending = (flags & PENDING) != 0 ? readInterfaceRow(in) : null;
        Instant emittedUntil = (flags & EMITTED_UNTIL) != 0 ? in.instant() : null;
        Instant last64BitAt = (flags & LAST_64_BIT_AT) != 0 ? in.instant() : null;
        return new InterfaceState(pending, emittedUntil, last64BitAt);
    }
}
