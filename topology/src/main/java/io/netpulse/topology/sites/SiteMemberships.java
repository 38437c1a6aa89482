package io.netpulse.topology.sites;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.inputs.inventory.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned interface-to-site table: for each device|ifIndex, which site the inventory put it in and since when
 * ({@link StoreNames#SITE_INTERFACE_HISTORY}), partitioned by device like the counter intervals it is joined with.
 *
 * <ol>
 *   <li>Per inventory id, its last entry ({@link StoreNames#SITE_INTERFACE_BY_ID}) turns each record into claims and
 *       releases ({@link MembershipChange#between}): a moved or deleted entry releases its old device|ifIndex.</li>
 *   <li>Repartitioned by device ({@value #REPARTITION}, {@link InterfaceKey#partitioner()}).</li>
 *   <li>Per device|ifIndex, the entry that claims it and the time of the earliest claim ever seen
 *       ({@link StoreNames#SITE_INTERFACE_OWNER}): a release of an entry that no longer owns the key changes nothing,
 *       so creating a replacement entry before deleting the old one loses nothing. Two entries claiming one key: the
 *       later wins, counted in {@code site-interface-conflict}.</li>
 *   <li>The versioned table, each change at its inventory record's timestamp. Its history is kept for the minute
 *       retention, as long as a sample may be late at ingest, so every accepted sample finds the inventory as it
 *       stood at its poll time. An entry older than that (a compacted topic read from the start) is stamped at the
 *       oldest time still held instead of being dropped as expired: no accepted sample is older anyway.</li>
 *   <li>The earliest claim of a key (by timestamp, whichever order the claims are read in; a key deleted and named
 *       again keeps its first one) is also written at the oldest time the table still holds, so it covers the
 *       traffic before its own timestamp too: an inventory written after the counters it describes (a new
 *       deployment, a backfill) attributes them as long as it is read before them. Later versions, moves and
 *       deletions apply from their own timestamps.</li>
 *   <li>The first claim ever read of a key also goes apart ({@link Output#firstClaims()}): what the interface's
 *       intervals read before it gave the unassigned site follows it there ({@link Reattribution}). "First read" is
 *       not always "earliest": when an earlier claim is read after a later one (two entries naming one interface on
 *       two inventory partitions), only the later one, read first, moves that volume.</li>
 * </ol>
 */
final class SiteMemberships {

    /** Name of the repartition step; its topic is {@code <application.id>-site-interfaces-by-device-repartition}. */
    static final String REPARTITION = "site-interfaces-by-device";

    private static final Logger LOG = LoggerFactory.getLogger(SiteMemberships.class);

    private SiteMemberships() {
    }

    /**
     * What {@link #from} builds, both partitioned by device like the counter intervals.
     *
     * @param table       the versioned interface-to-site table
     * @param firstClaims the first claim ever read of each device|ifIndex, once, when it is read
     */
    record Output(KTable<InterfaceKey, SiteMembership> table, KStream<InterfaceKey, SiteMembership> firstClaims) {
    }

    /** What the owners step emits: a version of the table, or the first claim ever read of a key. */
    private sealed interface OwnerStep {
        /** A version of the table at the record's timestamp; a null membership deletes. */
        record Version(SiteMembership membership) implements OwnerStep {
        }

        /** The key had never been claimed before. */
        record FirstClaim(SiteMembership membership) implements OwnerStep {
        }
    }

    /** Adds the table built from {@code inventory} (keyed by normalized inventory key). */
    static Output from(KStream<String, InventoryRecord> inventory, Duration history, AvroSerdes serdes) {
        KStream<InterfaceKey, OwnerStep> steps = inventory
                .filter((key, record) -> key.startsWith(InventoryRecord.INTERFACE), Named.as("site-interfaces-inventory"))
                .process(changes(serdes), Named.as("site-interfaces-changes"))
                .repartition(Repartitioned.with(InterfaceKey.serde(), MembershipChange.serde())
                        .withName(REPARTITION).withStreamPartitioner(byDevice()))
                .processValues(owners(history), Named.as("site-interfaces-owners"));
        KTable<InterfaceKey, SiteMembership> table = steps
                .filter((key, step) -> step instanceof OwnerStep.Version, Named.as("site-interfaces-versions"))
                .mapValues(step -> ((OwnerStep.Version) step).membership(), Named.as("site-interfaces-version"))
                .toTable(Named.as("site-interfaces"), Materialized
                        .<InterfaceKey, SiteMembership>as(Stores.persistentVersionedKeyValueStore(
                                StoreNames.SITE_INTERFACE_HISTORY, history))
                        .withKeySerde(InterfaceKey.serde())
                        .withValueSerde(SiteMembership.serde()));
        KStream<InterfaceKey, SiteMembership> firstClaims = steps
                .filter((key, step) -> step instanceof OwnerStep.FirstClaim, Named.as("site-interfaces-first-claims"))
                .mapValues(step -> ((OwnerStep.FirstClaim) step).membership(), Named.as("site-interfaces-first-claim"));
        return new Output(table, firstClaims);
    }

    /** {@link InterfaceKey#partitioner()}, typed for changes: it never looks at the value, so the cast is safe. */
    @SuppressWarnings("unchecked")
    private static StreamPartitioner<InterfaceKey, MembershipChange> byDevice() {
        return (StreamPartitioner<InterfaceKey, MembershipChange>) (StreamPartitioner<?, ?>) InterfaceKey.partitioner();
    }

    private static ProcessorSupplier<String, InventoryRecord, InterfaceKey, MembershipChange> changes(
            AvroSerdes serdes) {
        StoreBuilder<KeyValueStore<String, InterfaceEntry>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SITE_INTERFACE_BY_ID), Serdes.String(),
                serdes.internal(InterfaceEntry.class));
        return new ProcessorSupplier<>() {
            @Override
            public ContextualProcessor<String, InventoryRecord, InterfaceKey, MembershipChange> get() {
                return new Changes();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    private static FixedKeyProcessorSupplier<InterfaceKey, MembershipChange, OwnerStep> owners(Duration history) {
        StoreBuilder<KeyValueStore<InterfaceKey, InterfaceOwner>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SITE_INTERFACE_OWNER), InterfaceKey.serde(),
                InterfaceOwner.serde());
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public ContextualFixedKeyProcessor<InterfaceKey, MembershipChange, OwnerStep> get() {
                return new Owners(history);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    /** Step 1: an inventory record against the id's last entry. */
    private static final class Changes
            extends ContextualProcessor<String, InventoryRecord, InterfaceKey, MembershipChange> {
        private KeyValueStore<String, InterfaceEntry> entries;

        @Override
        public void init(ProcessorContext<InterfaceKey, MembershipChange> context) {
            super.init(context);
            entries = context.getStateStore(StoreNames.SITE_INTERFACE_BY_ID);
        }

        @Override
        public void process(Record<String, InventoryRecord> record) {
            InterfaceEntry previous = entries.get(record.key());
            InterfaceEntry current = Directory.interfaceEntry(record.value().entry()).orElse(null);
            if (current == null) {
                entries.delete(record.key());
            } else {
                entries.put(record.key(), current);
            }
            for (KeyValue<InterfaceKey, MembershipChange> change : MembershipChange.between(previous, current)) {
                context().forward(record.withKey(change.key).withValue(change.value));
            }
        }
    }

    /**
     * Steps 3 to 6: releases apply only to the entry that still owns the key; stamps no older than the history; the
     * key's earliest claim also at the oldest time held; the first claim ever read of a key also goes apart.
     */
    private static final class Owners
            extends ContextualFixedKeyProcessor<InterfaceKey, MembershipChange, OwnerStep> {
        private final Duration history;
        private KeyValueStore<InterfaceKey, InterfaceOwner> owners;
        private TopologyMetrics metrics;

        Owners(Duration history) {
            this.history = history;
        }

        @Override
        public void init(FixedKeyProcessorContext<InterfaceKey, OwnerStep> context) {
            super.init(context);
            owners = context.getStateStore(StoreNames.SITE_INTERFACE_OWNER);
            metrics = new TopologyMetrics(context);
        }

        @Override
        public void process(FixedKeyRecord<InterfaceKey, MembershipChange> record) {
            InterfaceKey key = record.key();
            InterfaceOwner owner = owners.get(key);
            UUID current = owner == null ? null : owner.interfaceId();
            // The oldest time the versioned table accepts: its own stream time, at most the task's, less its history.
            long oldestHeld = Math.max(0, context().currentStreamTimeMs() - history.toMillis());
            long at = Math.max(record.timestamp(), oldestHeld);
            switch (record.value()) {
                case MembershipChange.Claim claim -> {
                    UUID claimant = claim.membership().interfaceId();
                    if (current != null && !current.equals(claimant)) {
                        metrics.count("site-interface-conflict", key.device());
                        LOG.warn("inventory entries {} and {} both name {}; the later, {}, counts", current, claimant,
                                key.asString(), claimant);
                    }
                    Instant claimedAt = Instant.ofEpochMilli(record.timestamp());
                    boolean earliest = owner == null || claimedAt.isBefore(owner.firstClaim());
                    owners.put(key, new InterfaceOwner(claimant, earliest ? claimedAt : owner.firstClaim()));
                    OwnerStep version = new OwnerStep.Version(claim.membership());
                    if (earliest && oldestHeld < at) {
                        // The first version also covers the time before it. A claim earlier than one read before it
                        // takes that place over: at the same time while the history has not moved on.
                        context().forward(record.withValue(version).withTimestamp(oldestHeld));
                    }
                    context().forward(record.withValue(version).withTimestamp(at));
                    if (owner == null) {
                        // Read once: the owner row just written stays, even after a release.
                        context().forward(record.<OwnerStep>withValue(new OwnerStep.FirstClaim(claim.membership()))
                                .withTimestamp(at));
                    }
                }
                case MembershipChange.Release release -> {
                    if (release.interfaceId().equals(current)) {
                        owners.put(key, new InterfaceOwner(null, owner.firstClaim()));
                        context().forward(record.<OwnerStep>withValue(new OwnerStep.Version(null)).withTimestamp(at));
                    }
                }
            }
        }
    }
}
