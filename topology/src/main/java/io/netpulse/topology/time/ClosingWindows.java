package io.netpulse.topology.time;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The windows that have data and have not been emitted since it last changed, ordered by scope (a source, or
 * one scope for windows fed by many sources), then by window end, then by key. Closing a scope up to a time
 * hands its windows to the caller in that order and forgets them, so each closed window is emitted once; a
 * window that changes after it closed (a record of a source quiet for longer than the grace) opens again and
 * is emitted again with its new value.
 *
 * <p>State: one entry per open window (the key's bytes plus about 12), removed when it closes. The earliest
 * open end of each scope is kept in memory, so a check that closes nothing costs a hash lookup, and so are the
 * windows marked since the scope last closed any, so a record into a window already marked writes nothing.
 *
 * @param <K> the aggregate's key
 */
public final class ClosingWindows<K> {

    /** Receives each window as it closes. */
    @FunctionalInterface
    public interface Closer<K> {
        /** The window of {@code key} that ends at {@code windowEnd} has closed. */
        void close(K key, long windowEnd);
    }

    private static final byte[] NOTHING = new byte[0];
    private static final BytesSerializer PREFIX = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<K> keySerde;
    private final Map<String, Long> earliestEnd = new HashMap<>();
    /** The windows each scope marked since it last closed any, so records into an open window write nothing. */
    private final Map<String, Set<Bytes>> marked = new HashMap<>();

    private ClosingWindows(KeyValueStore<Bytes, byte[]> store, Serde<K> keySerde) {
        this.store = store;
        this.keySerde = keySerde;
    }

    /** The store behind windows named {@code storeName}. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String storeName) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled();
    }

    /** Opens the windows kept in {@code storeName}, restoring each scope's earliest end. */
    public static <K> ClosingWindows<K> open(ProcessingContext context, String storeName, Serde<K> keySerde) {
        ClosingWindows<K> windows = new ClosingWindows<>(context.getStateStore(storeName), keySerde);
        try (KeyValueIterator<Bytes, byte[]> all = windows.store.all()) {
            while (all.hasNext()) {
                ByteBuffer entry = ByteBuffer.wrap(all.next().key.get());
                String scope = scopeOf(entry);
                windows.earliestEnd.merge(scope, entry.getLong(), Math::min);
            }
        }
        return windows;
    }

    /** The window of {@code key} in {@code scope} ending at {@code windowEnd} has new data. */
    public void changed(String scope, long windowEnd, K key) {
        byte[] keyBytes = keySerde.serializer().serialize(null, key);
        byte[] prefix = prefix(scope);
        Bytes entry = Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + keyBytes.length)
                .put(prefix).putLong(windowEnd).put(keyBytes).array());
        if (!marked.computeIfAbsent(scope, any -> new HashSet<>()).add(entry)) {
            return;
        }
        store.put(entry, NOTHING);
        earliestEnd.merge(scope, windowEnd, Math::min);
    }

    /** Closes every window of {@code scope} that ends at or before {@code closeTime}, in end then key order. */
    public void close(String scope, long closeTime, Closer<K> closer) {
        Long earliest = earliestEnd.get(scope);
        if (earliest == null || earliest > closeTime) {
            return;
        }
        byte[] prefix = prefix(scope);
        marked.remove(scope);
        List<KeyValue<Bytes, Long>> closed = new ArrayList<>();
        Long next = null;
        try (KeyValueIterator<Bytes, byte[]> open = store.prefixScan(Bytes.wrap(prefix), PREFIX)) {
            while (open.hasNext()) {
                Bytes key = open.next().key;
                long end = ByteBuffer.wrap(key.get(), prefix.length, Long.BYTES).getLong();
                if (end > closeTime) {
                    next = end;
                    break;
                }
                closed.add(KeyValue.pair(key, end));
            }
        }
        if (next == null) {
            earliestEnd.remove(scope);
        } else {
            earliestEnd.put(scope, next);
        }
        for (KeyValue<Bytes, Long> window : closed) {
            store.delete(window.key);
            byte[] bytes = window.key.get();
            K key = keySerde.deserializer().deserialize(null,
                    Arrays.copyOfRange(bytes, prefix.length + Long.BYTES, bytes.length));
            closer.close(key, window.value);
        }
    }

    /** Closes every scope at its own close time, as {@link #close} does for one. */
    public void closeEach(ToLongFunction<String> closeTime, Closer<K> closer) {
        for (String scope : List.copyOf(earliestEnd.keySet())) {
            close(scope, closeTime.applyAsLong(scope), closer);
        }
    }

    private static byte[] prefix(String scope) {
        byte[] name = scope.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + name.length).putInt(name.length).put(name).array();
    }

    private static String scopeOf(ByteBuffer entry) {
        byte[] name = new byte[entry.getInt()];
        entry.get(name);
        return new String(name, StandardCharsets.UTF_8);
    }
}
