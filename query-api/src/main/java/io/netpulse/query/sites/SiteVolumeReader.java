package io.netpulse.query.sites;

import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.ListedKeys;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.sites.SiteBytes;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's site volume windows into {@link BucketTotals}: named sites by key, or every site this
 * instance holds. Every iterator is closed; a store closing while read (a rebalance) becomes 503.
 */
final class SiteVolumeReader {

    private final LocalStores stores;
    private final KeyLocator locator;

    SiteVolumeReader(LocalStores stores, KeyLocator locator) {
        this.stores = stores;
        this.locator = locator;
    }

    /** Adds the plan's windows of {@code sites}. */
    void addSites(Collection<String> sites, TransferPlan plan, BucketTotals totals) {
        if (readable(plan)) {
            add(stores, sites, plan, totals);
        }
    }

    /**
     * Adds the plan's windows of every local site that {@code included} accepts: the sites listed in
     * {@link StoreNames#SITE_VOLUME_SITES} ({@link ListedKeys}), each read over the plan's range only in its own
     * partition's store, so the cost follows the sites and the range asked, not the history the store keeps.
     */
    void addEverySite(Predicate<String> included, TransferPlan plan, BucketTotals totals) {
        if (!readable(plan)) {
            return;
        }
        for (ListedKeys.Partition partition : ListedKeys.byPartition(stores, locator, StoreNames.SITE_VOLUME_SITES)) {
            add(partition.stores(), partition.keys().stream().filter(included).toList(), plan, totals);
        }
    }

    private static void add(LocalStores stores, Collection<String> sites, TransferPlan plan, BucketTotals totals) {
        if (sites.isEmpty()) {
            return;
        }
        // The minutes before and after the whole five minutes are two reads of one store, opened (and its
        // assignment checked) once.
        Map<TransferPlan.Resolution, ReadOnlyWindowStore<String, ValueAndTimestamp<SiteBytes>>> opened =
                new EnumMap<>(TransferPlan.Resolution.class);
        for (TransferPlan.Read read : plan.reads()) {
            if (read.last().isBefore(Instant.EPOCH)) {
                continue;
            }
            Instant from = read.first().isBefore(Instant.EPOCH) ? Instant.EPOCH : read.first();
            String name = read.resolution().store();
            ReadOnlyWindowStore<String, ValueAndTimestamp<SiteBytes>> store = opened.computeIfAbsent(
                    read.resolution(), resolution -> stores.store(name, QueryableStoreTypes.timestampedWindowStore()));
            try {
                for (String site : sites) {
                    try (WindowStoreIterator<ValueAndTimestamp<SiteBytes>> windows =
                                 store.fetch(site, from, read.last())) {
                        windows.forEachRemaining(window -> totals.add(Instant.ofEpochMilli(window.key),
                                window.value.value()));
                    }
                }
            } catch (InvalidStateStoreException e) {
                throw closed(name, e);
            }
        }
    }

    /** Windows start at the epoch or later: a range wholly before it holds nothing. */
    private static boolean readable(TransferPlan plan) {
        return plan.buckets() > 0 && !plan.lastWindow().isBefore(Instant.EPOCH);
    }

    private static StoreUnavailableException closed(String store, InvalidStateStoreException e) {
        return new StoreUnavailableException("store " + store + " closed while reading: " + e.getMessage(), e);
    }
}
