package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class BoundedRocksDbMemoryTest {

    /** The write buffer Kafka Streams gives every store before the config setter runs. */
    private static final long KAFKA_STREAMS_WRITE_BUFFER = 16L * 1024 * 1024;
    /** What a memtable holding a few writes reserved with RocksDB's default arena block (measured: 1,050,632). */
    private static final long DEFAULT_MEMTABLE_FOOTPRINT = 1024 * 1024;

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreSharesOneWriteBufferManagerAndCachesIndexAndFilterBlocks() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 64L * 1024 * 1024);
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("interface-rates-minute", first, configs);
            setter.setConfig("site-volume-hour", second, configs);

            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            setter.close("interface-rates-minute", first);
            assertThat(BoundedRocksDbMemory.shared(64L * 1024 * 1024).writeBufferManager())
                    .as("closing one store leaves the shared manager in place")
                    .isSameAs(second.writeBufferManager());
        }
    }

    /**
     * More stores written at once than the memtables' share has room for at RocksDB's default arena block (about
     * 1 MiB reserved by a memtable that holds a few writes), each holding a few kilobytes: every write stays in its
     * store's memtable, none is flushed. The bound is whatever the JVM's first store fixed (the shared objects live
     * as long as the JVM), so the count is taken from it.
     */
    @Test
    void manyStoresWrittenAtOnceKeepTheirSmallWritesInMemory(@TempDir Path dir) throws RocksDBException {
        long memtableShare = (long) (BoundedRocksDbMemory.shared(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES)
                .memoryBytes() * BoundedRocksDbMemory.MEMTABLE_SHARE);
        int stores = (int) (memtableShare / DEFAULT_MEMTABLE_FOOTPRINT) + 8;
        int writes = 200;
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        List<Options> options = new ArrayList<>();
        List<RocksDB> dbs = new ArrayList<>();
        try {
            for (int i = 0; i < stores; i++) {
                Options storeOptions = new Options().setCreateIfMissing(true)
                        .setWriteBufferSize(KAFKA_STREAMS_WRITE_BUFFER)
                        .setTableFormatConfig(new BlockBasedTableConfig());
                setter.setConfig("store-" + i, storeOptions, Map.of());
                options.add(storeOptions);
                dbs.add(RocksDB.open(storeOptions, dir.resolve("store-" + i).toString()));
            }
            for (int write = 0; write < writes; write++) {
                for (RocksDB db : dbs) {
                    db.put(("interface-" + write).getBytes(StandardCharsets.UTF_8), new byte[40]);
                }
            }
            assertThat(stores * writes * 60L).as("what the stores hold, far below the memtables' share")
                    .isLessThan(memtableShare / 4);
            for (RocksDB db : dbs) {
                assertThat(db.getLongProperty("rocksdb.num-entries-active-mem-table")).isEqualTo(writes);
                assertThat(db.getLongProperty("rocksdb.num-immutable-mem-table")).isZero();
            }
        } finally {
            dbs.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    @Test
    void boundIsReadAsBytesFromNumbersOrText() {
        assertThat(BoundedRocksDbMemory.memoryBytes(Map.of())).isEqualTo(268_435_456L);
        assertThat(BoundedRocksDbMemory.memoryBytes(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 33_554_432L)))
                .isEqualTo(33_554_432L);
        assertThat(BoundedRocksDbMemory.memoryBytes(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, " 8388608 ")))
                .isEqualTo(8_388_608L);
    }

    @Test
    void badBoundNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.memoryBytes(
                Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value lots for configuration netpulse.rocksdb.memory.bytes: not a number of bytes");
        assertThatThrownBy(() -> BoundedRocksDbMemory.memoryBytes(
                Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 1000)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 1000 for configuration netpulse.rocksdb.memory.bytes: must be at least 1 MiB");
    }
}
