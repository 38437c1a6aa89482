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
 * in the repartition topic, unique in the task's store. A minute of many batches has them folded ({@link #fold})
 * into address entries, one per scope, minute, side and address (the form earlier versions wrote for every batch),
 * so its state stays near its distinct addresses. Keys
 * sort by scope, then minute, so a minute, or the open minutes of a range, are one range scan that sums its
 * entries of both forms. The minute's entries are deleted when it closes.
 */
public final class OpenBuckets {

    static final byte SOURCE = 0;
    static final byte DESTINATION = 1;
    /** The byte after the minute of a batch's entry (an address's entry has its side). */
    static final byte BATCH = 2;
    /** Batch entries of one minute after which they are folded into its address entries ({@link #fold}). */
    static final int FOLD_AFTER = 256;

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
        List<Map.Entry<Talker, long[]>> talkers = new ArrayList<>(sums.entrySet());
        List<byte[]> addresses = new ArrayList<>(talkers.size());
        int size = Integer.BYTES;
        for (Map.Entry<Talker, long[]> talker : talkers) {
            byte[] address = talker.getKey().address().getBytes(StandardCharsets.UTF_8);
            addresses.add(address);
            size += 1 + Short.BYTES + address.length + 2 * Long.BYTES;
        }
        ByteBuffer value = ByteBuffer.allocate(size).putInt(talkers.size());
        for (int i = 0; i < talkers.size(); i++) {
            value.put(talkers.get(i).getKey().side()).putShort((short) addresses.get(i).length).put(addresses.get(i))
                    .putLong(talkers.get(i).getValue()[0]).putLong(talkers.get(i).getValue()[1]);
        }
        store.put(key, value.array());
    }

    /**
     * Folds the batch entries of {@code scope}'s minute into its address entries (one per side and address, bytes
     * and packets): each address read, added to and written once, the batch entries deleted. A scope of more than a
     * thousand flows a commit writes more than one entry a second; folded every {@value #FOLD_AFTER} entries, a
     * minute holds at most that many batches besides one entry per distinct address, whatever its flows.
     */
    static void fold(KeyValueStore<Bytes, byte[]> store, String scope, long minuteStart) {
        byte[] prefix = prefix(scope);
        Map<Talker, long[]> sums = new HashMap<>();
        List<Bytes> read = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> batches = store.range(bound(prefix, minuteStart, BATCH),
                bound(prefix, minuteStart, (byte) (BATCH + 1)))) {
            while (batches.hasNext()) {
                KeyValue<Bytes, byte[]> entry = batches.next();
                readBatch(entry.value, (side, address, bytes, packets) -> sum(sums.computeIfAbsent(
                        new Talker(side, address), any -> new long[2]), bytes, packets));
                read.add(entry.key);
            }
        }
        read.forEach(store::delete);
        sums.forEach((talker, sum) -> {
            byte[] address = talker.address().getBytes(StandardCharsets.UTF_8);
            Bytes key = Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + 1 + address.length)
                    .put(prefix).putLong(minuteStart).put(talker.side()).put(address).array());
            byte[] before = store.get(key);
            if (before != null) {
                ByteBuffer old = ByteBuffer.wrap(before);
                sum(sum, old.getLong(), old.getLong());
            }
            store.put(key, ByteBuffer.allocate(2 * Long.BYTES).putLong(sum[0]).putLong(sum[1]).array());
        });
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
        Map<Long, Map<String, long[]>> sources = new TreeMap<>();
        Map<Long, Map<String, long[]>> destinations = new TreeMap<>();
        forEach(store, scope, from, to, (minute, side, address, bytes, packets) -> {
            Map<String, long[]> minuteSources = sources.computeIfAbsent(minute, any -> new HashMap<>());
            Map<String, long[]> minuteDestinations = destinations.computeIfAbsent(minute, any -> new HashMap<>());
            sum((side == SOURCE ? minuteSources : minuteDestinations).computeIfAbsent(address, any -> new long[2]),
                    bytes, packets);
        }, onRead);
        Map<Long, TopTalkers> minutes = new TreeMap<>();
        for (Long minute : sources.keySet()) {
            minutes.put(minute, TalkerLists.exact(counts(sources.get(minute)), counts(destinations.get(minute)),
                    capacity));
        }
        return minutes;
    }

    /** What one entry says of one address. */
    private interface Visitor {
        void accept(long minute, byte side, String address, long bytes, long packets);
    }

    /** What one batch entry says of one address. */
    private interface BatchVisitor {
        void accept(byte side, String address, long bytes, long packets);
    }

    private static void readBatch(byte[] entry, BatchVisitor visitor) {
        ByteBuffer value = ByteBuffer.wrap(entry);
        for (int n = value.getInt(); n > 0; n--) {
            byte side = value.get();
            byte[] address = new byte[value.getShort()];
            value.get(address);
            visitor.accept(side, new String(address, StandardCharsets.UTF_8), value.getLong(), value.getLong());
        }
    }

    /** Visits every address of every entry of {@code scope}'s minutes in [{@code from}, {@code to}). */
    private static void forEach(ReadOnlyKeyValueStore<Bytes, byte[]> store, String scope, long from, long to,
                                Visitor visitor, Consumer<Bytes> onRead) {
        byte[] prefix = prefix(scope);
        // The upper bound is a minute start with nothing after it: every key of the minute before sorts below it.
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(prefix, from), bound(prefix, to))) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get(), prefix.length,
                        entry.key.get().length - prefix.length);
                long minute = key.getLong();
                byte kind = key.get();
                if (kind == BATCH) {
                    readBatch(entry.value, (side, address, bytes, packets) ->
                            visitor.accept(minute, side, address, bytes, packets));
                } else {
                    ByteBuffer value = ByteBuffer.wrap(entry.value);
                    visitor.accept(minute, kind, new String(entry.key.get(), key.position(), key.remaining(),
                            StandardCharsets.UTF_8), value.getLong(), value.getLong());
                }
                onRead.accept(entry.key);
            }
        }
    }

    /**
     * Adds to an address's sums, stopping at {@link Long#MAX_VALUE} rather than failing: a sum read back from the
     * store that could not be added to would fail every later read of its minute.
     */
    private static void sum(long[] sum, long bytes, long packets) {
        sum[0] = bytes > Long.MAX_VALUE - sum[0] ? Long.MAX_VALUE : sum[0] + bytes;
        sum[1] = packets > Long.MAX_VALUE - sum[1] ? Long.MAX_VALUE : sum[1] + packets;
    }

    private static Map<String, TalkerLists.Counts> counts(Map<String, long[]> sums) {
        Map<String, TalkerLists.Counts> counts = new HashMap<>(sums.size() * 2);
        sums.forEach((address, sum) -> counts.put(address, new TalkerLists.Counts(sum[0], sum[1])));
        return counts;
    }

    private static Bytes bound(byte[] prefix, long minuteStart, byte kind) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + 1).put(prefix).putLong(minuteStart)
                .put(kind).array());
    }

    private static Bytes bound(byte[] prefix, long minuteStart) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(minuteStart).array());
    }

    private static byte[] prefix(String scope) {
        byte[] name = scope.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + name.length).putInt(name.length).put(name).array();
    }
}
