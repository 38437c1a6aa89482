package io.netpulse.testkit;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The one way a test waits for something another thread or process does: Awaitility, polled every 200 ms and
 * bounded, so a wait never hangs a build and its failure names what did not happen. The assertions come after it.
 */
public final class Waits {

    /** How long an end-to-end wait lasts at most: a broker, a rebalance and a restore on a busy two-core machine. */
    public static final Duration WAIT = Duration.ofSeconds(90);
    /** How often the condition is checked. */
    public static final Duration POLL = Duration.ofMillis(200);

    private Waits() {
    }

    /** A wait of at most {@link #WAIT} for {@code what} (named in the failure). */
    public static ConditionFactory await(String what) {
        return await(what, WAIT);
    }

    /** A wait of at most {@code atMost} for {@code what} (named in the failure). */
    public static ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL);
    }
}
