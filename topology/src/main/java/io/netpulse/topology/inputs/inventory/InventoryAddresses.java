package io.netpulse.topology.inputs.inventory;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Whether an address is in the inventory, asked for both ends of every flow. Most flows have an end of no inventory
 * (the far side of a customer's traffic; every address where no inventory is loaded), and a read of the global
 * store for each of those was about 6 % of the stream threads' time. A Bloom filter of the directory's addresses
 * answers those without a read.
 *
 * <p>The filter is built by a scan of the directory's address entries, begun while no write was under way, and used
 * only while the directory has taken no write since the scan began ({@link DirectoryVersion}; a write during the
 * scan, whose store cache may then hand keys to RocksDB under it, discards the scan), so its "not there" is the
 * store's answer; its "maybe" (an inventory address, or about one other in a hundred) is read from the store. After
 * a write every question goes to the store until the filter is built again, at most once per
 * {@link #REBUILD_INTERVAL}: an inventory feed that writes all day would otherwise make the stream threads scan the
 * directory over and over. One per instance, shared by its tasks: one thread builds while the others read the store,
 * and a built filter is only read. Its size is about 1.2 bytes per directory entry (a million addresses with their
 * index entries: 2.4 MB).
 */
public final class InventoryAddresses {

    /** The shortest time between two builds of the filter. */
    public static final Duration REBUILD_INTERVAL = Duration.ofSeconds(30);
    /** The share of addresses of no inventory the filter sends to the store anyway. */
    static final double FALSE_POSITIVES = 0.01;
    private static final long LEAST_EXPECTED = 1_024;
    /**
     * The most entries the filter is sized for (80 MB): RocksDB's estimate may be far too high, up to
     * {@link Long#MAX_VALUE}. A larger directory only makes the filter send more addresses to the store.
     */
    private static final long MOST_EXPECTED = 1L << 26;

    private final DirectoryVersion version;
    private final LongSupplier nanoTime;
    private final ReentrantLock building = new ReentrantLock();
    private volatile Filter filter;
    private long lastBuildNanos;

    private record Filter(long version, BloomFilter<CharSequence> addresses) {
    }

    /** Addresses of the directory whose writes {@code version} counts. */
    public InventoryAddresses(DirectoryVersion version) {
        this(version, System::nanoTime);
    }

    InventoryAddresses(DirectoryVersion version, LongSupplier nanoTime) {
        this.version = version;
        this.nanoTime = nanoTime;
        // as if built an interval ago: the first question may build at once
        this.lastBuildNanos = nanoTime.getAsLong() - REBUILD_INTERVAL.toNanos();
    }

    /** Whether {@code directory} (this instance's) has an entry for the address in canonical text. */
    public boolean contains(Directory directory, String canonicalAddress) {
        // The version is read before the filter and the store: a write it does not count yet moves it later.
        long now = version.current();
        Filter current = filter;
        if (current == null || current.version() != now) {
            current = build(directory, now);
        }
        if (current != null && !current.addresses().mightContain(canonicalAddress)) {
            return false;
        }
        return directory.address(canonicalAddress).isPresent();
    }

    /**
     * A filter of version {@code now}, built unless a write is under way, another thread is building or the last
     * build is too recent; published only if no write began while it was built.
     */
    private Filter build(Directory directory, long now) {
        if (!DirectoryVersion.settled(now) || !building.tryLock()) {
            return null;
        }
        try {
            Filter current = filter;
            if (current != null && current.version() == now) {
                return current;
            }
            long started = nanoTime.getAsLong();
            if (started - lastBuildNanos < REBUILD_INTERVAL.toNanos()) {
                return null;
            }
            lastBuildNanos = started;
            BloomFilter<CharSequence> addresses = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8),
                    Math.clamp(directory.approximateEntries(), LEAST_EXPECTED, MOST_EXPECTED), FALSE_POSITIVES);
            directory.forEachAddress(addresses::put);
            if (version.current() != now) {
                return null;
            }
            filter = new Filter(now, addresses);
            return filter;
        } finally {
            building.unlock();
        }
    }
}
