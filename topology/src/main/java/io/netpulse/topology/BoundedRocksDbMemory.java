package io.netpulse.topology;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM by one number. Windowed stores open one RocksDB
 * instance per segment, each with its own memtables and, by default, its own block cache, so dozens of stores
 * would otherwise grow without a limit a container can be sized by.
 *
 * <p>This is the pattern of the Kafka Streams memory-management guide: one LRU block cache shared by all stores,
 * index and filter blocks kept inside it (with high priority, so data blocks cannot evict them), and one
 * {@link WriteBufferManager} that charges every memtable to the same cache. Memtables take memory in small arena
 * blocks ({@link #ARENA_BLOCK_BYTES}), so the manager charges what they hold, not a large block per store written
 * to. The bound is read from
 * {@value #MEMORY_BYTES_CONFIG} in the streams properties; the first store to open fixes it for the JVM.
 * The shared objects live as long as the JVM: {@link #close} releases nothing shared.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams property: the bound, in bytes, of block cache plus memtables of all stores. */
    public static final String MEMORY_BYTES_CONFIG = "netpulse.rocksdb.memory.bytes";
    /** The bound unless configured: 256 MiB. */
    public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;
    /**
     * Share of the bound memtables may take. Writes are small updates to recent windows and a flush is cheap,
     * while queries read windows spread over days, so most of the bound goes to cached blocks.
     */
    static final double MEMTABLE_SHARE = 0.25;
    /**
     * The step in which a memtable takes memory. RocksDB's default is an eighth of the write buffer, 2 MiB for Kafka
     * Streams' 16 MiB, taken by the first write after every flush. Dozens of stores written at once (a task's
     * stores, window segments, partitions) then reserve more than the memtables' share while holding a few
     * kilobytes each, the manager flushes whichever store writes next, and RocksDB spends its threads flushing
     * and compacting tiny files. Measured with {@code ./netpulse bench --profile counters}: RocksDB's own threads
     * took a fifth to a third of the process's CPU with the default, about 1 % with this block.
     */
    static final long ARENA_BLOCK_BYTES = 64 * 1024;
    /** Share of the cache reserved for index and filter blocks, which every read needs. */
    static final double INDEX_FILTER_SHARE = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedRocksDbMemory.class);
    private static final Object LOCK = new Object();
    private static Shared shared;

    /** The cache and write-buffer manager every store shares. */
    record Shared(long memoryBytes, Cache cache, WriteBufferManager writeBufferManager) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(memoryBytes(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store of the JVM: closing them here would
        // break the stores still open.
    }

    /** The bound configured in {@code configs}, or {@link #DEFAULT_MEMORY_BYTES}. */
    static long memoryBytes(Map<String, ?> configs) {
        Object value = configs.get(MEMORY_BYTES_CONFIG);
        if (value == null) {
            return DEFAULT_MEMORY_BYTES;
        }
        long bytes;
        try {
            bytes = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(MEMORY_BYTES_CONFIG, value, "not a number of bytes");
        }
        if (bytes < 1024 * 1024) {
            throw new ConfigException(MEMORY_BYTES_CONFIG, value, "must be at least 1 MiB");
        }
        return bytes;
    }

    /** The objects shared by all stores, created for {@code memoryBytes} on first use. */
    static Shared shared(long memoryBytes) {
        synchronized (LOCK) {
            if (shared == null) {
                Cache cache = new LRUCache(memoryBytes, -1, false, INDEX_FILTER_SHARE);
                WriteBufferManager writeBuffers = new WriteBufferManager((long) (memoryBytes * MEMTABLE_SHARE), cache);
                shared = new Shared(memoryBytes, cache, writeBuffers);
                LOG.info("RocksDB memory of all stores bounded to {} bytes ({} for memtables)",
                        memoryBytes, (long) (memoryBytes * MEMTABLE_SHARE));
            } else if (shared.memoryBytes() != memoryBytes) {
                LOG.warn("RocksDB memory is already bounded to {} bytes in this JVM; ignoring {} = {}",
                        shared.memoryBytes(), MEMORY_BYTES_CONFIG, memoryBytes);
            }
            return shared;
        }
    }
}
