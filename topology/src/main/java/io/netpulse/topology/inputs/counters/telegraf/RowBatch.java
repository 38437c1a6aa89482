package io.netpulse.topology.inputs.counters.telegraf;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's rows in the order they came, joined before the repartition ({@link io.netpulse.topology.Combiner}):
 * a poll of twenty interfaces and the device's uptime cross the repartition as one record, not twenty-one. A batch
 * takes rows up to about {@value #MAX_BYTES} bytes (an upper bound of their encoded size), far below any record
 * size limit; a single larger row travels alone, as it would unbatched.
 */
final class RowBatch {

    static final int MAX_BYTES = 64 * 1024;
    /**
     * Bytes of a row besides its strings, at most: kind and flags 2, time 15 (a 10-byte second, a 5-byte
     * nanosecond), ifIndex 5, two counter pairs 35 each (two 10-byte counters and a time), two speeds 10 each.
     */
    private static final int FIXED_BYTES = 112;

    private final List<TelegrafRow> rows;
    private int bytes;

    private RowBatch(List<TelegrafRow> rows, int bytes) {
        this.rows = rows;
        this.bytes = bytes;
    }

    static RowBatch of(TelegrafRow row) {
        List<TelegrafRow> rows = new ArrayList<>(1);
        rows.add(row);
        return new RowBatch(rows, bytesOf(row));
    }

    static RowBatch of(List<TelegrafRow> rows) {
        return new RowBatch(new ArrayList<>(rows), rows.stream().mapToInt(RowBatch::bytesOf).sum());
    }

    /** Whether {@code next} may join {@code held} within {@link #MAX_BYTES}. */
    static boolean fits(RowBatch held, RowBatch next) {
        return held.bytes + next.bytes <= MAX_BYTES;
    }

    /** This batch with {@code next}'s rows after its own (this batch is changed: it is the combiner's own). */
    RowBatch plus(RowBatch next) {
        rows.addAll(next.rows);
        bytes += next.bytes;
        return this;
    }

    List<TelegrafRow> rows() {
        return rows;
    }

    /** At most the row's encoded size: every string at three UTF-8 bytes per char, plus its length. */
    private static int bytesOf(TelegrafRow row) {
        int strings = switch (row) {
            case InterfaceRow interfaceRow -> length(interfaceRow.device()) + length(interfaceRow.ifName())
                    + length(interfaceRow.ifDescr());
            case UptimeRow uptime -> length(uptime.device());
        };
        return FIXED_BYTES + strings;
    }

    private static int length(String text) {
        return text == null ? 0 : 5 + 3 * text.length();
    }
}
