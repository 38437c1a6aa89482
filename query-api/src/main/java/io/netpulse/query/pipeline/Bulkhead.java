package io.netpulse.query.pipeline;

import io.netpulse.query.error.Problem;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many expensive queries one instance runs at once, so that a few of them (every source over a week,
 * every site) cannot take every carrier thread and memory from the cheap ones. A plan's cost is the number of store
 * windows it may read, known before anything is read; a plan of at least {@link #expensiveCost()} windows, or one
 * over every key ({@link #EVERY_KEY}), needs a permit, and when none is free it is answered 503 with Retry-After at
 * once instead of queueing.
 */
public final class Bulkhead {

    /** The cost of a plan over every key of a store: always expensive, its size unknown until read. */
    public static final long EVERY_KEY = Long.MAX_VALUE;
    /** Default number of expensive queries at once. */
    public static final int DEFAULT_PERMITS = 4;
    /** Default cost from which a plan is expensive: about a week of minutes for one key. */
    public static final long DEFAULT_EXPENSIVE_COST = 10_080;

    private static final Permit FREE = () -> {
    };

    private final int permits;
    private final long expensiveCost;
    private final Semaphore free;

    /**
     * @param permits       expensive queries at once, at least 1
     * @param expensiveCost cost from which a plan needs a permit, at least 1
     */
    public Bulkhead(int permits, long expensiveCost) {
        if (permits < 1 || expensiveCost < 1) {
            throw new IllegalArgumentException("a bulkhead needs at least one permit and a positive cost, was "
                    + permits + " and " + expensiveCost);
        }
        this.permits = permits;
        this.expensiveCost = expensiveCost;
        this.free = new Semaphore(permits);
    }

    /** The defaults documented in docs/configuration.md. */
    public static Bulkhead defaults() {
        return new Bulkhead(DEFAULT_PERMITS, DEFAULT_EXPENSIVE_COST);
    }

    /**
     * Admits a plan of {@code cost} windows; close the permit when the answer is read.
     *
     * @throws Problem.Busy when the plan is expensive and every permit is taken
     */
    public Permit enter(long cost) {
        if (cost < expensiveCost) {
            return FREE;
        }
        if (!free.tryAcquire()) {
            throw new Problem.Busy(permits + " expensive queries already running");
        }
        return free::release;
    }

    /** The cost from which a plan needs a permit. */
    public long expensiveCost() {
        return expensiveCost;
    }

    /** A place in the bulkhead, given back by {@link #close()}. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
