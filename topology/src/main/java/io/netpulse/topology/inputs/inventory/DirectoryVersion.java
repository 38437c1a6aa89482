package io.netpulse.topology.inputs.inventory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many writes this instance's directory has taken, so a processor may keep an answer it read from the directory
 * (a device's site, asked for every flow) for as long as the count has not moved, rather than scan the store again.
 * The directory's writer counts each write after making it: an answer read after a count is never older than that
 * count says, and a later write moves the count. The directory is updated by the global thread whenever the inventory
 * changes, never in step with any task, so an answer kept this way is exactly the one the store would give.
 */
public final class DirectoryVersion {

    private final AtomicLong writes = new AtomicLong();

    /** The number of writes so far: read it before reading the directory, keep the answer while it holds. */
    public long current() {
        return writes.get();
    }

    void written() {
        writes.incrementAndGet();
    }
}
