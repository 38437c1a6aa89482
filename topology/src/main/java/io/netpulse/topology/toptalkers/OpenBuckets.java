package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.TopTalkers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The exact counts of the minutes still open ({@link io.netpulse.topology.StoreNames#TOP_TALKERS_OPEN}): one entry
 * per scope, minute, side and address, so a batch updates one small entry per distinct address and side instead of
 * rewriting a row of every address. Keys sort by scope, then minute, then side, then address, so a minute, or the
 * open minutes of a range, are one range scan. Values are bytes and packets, 16 bytes. The minute's entries are
 * deleted when it closes.
 */
public final class OpenBuckets {

    static final byte SOURCE = 0;
    static final byte DESTINATION = 1;

    private OpenBuckets() {
    }

    /**
     * The store behind the open minutes, without a record cache: each batch already sums its flows per address
     * before it writes, so a cache would add only its sorted copy of every entry.
     */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingDisabled();
    }

    /** Adds counts to one address of one side of {@code scope}'s minute. */
    static void add(KeyValueStore<Bytes, byte[]> store, String scope, long minuteStart, byte side, String address,
                    long bytes, long packets) {
        Bytes key = key(scope, minuteStart, side, address);
        byte[] before = store.get(key);
        ByteBuffer value = ByteBuffer.allocate(2 * Long.BYTES);
        if (before == null) {
            value.putLong(bytes).putLong(packets);
        } else {
            ByteBuffer old = ByteBuffer.wrap(before);
            value.putLong(Math.addExact(old.getLong(), bytes)).putLong(Math.addExact(old.getLong(), packets));
        }
        store.put(key, value.array());
    }

    /** Reads and deletes the exact counts of {@code scope}'s minute. */
    static TopTalkers take(KeyValueStore<Bytes, byte[]> store, String scope, long minuteStart, int capacity) {
        List<Bytes> read = new ArrayList<>();
        Map<Long, TopTalkers> minutes = scan(store, scope, minuteStart, minuteStart + 1, capacity, read::add);
        read.forEach(store::delete);
        return minutes.getOrDefault(minuteStart, TalkerLists.empty());
    }

    /**
     * The open minutes of {@code scope} starting in [{@code from}, {@code to}), each its exact list cut to
     * {@code capacity} (uncut with {@link Integer#MAX_VALUE}), by minute start.
     */
    public static Map<Long, TopTalkers> read(ReadOnlyKeyValueStore<Bytes, byte[]> store, String scope, long from,
                                             long to, int capacity) {
        return scan(store, scope, from, to, capacity, key -> {
        });
    }

    private static Map<Long, TopTalkers> scan(ReadOnlyKeyValueStore<Bytes, byte[]> store, String scope, long from,
                                              long to, int capacity, Consumer<Bytes> onRead) {
        byte[] prefix = prefix(scope);
        Map<Long, Map<String, TalkerLists.Counts>> sources = new TreeMap<>();
        Map<Long, Map<String, TalkerLists.Counts>> destinations = new TreeMap<>();
        // The upper bound is a minute start with nothing after it: every key of the minute before sorts below it.
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(prefix, from), bound(prefix, to))) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get(), prefix.length,
                        entry.key.get().length - prefix.length);
                long minute = key.getLong();
                byte side = key.get();
                String address = new String(entry.key.get(), key.position(), key.remaining(),
                        StandardCharsets.UTF_8);
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                TalkerLists.Counts counts = new TalkerLists.Counts(value.getLong(), value.getLong());
                (side == SOURCE ? sources : destinations).computeIfAbsent(minute, any -> new HashMap<>())
                        .put(address, counts);
                onRead.accept(entry.key);
            }
        }
        Map<Long, TopTalkers> minutes = new TreeMap<>();
        for (Long minute : sources.keySet()) {
            minutes.put(minute, TalkerLists.exact(sources.get(minute),
                    destinations.getOrDefault(minute, Map.of()), capacity));
        }
        return minutes;
    }

    private static Bytes key(String scope, long minuteStart, byte side, String address) {
        byte[] prefix = prefix(scope);
        byte[] text = address.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + 1 + text.length)
                .put(prefix).putLong(minuteStart).put(side).put(text).array());
    }

    private static Bytes bound(byte[] prefix, long minuteStart) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(minuteStart).array());
    }

    private static byte[] prefix(String scope) {
        byte[] name = scope.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + name.length).putInt(name.length).put(name).array();
    }
}
