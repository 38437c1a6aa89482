package io.netpulse.topology.time;

import java.time.Duration;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The one way an aggregate keeps its windows: persistent, changelogged window stores, key-first (so a
 * query of one key reads only that key's windows, never every key of the range), each window stamped with its
 * own start so a replay writes the same bytes. The aggregates fill them from their own processors, which judge
 * time per source ({@link SourceClock}) rather than leaving it to Kafka Streams' windowed operators.
 */
public final class WindowedStores {

    private WindowedStores() {
    }

    /**
     * A store of windows of {@code size}, kept {@code retention}, behind a record cache: for windows written many
     * times between two commits (a source's second by each of its flows), which the cache turns into one write.
     */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> store(String name, Duration retention,
                                                                         Duration size, Serde<K> keySerde,
                                                                         Serde<V> valueSerde) {
        return uncachedStore(name, retention, size, keySerde, valueSerde).withCachingEnabled();
    }

    /**
     * A store like {@link #store} without a record cache, for windows each key writes about once between two commits
     * (an interface's minute, once per poll). A cache merges no writes there: it only copies each one, evicts it at
     * the commit, and makes every query of a range merge the cached copies of the key with RocksDB's: a third of the
     * store read of a day of 1-minute rates.
     */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> uncachedStore(String name, Duration retention,
                                                                                 Duration size, Serde<K> keySerde,
                                                                                 Serde<V> valueSerde) {
        return Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(name, retention, size, false), keySerde, valueSerde);
    }

    /** Adds {@code value} to the window of {@code key} starting at {@code windowStart} with {@code plus}. */
    public static <K, V> void add(TimestampedWindowStore<K, V> store, K key, long windowStart, V value,
                                  BinaryOperator<V> plus) {
        ValueAndTimestamp<V> before = store.fetch(key, windowStart);
        store.put(key, ValueAndTimestamp.make(before == null ? value : plus.apply(before.value(), value),
                windowStart), windowStart);
    }

    /** A supplier of {@code processor}s that declares the stores they use. */
    public static <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> supplier(
            Supplier<Processor<KI, VI, KO, VO>> processor, Set<StoreBuilder<?>> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KI, VI, KO, VO> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }
}
