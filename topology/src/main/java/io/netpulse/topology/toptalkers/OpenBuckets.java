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
 * per scope, minute and batch, holding the batch's sums per side and address, so a batch of a thousand flows is
 * one store write and one changelog record rather than one per distinct address. The batch is named by its offset
 * in the repartition topic, so a batch read again after a crash writes the same entry again and never counts twice.
 * Keys sort by scope, then minute, so a minute, or the open minutes of a range, are one range scan that sums its
 * entries. Entries written by earlier versions, one per scope, minute, side and address, are read alongside. The
 * minute's entries are deleted when it closes.
 */
public final class OpenBuckets {

    static final byte SOURCE = 0;
    static final byte DESTINATION = 1;
    /** The byte after the minute of a batch's entry (an address's entry of an earlier version has its side). */
    static final byte BATCH = 2;

    private OpenBuckets() {
    }

    /** One address on one side of a minute. */
    record Talker(byte side, String address) {
    }

    /**
     * The store behind the open minutes, without a record cache: each batch is written once, under a key no other
     * batch has, so a cache would add only its sorted copy of every entry.
     */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingDisabled();
    }

    /**
     * Writes what batch {@code batch} (its offset in the repartition) adds to {@code scope}'s minute: bytes and
     * packets per address and side.
     */
    static void add(KeyValueStore<Bytes, byte[]> store, String scope, long minuteStart, long batch,
                    Map<Talker, long[]> sums) {
        byte[] prefix = prefix(scope);
        Bytes key = Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + 1 + Long.BYTES)
                .put(prefix).putLong(minuteStart).put(BATCH).putLong(batch).array());
        int size = Integer.BYTES;
        List<byte[]> addresses = new ArrayList<>(sums.size());
        for (Talker talker : sums.keySet()) {
            byte[] address = talker.address().getBytes(StandardCharsets.UTF_8);
            addresses.add(address);
            size += 1 + Short.BYTES + address.length + 2 * Long.BYTES;
        }
        ByteBuffer value = ByteBuffer.allocate(size).putInt(sums.size());
        int i = 0;
        for (Map.Entry<Talker, long[]> sum : sums.entrySet()) {
            byte[] address = addresses.get(i++);
            value.put(sum.getKey().side()).putShort((short) address.length).put(address)
                    .putLong(sum.getValue()[0]).putLong(sum.getValue()[1]);
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
        Map<Long, Map<String, long[]>> sources = new TreeMap<>();
        Map<Long, Map<String, long[]>> destinations = new TreeMap<>();
        // The upper bound is a minute start with nothing after it: every key of the minute before sorts below it.
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(prefix, from), bound(prefix, to))) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get(), prefix.length,
                        entry.key.get().length - prefix.length);
                long minute = key.getLong();
                Map<String, long[]> minuteSources = sources.computeIfAbsent(minute, any -> new HashMap<>());
                Map<String, long[]> minuteDestinations = destinations.computeIfAbsent(minute, any -> new HashMap<>());
                byte kind = key.get();
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                if (kind == BATCH) {
                    for (int n = value.getInt(); n > 0; n--) {
                        byte side = value.get();
                        byte[] address = new byte[value.getShort()];
                        value.get(address);
                        sum(side == SOURCE ? minuteSources : minuteDestinations,
                                new String(address, StandardCharsets.UTF_8), value.getLong(), value.getLong());
                    }
                } else {
                    String address = new String(entry.key.get(), key.position(), key.remaining(),
                            StandardCharsets.UTF_8);
                    sum(kind == SOURCE ? minuteSources : minuteDestinations, address, value.getLong(),
                            value.getLong());
                }
                onRead.accept(entry.key);
            }
        }
        Map<Long, TopTalkers> minutes = new TreeMap<>();
        for (Long minute : sources.keySet()) {
            minutes.put(minute, TalkerLists.exact(counts(sources.get(minute)), counts(destinations.get(minute)),
                    capacity));
        }
        return minutes;
    }

    private static void sum(Map<String, long[]> side, String address, long bytes, long packets) {
        long[] sum = side.computeIfAbsent(address, any -> new long[2]);
        sum[0] = Math.addExact(sum[0], bytes);
        sum[1] = Math.addExact(sum[1], packets);
    }

    private static Map<String, TalkerLists.Counts> counts(Map<String, long[]> sums) {
        Map<String, TalkerLists.Counts> counts = new HashMap<>(sums.size() * 2);
        sums.forEach((address, sum) -> counts.put(address, new TalkerLists.Counts(sum[0], sum[1])));
        return counts;
    }

    private static Bytes bound(byte[] prefix, long minuteStart) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(minuteStart).array());
    }

    private static byte[] prefix(String scope) {
        byte[] name = scope.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + name.length).putInt(name.length).put(name).array();
    }
}
