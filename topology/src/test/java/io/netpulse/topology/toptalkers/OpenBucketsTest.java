package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open minutes' entries: one per batch and minute, summed per address and side when read. */
class OpenBucketsTest {

    private static final String SCOPE = TopTalkersScope.source("10.0.0.1");
    private static final long MINUTE = T0.toEpochMilli();
    private static final long NEXT_MINUTE = MINUTE + 60_000;
    /** 192.0.2.1: 1000 + 500 bytes, 10 + 5 packets; 198.51.100.1: 1300 + 500, 13 + 5. */
    private static final TopTalkers TWO_BATCHES_SUMMED = new TopTalkers(
            exact(talker("192.0.2.1", 1500, 15), talker("192.0.2.2", 300, 3)),
            exact(talker("198.51.100.1", 1800, 18)), 1800L, 18L);

    private final KeyValueStore<Bytes, byte[]> store =
            Stores.inMemoryKeyValueStore(StoreNames.TOP_TALKERS_OPEN).get();

    @BeforeEach
    void init() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void theBatchesOfAMinuteAreSummedPerAddressAndSide() {
        writeTwoBatchesOfTheMinute();

        assertThat(read(MINUTE, NEXT_MINUTE)).isEqualTo(Map.of(MINUTE, TWO_BATCHES_SUMMED));
        assertThat(entries()).isEqualTo(2);
    }

    @Test
    void aBatchWrittenAgainAfterACrashCountsOnce() {
        Map<OpenBuckets.Talker, long[]> batch = sums(source("192.0.2.1", 1000, 10),
                destination("198.51.100.1", 1000, 10));
        OpenBuckets.add(store, SCOPE, MINUTE, 7, batch);
        OpenBuckets.add(store, SCOPE, MINUTE, 7, batch);

        assertThat(read(MINUTE, NEXT_MINUTE)).isEqualTo(Map.of(MINUTE, new TopTalkers(
                exact(talker("192.0.2.1", 1000, 10)), exact(talker("198.51.100.1", 1000, 10)), 1000L, 10L)));
    }

    @Test
    void anAddressEntryOfTheEarlierFormatIsSummedWithTheBatches() {
        // An earlier version kept one entry per scope, minute, side and address: bytes and packets, 16 bytes.
        byte[] name = SCOPE.getBytes(StandardCharsets.UTF_8);
        byte[] address = "192.0.2.1".getBytes(StandardCharsets.UTF_8);
        store.put(Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + name.length + Long.BYTES + 1 + address.length)
                        .putInt(name.length).put(name).putLong(MINUTE).put(OpenBuckets.SOURCE).put(address).array()),
                ByteBuffer.allocate(16).putLong(200).putLong(2).array());
        OpenBuckets.add(store, SCOPE, MINUTE, 7, sums(source("192.0.2.1", 1000, 10),
                destination("198.51.100.1", 1000, 10)));

        // 200 bytes and 2 packets from the earlier entry, 1000 and 10 from the batch
        assertThat(read(MINUTE, NEXT_MINUTE).get(MINUTE).getSources())
                .isEqualTo(exact(talker("192.0.2.1", 1200, 12)));
    }

    @Test
    void takingAMinuteDeletesItsEntriesAndLeavesTheNext() {
        OpenBuckets.add(store, SCOPE, MINUTE, 7, sums(source("192.0.2.1", 1000, 10),
                destination("198.51.100.1", 1000, 10)));
        OpenBuckets.add(store, SCOPE, NEXT_MINUTE, 7, sums(source("192.0.2.2", 40, 4),
                destination("198.51.100.1", 40, 4)));
        OpenBuckets.add(store, SCOPE, MINUTE, 8, sums(source("192.0.2.1", 1, 1),
                destination("198.51.100.2", 1, 1)));

        assertThat(OpenBuckets.take(store, SCOPE, MINUTE, 200)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1001, 11)),
                exact(talker("198.51.100.1", 1000, 10), talker("198.51.100.2", 1, 1)), 1001L, 11L));
        assertThat(read(MINUTE, NEXT_MINUTE + 60_000)).isEqualTo(Map.of(NEXT_MINUTE, new TopTalkers(
                exact(talker("192.0.2.2", 40, 4)), exact(talker("198.51.100.1", 40, 4)), 40L, 4L)));
        assertThat(entries()).isEqualTo(1);
    }

    @Test
    void foldingAMinuteLeavesOneEntryPerAddressAndSideAndTheSameCounts() {
        writeTwoBatchesOfTheMinute();
        OpenBuckets.add(store, SCOPE, NEXT_MINUTE, 9, sums(source("192.0.2.2", 40, 4),
                destination("198.51.100.1", 40, 4)));

        OpenBuckets.fold(store, SCOPE, MINUTE);
        // the minute: .1, .2 and 100.1; the next minute's batch untouched
        assertThat(entries()).isEqualTo(4);
        assertThat(read(MINUTE, NEXT_MINUTE)).isEqualTo(Map.of(MINUTE, TWO_BATCHES_SUMMED));

        // a later batch, folded again, adds to the address entries; its empty destination (a frame without an IP
        // header) is kept as an entry of its own and, as always, counted in the totals but listed nowhere
        OpenBuckets.add(store, SCOPE, MINUTE, 11, sums(source("192.0.2.1", 1, 1), destination("", 1, 1)));
        OpenBuckets.fold(store, SCOPE, MINUTE);
        assertThat(entries()).isEqualTo(5);
        assertThat(OpenBuckets.take(store, SCOPE, MINUTE, 200)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1501, 16), talker("192.0.2.2", 300, 3)),
                exact(talker("198.51.100.1", 1800, 18)), 1801L, 19L));
        assertThat(entries()).isEqualTo(1);
    }

    @Test
    void aSumPastTheLargestLongStopsThereRatherThanFailEveryRead() {
        OpenBuckets.add(store, SCOPE, MINUTE, 7, sums(source("192.0.2.1", Long.MAX_VALUE - 5, 1),
                destination("198.51.100.1", 1, 1)));
        OpenBuckets.add(store, SCOPE, MINUTE, 9, sums(source("192.0.2.1", 10, 1),
                destination("198.51.100.1", 1, 1)));

        assertThat(read(MINUTE, NEXT_MINUTE).get(MINUTE).getSources())
                .isEqualTo(exact(talker("192.0.2.1", Long.MAX_VALUE, 2)));
    }

    /** Batches 7 and 9 of {@link #MINUTE}, summed in {@link #TWO_BATCHES_SUMMED}. */
    private void writeTwoBatchesOfTheMinute() {
        OpenBuckets.add(store, SCOPE, MINUTE, 7, sums(
                source("192.0.2.1", 1000, 10), source("192.0.2.2", 300, 3), destination("198.51.100.1", 1300, 13)));
        OpenBuckets.add(store, SCOPE, MINUTE, 9, sums(
                source("192.0.2.1", 500, 5), destination("198.51.100.1", 500, 5)));
    }

    private Map<Long, TopTalkers> read(long from, long to) {
        return OpenBuckets.read(store, SCOPE, from, to, 200);
    }

    private long entries() {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }

    private record Sum(OpenBuckets.Talker talker, long bytes, long packets) {
    }

    private static Sum source(String address, long bytes, long packets) {
        return new Sum(new OpenBuckets.Talker(OpenBuckets.SOURCE, address), bytes, packets);
    }

    private static Sum destination(String address, long bytes, long packets) {
        return new Sum(new OpenBuckets.Talker(OpenBuckets.DESTINATION, address), bytes, packets);
    }

    private static Map<OpenBuckets.Talker, long[]> sums(Sum... sums) {
        Map<OpenBuckets.Talker, long[]> map = new LinkedHashMap<>();
        for (Sum sum : sums) {
            map.put(sum.talker(), new long[] {sum.bytes(), sum.packets()});
        }
        return map;
    }

    private static Talker talker(String address, long bytes, long packets) {
        return new Talker(address, bytes, 0L, packets, 0L);
    }

    private static TalkerList exact(Talker... talkers) {
        return new TalkerList(List.of(talkers), 0L, 0L);
    }
}
