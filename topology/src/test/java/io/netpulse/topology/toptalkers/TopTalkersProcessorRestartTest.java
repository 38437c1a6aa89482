package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The open minutes across a restart: a batch read by a new processor over the same stores is counted beside the
 * batches read before, because each is named by its own offset in the repartition, which never starts again.
 */
class TopTalkersProcessorRestartTest {

    private static final String ROUTER = "10.0.0.1";
    private static final String SCOPE = TopTalkersScope.source(ROUTER);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final Serde<TopTalkers> lists = new AvroSerdes(new InMemorySchemaRegistry()).internal(TopTalkers.class);
    private final List<StateStore> stores = List.of(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.TOP_TALKERS_OPEN), Serdes.Bytes(),
                    Serdes.ByteArray()).withLoggingDisabled().build(),
            Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore(StoreNames.TOP_TALKERS_MINUTE,
                    Duration.ofDays(1), Duration.ofMinutes(1), false), Serdes.String(), lists)
                    .withLoggingDisabled().build(),
            Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore(StoreNames.TOP_TALKERS_HOUR,
                    Duration.ofDays(1), Duration.ofHours(1), false), Serdes.String(), lists)
                    .withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.TOP_TALKERS_SOURCE_TIME),
                    Serdes.String(), Serdes.Long()).withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.TOP_TALKERS_CLOSING),
                    Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build());
    private final List<MockProcessorContext<Void, Void>> contexts = new ArrayList<>();

    @Test
    void aBatchReadAfterARestartIsCountedBesideTheBatchesBefore() {
        TopTalkersProcessor before = started();
        process(before, 5, new TalkerFlow(ROUTER, "192.0.2.1", "198.51.100.1", 1000L, 10L, T0.plusSeconds(1)));
        // a new processor over the same stores, as after a restart: the next batch of the repartition is offset 6
        TopTalkersProcessor after = started();
        process(after, 6, new TalkerFlow(ROUTER, "192.0.2.2", "198.51.100.1", 300L, 3L, T0.plusSeconds(2)));

        // both batches: .1 1000 bytes / 10 packets, .2 300 / 3; 100.1 1300 / 13
        @SuppressWarnings("unchecked")
        KeyValueStore<Bytes, byte[]> open = (KeyValueStore<Bytes, byte[]>) stores.get(0);
        assertThat(OpenBuckets.read(open, SCOPE, T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli(), 200))
                .isEqualTo(Map.of(T0.toEpochMilli(), new TopTalkers(
                        new TalkerList(List.of(new Talker("192.0.2.1", 1000L, 0L, 10L, 0L),
                                new Talker("192.0.2.2", 300L, 0L, 3L, 0L)), 0L, 0L),
                        new TalkerList(List.of(new Talker("198.51.100.1", 1300L, 0L, 13L, 0L)), 0L, 0L),
                        1300L, 13L)));
    }

    private TopTalkersProcessor started() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0.plusSeconds(3).toEpochMilli());
        for (StateStore store : stores) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        contexts.add(context);
        TopTalkersProcessor processor = new TopTalkersProcessor(GRACE, 200);
        processor.init(context);
        return processor;
    }

    private void process(TopTalkersProcessor processor, long offset, TalkerFlow flow) {
        contexts.get(contexts.size() - 1).setRecordMetadata("top-talkers-by-scope", 0, offset);
        List<TalkerFlow> flows = new ArrayList<>(List.of(flow));
        processor.process(new Record<>(SCOPE, new TalkerFlows(flows), flow.getCountedAt().toEpochMilli()));
    }
}
