package io.netpulse.topology.inputs.counters;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What two consecutive polls of one interface say about its traffic: a usable {@link Interval} or a
 * {@link Discontinuity} across which no rate exists. Pure arithmetic, no Kafka: the rates and the site volumes
 * both come from here, so they treat wraps, reboots and gaps identically.
 *
 * <p>The rules, in the order they are applied ({@link #between}):
 * <ol>
 *   <li>same poll time: {@link Kind#DUPLICATE}, ignored (the first wins); an earlier poll time:
 *       {@link Kind#OUT_OF_ORDER} (the caller puts polls in order first, so it only sees this if it does not);</li>
 *   <li>sysUpTime went down: {@link Kind#REBOOT}, unless the advance across sysUpTime's own 2^32 wrap (every
 *       497 days) fits the elapsed poll time plus {@link #UPTIME_TOLERANCE};</li>
 *   <li>more than {@link Rules#maxGap()} between the polls: {@link Kind#GAP};</li>
 *   <li>a different counter width: {@link Kind#RESET} (the counters are not comparable);</li>
 *   <li>a counter that went down wrapped: 2^32 or 2^64 is added per the width. Without sysUpTime on both polls a
 *       reboot cannot be told from a wrap, so a decrease is a wrap only if the wrapped rate is plausible,
 *       otherwise {@link Kind#RESET};</li>
 *   <li>a rate above the speed is {@link Kind#IMPLAUSIBLE_RATE}, never a spike. The speed is the sample's (when
 *       known), else the inventory's, else {@link Rules#speedCeilingBitsPerSecond()}.</li>
 * </ol>
 * A rate is never negative: an interval's deltas always lie in [0, 2^63).
 */
public sealed interface CounterDelta {

    /** How far sysUpTime may advance beyond the elapsed poll time and still count as its own wrap. */
    Duration UPTIME_TOLERANCE = Duration.ofMinutes(1);

    /**
     * Where the rules come from configuration.
     *
     * @param maxGap                    no rate across a longer silence
     * @param speedCeilingBitsPerSecond the speed when neither the sample nor the inventory knows it
     */
    record Rules(Duration maxGap, long speedCeilingBitsPerSecond) {
    }

    /**
     * Traffic between two polls.
     *
     * @param start     the earlier poll
     * @param end       the later poll
     * @param inOctets  inbound octets in [start, end)
     * @param outOctets outbound octets in [start, end)
     * @param wrapped   whether a counter wrapped in between (counted, not a discontinuity)
     * @param retracted whether this takes back an interval given before: a poll that arrived late, but within
     *                  its device's lateness, fell between the two polls of that interval, which is now two
     */
    record Interval(Instant start, Instant end, long inOctets, long outOctets, boolean wrapped, boolean retracted)
            implements CounterDelta {

        public Interval {
            if (!start.isBefore(end) || inOctets < 0 || outOctets < 0) {
                throw new IllegalArgumentException("not an interval: " + start + ".." + end + " in " + inOctets
                        + " out " + outOctets);
            }
        }

        /** An interval given for the first time. */
        public Interval(Instant start, Instant end, long inOctets, long outOctets, boolean wrapped) {
            this(start, end, inOctets, outOctets, wrapped, false);
        }

        /** This interval, taken back. */
        public Interval retraction() {
            return new Interval(start, end, inOctets, outOctets, wrapped, true);
        }

        /** +1 for an interval given, -1 for one taken back: what its octets count for downstream. */
        public int sign() {
            return retracted ? -1 : 1;
        }

        /** Length of the interval. */
        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /** No rate between the two polls. */
    record Discontinuity(Kind kind) implements CounterDelta {
    }

    /** Why there is no rate. */
    enum Kind {
        /** sysUpTime went down: the device restarted and its counters with it. */
        REBOOT("counter-reboot", true),
        /** A counter went down where a wrap is implausible, or the counter width changed. */
        RESET("counter-reset", true),
        /** Faster than the interface can carry. */
        IMPLAUSIBLE_RATE("counter-over-speed", true),
        /** Too long since the previous poll to say when the traffic flowed. */
        GAP("counter-gap", true),
        /** Same poll time as the last accepted sample. */
        DUPLICATE("counter-duplicate", false),
        /** Older than the last accepted sample. */
        OUT_OF_ORDER("counter-out-of-order", false);

        private final String event;
        private final boolean newBaseline;

        Kind(String event, boolean newBaseline) {
            this.event = event;
            this.newBaseline = newBaseline;
        }

        /** The metric event that counts it. */
        public String event() {
            return event;
        }

        /** Whether the new sample replaces the last accepted one (otherwise it is ignored). */
        public boolean newBaseline() {
            return newBaseline;
        }
    }

    /**
     * The traffic between {@code previous} and {@code current} of one interface.
     *
     * @param inventorySpeed the inventory's speed in bit/s for the interface, when it has one
     */
    static CounterDelta between(CounterReading previous, CounterReading current, OptionalLong inventorySpeed,
                                Rules rules) {
        long elapsedMillis = current.pollTime().toEpochMilli() - previous.pollTime().toEpochMilli();
        if (elapsedMillis == 0) {
            return new Discontinuity(Kind.DUPLICATE);
        }
        if (elapsedMillis < 0) {
            return new Discontinuity(Kind.OUT_OF_ORDER);
        }
        if (rebooted(previous, current, elapsedMillis)) {
            return new Discontinuity(Kind.REBOOT);
        }
        if (elapsedMillis > rules.maxGap().toMillis()) {
            return new Discontinuity(Kind.GAP);
        }
        if (previous.counterWidth() != current.counterWidth()) {
            return new Discontinuity(Kind.RESET);
        }
        long speed = current.speedBitsPerSecond().orElse(
                inventorySpeed.isPresent() && inventorySpeed.getAsLong() > 0
                        ? inventorySpeed.getAsLong() : rules.speedCeilingBitsPerSecond());
        int width = current.counterWidth();
        boolean inWrapped = decreased(previous.inOctets(), current.inOctets());
        boolean outWrapped = decreased(previous.outOctets(), current.outOctets());
        long inOctets = difference(previous.inOctets(), current.inOctets(), width);
        long outOctets = difference(previous.outOctets(), current.outOctets(), width);
        boolean inTooFast = faster(inOctets, elapsedMillis, speed);
        boolean outTooFast = faster(outOctets, elapsedMillis, speed);
        boolean uptimeKnown = previous.sysUpTime().isPresent() && current.sysUpTime().isPresent();
        if (!uptimeKnown && (inWrapped && inTooFast || outWrapped && outTooFast)) {
            return new Discontinuity(Kind.RESET);
        }
        if (inTooFast || outTooFast) {
            return new Discontinuity(Kind.IMPLAUSIBLE_RATE);
        }
        return new Interval(previous.pollTime(), current.pollTime(), inOctets, outOctets, inWrapped || outWrapped);
    }

    private static boolean rebooted(CounterReading previous, CounterReading current, long elapsedMillis) {
        if (previous.sysUpTime().isEmpty() || current.sysUpTime().isEmpty()) {
            return false;
        }
        long before = previous.sysUpTime().getAsLong();
        long after = current.sysUpTime().getAsLong();
        if (after >= before) {
            return false;
        }
        long advanceAcrossWrap = after + (1L << 32) - before;
        return advanceAcrossWrap > (elapsedMillis + UPTIME_TOLERANCE.toMillis()) / 10;
    }

    private static boolean decreased(long before, long after) {
        return Long.compareUnsigned(after, before) < 0;
    }

    /** {@code after - before} modulo 2^width, as an unsigned long. */
    private static long difference(long before, long after, int width) {
        long difference = after - before;
        return width == 32 && decreased(before, after) ? difference + (1L << 32) : difference;
    }

    /**
     * Whether {@code octets} (unsigned) in {@code millis} is faster than {@code bitsPerSecond}, that is
     * octets x 8 x 1000 > bitsPerSecond x millis, compared exactly in 128 bits.
     */
    private static boolean faster(long octets, long millis, long bitsPerSecond) {
        long leftHigh = Math.unsignedMultiplyHigh(octets, 8_000L);
        long leftLow = octets * 8_000L;
        long rightHigh = Math.unsignedMultiplyHigh(bitsPerSecond, millis);
        long rightLow = bitsPerSecond * millis;
        int high = Long.compareUnsigned(leftHigh, rightHigh);
        return octets < 0 || high > 0 || high == 0 && Long.compareUnsigned(leftLow, rightLow) > 0;
    }
}
