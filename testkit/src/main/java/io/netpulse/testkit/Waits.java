package io.netpulse.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way a test waits for something another thread or process does: Awaitility, bounded and polled in the
 * test's own thread (the Kafka consumers and HTTP clients a condition uses belong to that thread), so a wait
 * never hangs a build and its failure names what did not happen. The assertions come after it.
 */
public final class Waits {

    /** How long an end-to-end wait lasts at most: a broker, a rebalance and a restore on a busy two-core machine. */
    public static final Duration WAIT = Duration.ofSeconds(90);
    /** How often the condition is checked, unless a wait says otherwise. */
    public static final Duration POLL = Duration.ofMillis(200);

    private Waits() {
    }

    /** A wait of at most {@link #WAIT} for {@code what} (named in the failure). */
    public static ConditionFactory await(String what) {
        return await(what, WAIT);
    }

    /** A wait of at most {@code atMost} for {@code what} (named in the failure). */
    public static ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what).atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    /**
     * Reads with {@code read} under {@code wait} until {@code done} accepts what was read, and returns the last
     * value read whether or not it was accepted in time: the exact assertion after the wait then shows what
     * differs, which says more than "not within 90 s". Exceptions of {@code read} fail the wait at once.
     */
    public static <T> T lastOf(ConditionFactory wait, Callable<T> read, Predicate<? super T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            wait.until(() -> {
                T value = read.call();
                last.set(value);
                return done.test(value);
            });
        } catch (ConditionTimeoutException e) {
            // the caller's assertions judge the last value
        }
        return last.get();
    }
}
