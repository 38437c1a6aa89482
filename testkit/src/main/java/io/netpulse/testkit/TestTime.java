package io.netpulse.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The one time origin of the tests, so that every expected value is computed by hand from a known instant and no
 * test reads the wall clock.
 */
public final class TestTime {

    /** Every test's time origin: 2026-01-01T00:00:00Z, a Thursday, the first minute, hour, day and month. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestTime() {
    }

    /** A clock standing still at {@link #T0}, in UTC. */
    public static Clock fixedClock() {
        return fixedAt(T0);
    }

    /** A clock standing still at {@code instant}, in UTC. */
    public static Clock fixedAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
