package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

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
