package io.netpulse.query.iq;

import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * This instance's stores, read only. Callers close every iterator they open (try-with-resources).
 * Tests supply the stores of a TopologyTestDriver instead, so queries run on the same store types.
 */
@FunctionalInterface
public interface LocalStores {

    /**
     * The local store {@code name}.
     *
     * @throws StoreUnavailableException when it cannot be read now (rebalance, restore, closed)
     */
    <T> T store(String name, QueryableStoreType<T> type);

    /**
     * The same stores, active copies only. A fan-out reads through this: every instance reads the whole store it
     * holds, and a standby read alongside its active copy would count the partition twice.
     */
    default LocalStores activeOnly() {
        return this;
    }

    /**
     * The same stores, reading only {@code partition} of each partitioned store ({@link Location.Local#ANY}: all).
     * A key's read opens one partition's store instead of asking each local partition in turn, each with its own
     * iterators over every segment in range.
     */
    default LocalStores partition(int partition) {
        return this;
    }

    /**
     * The stores of a running KafkaStreams, without assignment checks.
     *
     * @param allowStandby answer from standby replicas too (fresher than nothing while the active one restores)
     */
    static LocalStores of(KafkaStreams streams, boolean allowStandby) {
        return of(streams, allowStandby, Set.of(), AssignmentGuard.none());
    }

    /**
     * The stores of a running KafkaStreams, each read of a partitioned store checked by {@code guard} first.
     *
     * @param allowStandby answer from standby replicas or restoring active copies too: stale by up to their lag
     * @param globalStores names of global stores (on every instance, never partitioned: not checked)
     */
    static LocalStores of(KafkaStreams streams, boolean allowStandby, Set<String> globalStores,
                          AssignmentGuard guard) {
        return of(streams, allowStandby, Set.copyOf(globalStores), guard, Location.Local.ANY);
    }

    private static LocalStores of(KafkaStreams streams, boolean allowStandby, Set<String> globals,
                                  AssignmentGuard guard, int partition) {
        return new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (!globals.contains(name)) {
                    if (allowStandby) {
                        guard.requireLocalCopies();
                    } else {
                        guard.requireActiveRunning();
                    }
                }
                StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(name, type);
                if (partition != Location.Local.ANY && !globals.contains(name)) {
                    parameters = parameters.withPartition(partition);
                }
                try {
                    return streams.store(allowStandby ? parameters.enableStaleStores() : parameters);
                } catch (InvalidStateStoreException | IllegalStateException e) {
                    throw new StoreUnavailableException("store " + name + " is not queryable: " + e.getMessage(), e);
                }
            }

            @Override
            public LocalStores activeOnly() {
                return allowStandby ? of(streams, false, globals, guard, partition) : this;
            }

            @Override
            public LocalStores partition(int only) {
                return only == partition ? this : of(streams, allowStandby, globals, guard, only);
            }
        };
    }
}
