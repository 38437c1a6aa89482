package io.netpulse.topology.inputs.counters.telegraf;

import java.time.Instant;

/**
 * What the Telegraf merge keeps per interface (or, for rows without an index, per interface name).
 *
 * @param pending      the rows of the poll being merged, or null
 * @param emittedUntil rows before this time belong to a poll already emitted (or dropped) and are late
 * @param last64BitAt  poll time of the interface's latest 64-bit sample, or null
 */
record InterfaceState(InterfaceRow pending, Instant emittedUntil, Instant last64BitAt) {

    static final InterfaceState NONE = new InterfaceState(null, null, null);

    InterfaceState withPending(InterfaceRow rows) {
        return new InterfaceState(rows, emittedUntil, last64BitAt);
    }
}
