package io.netpulse.query.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listed keys come grouped by the partition their locator names, each group reading its own partition: a key read
 * through every local partition would be looked for in each in turn.
 */
class ListedKeysTest {

    private static final String LIST = "listed";
    private static final HostInfo SELF = new HostInfo("self", 1);
    private static final HostInfo OTHER = new HostInfo("other", 2);

    private final TopologyTestDriver driver;
    /** The partition each store view handed out reads: ANY for the instance's stores, p for partition(p). */
    private final List<Integer> viewsRead = new ArrayList<>();

    ListedKeysTest() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("keys", Consumed.with(Serdes.String(), Serdes.Long()),
                Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(LIST)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "listed-keys-test");
        driver = new TopologyTestDriver(builder.build(), properties);
        TestInputTopic<String, Long> keys = driver.createInputTopic("keys", Serdes.String().serializer(),
                Serdes.Long().serializer());
        for (String key : List.of("d", "a", "c", "b", "e")) {
            keys.pipeInput(key, 0L);
        }
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void groupsTheKeysByTheirPartitionInPartitionOrder() {
        // a and c in partition 2, b and e in partition 0, d in partition 1.
        KeyLocator locator = locator(Map.of("a", local(2), "b", local(0), "c", local(2), "d", local(1),
                "e", local(0)));

        List<ListedKeys.Partition> partitions = ListedKeys.byPartition(view(Location.Local.ANY), locator, LIST);

        assertThat(partitions).extracting(ListedKeys.Partition::keys)
                .containsExactly(List.of("b", "e"), List.of("d"), List.of("a", "c"));
        viewsRead.clear();
        partitions.forEach(partition -> partition.stores().store(LIST, null));
        assertThat(viewsRead).containsExactly(0, 1, 2);
    }

    @Test
    void aKeyWhosePartitionIsUnknownIsReadThroughEveryLocalPartition() {
        KeyLocator locator = locator(Map.of("a", local(Location.Local.ANY), "b", local(Location.Local.ANY),
                "c", local(Location.Local.ANY), "d", local(Location.Local.ANY), "e", local(Location.Local.ANY)));

        List<ListedKeys.Partition> partitions = ListedKeys.byPartition(view(Location.Local.ANY), locator, LIST);

        assertThat(partitions).extracting(ListedKeys.Partition::keys)
                .containsExactly(List.of("a", "b", "c", "d", "e"));
        viewsRead.clear();
        partitions.getFirst().stores().store(LIST, null);
        assertThat(viewsRead).containsExactly(Location.Local.ANY);
    }

    @Test
    void aListedKeyHeldElsewhereOrNowhereIsA503NotAPartialAnswer() {
        KeyLocator moved = locator(Map.of("a", local(0), "b", local(0), "c", new Location.Remote(OTHER),
                "d", local(1), "e", local(1)));
        KeyLocator rebalancing = locator(Map.of("a", local(0), "b", new Location.Unavailable("rebalancing"),
                "c", local(0), "d", local(1), "e", local(1)));

        assertThatThrownBy(() -> ListedKeys.byPartition(view(Location.Local.ANY), moved, LIST))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("key c listed in listed is now held by other:2 (the assignment changed)");
        assertThatThrownBy(() -> ListedKeys.byPartition(view(Location.Local.ANY), rebalancing, LIST))
                .isInstanceOf(StoreUnavailableException.class).hasMessage("rebalancing");
    }

    private static Location local(int partition) {
        return new Location.Local(partition);
    }

    /** The driver's stores, reading {@code partition}; each store handed out is noted in {@link #viewsRead}. */
    private LocalStores view(int partition) {
        LocalStores driverStores = DriverStores.of(driver);
        return new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                viewsRead.add(partition);
                return type == null ? null : driverStores.store(name, type);
            }

            @Override
            public LocalStores partition(int only) {
                return view(only);
            }
        };
    }

    private static KeyLocator locator(Map<String, Location> locations) {
        return new KeyLocator() {
            @Override
            public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
                throw new AssertionError("listed keys are located by their serialized form");
            }

            @Override
            public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
                assertThat(store).isEqualTo(LIST);
                return locations.get((String) key);
            }

            @Override
            public List<HostInfo> hostsOf(String store) {
                return List.of(SELF);
            }

            @Override
            public HostInfo self() {
                return SELF;
            }
        };
    }
}
