package io.netpulse.query.iq;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds which instance holds a key, from Kafka Streams' own metadata (never a membership list of our own).
 * Every "not now" Kafka Streams can answer — {@link KeyQueryMetadata#NOT_AVAILABLE} during a rebalance,
 * {@link StreamsNotStartedException}, {@link IllegalStateException} when the client is not running — becomes
 * {@link Location.Unavailable}, so the API answers 503 rather than 500.
 */
public interface KeyLocator {

    /** Where {@code key} of {@code store} lives, the store's topic partitioned by {@code partitioner}. */
    <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner);

    /** Where {@code key} of {@code store} lives, the store's topic partitioned by the default partitioner. */
    <K> Location locate(String store, K key, Serializer<K> keySerializer);

    /**
     * Every instance holding an active partition of {@code store}, this one included, for fan-out queries.
     *
     * @throws StoreUnavailableException when the metadata is not available now
     */
    List<HostInfo> hostsOf(String store);

    /** The instance this process advertises as {@code application.server}. */
    HostInfo self();

    /** A locator over a running KafkaStreams that advertises {@code self}: active hosts only, no checks. */
    static KeyLocator of(KafkaStreams streams, HostInfo self) {
        return of(streams, self, false, AssignmentGuard.none());
    }

    /**
     * A locator over a running KafkaStreams that advertises {@code self}.
     *
     * @param allowStandby a key whose standby copy is on this instance is {@link Location.Local} (read stale)
     * @param guard        keeps one query on one assignment
     */
    static KeyLocator of(KafkaStreams streams, HostInfo self, boolean allowStandby, AssignmentGuard guard) {
        return new StreamsKeyLocator(streams, self, allowStandby, guard);
    }

    /** A locator for a single instance that holds everything (tests on TopologyTestDriver). */
    static KeyLocator local(HostInfo self) {
        return new KeyLocator() {
            @Override
            public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
                return new Location.Local();
            }

            @Override
            public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
                return new Location.Local();
            }

            @Override
            public List<HostInfo> hostsOf(String store) {
                return List.of(self);
            }

            @Override
            public HostInfo self() {
                return self;
            }
        };
    }

    /** The KafkaStreams-backed locator. */
    final class StreamsKeyLocator implements KeyLocator {
        private final KafkaStreams streams;
        private final HostInfo self;
        private final boolean allowStandby;
        private final AssignmentGuard guard;

        StreamsKeyLocator(KafkaStreams streams, HostInfo self, boolean allowStandby, AssignmentGuard guard) {
            this.streams = streams;
            this.self = self;
            this.allowStandby = allowStandby;
            this.guard = guard;
        }

        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            try {
                guard.requireSameAssignment();
                return toLocation(store, streams.queryMetadataForKey(store, key, partitioner));
            } catch (StreamsNotStartedException | IllegalStateException e) {
                return new Location.Unavailable("streams not running: " + e.getMessage());
            } catch (StoreUnavailableException e) {
                return new Location.Unavailable(e.getMessage());
            }
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            try {
                guard.requireSameAssignment();
                return toLocation(store, streams.queryMetadataForKey(store, key, keySerializer));
            } catch (StreamsNotStartedException | IllegalStateException e) {
                return new Location.Unavailable("streams not running: " + e.getMessage());
            } catch (StoreUnavailableException e) {
                return new Location.Unavailable(e.getMessage());
            }
        }

        private Location toLocation(String store, KeyQueryMetadata metadata) {
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                return new Location.Unavailable("no active host for " + store + " (rebalancing)");
            }
            HostInfo active = metadata.activeHost();
            if (active.equals(self) || allowStandby && metadata.standbyHosts().contains(self)) {
                return new Location.Local(metadata.partition());
            }
            return new Location.Remote(active);
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            Collection<StreamsMetadata> metadata;
            guard.requireSameAssignment();
            try {
                metadata = streams.streamsMetadataForStore(store);
            } catch (StreamsNotStartedException | IllegalStateException e) {
                throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
            }
            // Only instances holding an active copy: one holding just a standby (while active for other stores)
            // would be asked for a store it cannot read actively.
            Set<HostInfo> hosts = metadata.stream()
                    .filter(m -> m.stateStoreNames().contains(store))
                    .map(StreamsMetadata::hostInfo)
                    .collect(Collectors.toSet());
            if (hosts.isEmpty()) {
                throw new StoreUnavailableException("no instance holds " + store + " now (rebalancing)");
            }
            return hosts.stream()
                    .sorted((a, b) -> (a.host() + a.port()).compareTo(b.host() + b.port()))
                    .toList();
        }

        @Override
        public HostInfo self() {
            return self;
        }
    }
}
