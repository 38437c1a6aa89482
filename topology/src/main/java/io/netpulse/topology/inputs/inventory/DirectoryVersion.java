package io.netpulse.topology.inputs.inventory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many writes this instance's directory has taken, so a processor may keep an answer it read from the directory
 * (a device's site, asked for every flow) for as long as the count has not moved, rather than scan the store again.
 * The directory's writer counts each write twice, once before making it and once after: an answer read after a count
 * is never older than that count says, a later write moves the count, and the count is odd while a write is under
 * way, which a reader that scans the store (whose cache may hand a key to RocksDB mid-scan) must not trust. The
 * directory is updated by the global thread whenever the inventory changes, never in step with any task, so an
 * answer kept this way is exactly the one the store would give.
 */
public final class DirectoryVersion {

    private final AtomicLong writes = new AtomicLong();

    /** The count so far: read it before reading the directory, keep the answer while it holds. */
    public long current() {
        return writes.get();
    }

    /** Whether no write was under way at {@code count}: a scan begun then and ended at the same count is whole. */
    public static boolean settled(long count) {
        return (count & 1) == 0;
    }

    void writing() {
        writes.incrementAndGet();
    }

    void written() {
        writes.incrementAndGet();
    }
}
