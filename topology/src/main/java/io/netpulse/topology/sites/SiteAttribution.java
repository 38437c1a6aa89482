package io.netpulse.topology.sites;

import io.netpulse.topology.inputs.counters.CounterDelta;
import java.util.Optional;

/**
 * Where an interval's volume goes, decided from the inventory as it stood at the interval's end poll
 * ({@link #of}). Pure: the join hands it the interval and the membership found, nothing else.
 */
public sealed interface SiteAttribution {

    /** The interval being attributed. */
    CounterDelta.Interval interval();

    /** The volume counts for {@code siteId} (lower-case UUID). */
    record ToSite(CounterDelta.Interval interval, String siteId) implements SiteAttribution {
    }

    /**
     * The interface belongs to no site (the inventory names no site, or does not know the interface): the volume
     * counts under {@link SiteVolumeFlow#UNASSIGNED_SITE}, where an operator can see it.
     */
    record Unassigned(CounterDelta.Interval interval) implements SiteAttribution {
    }

    /** The inventory says not to count this interface (count_in_site_volume false): another one already does. */
    record Excluded(CounterDelta.Interval interval) implements SiteAttribution {
    }

    /**
     * The attribution of {@code interval} for an interface whose membership at the interval's end is
     * {@code membership} (null when the inventory did not name the interface then). The flag wins over a missing
     * site: an interface the operator excluded is excluded, site or not.
     */
    static SiteAttribution of(CounterDelta.Interval interval, SiteMembership membership) {
        if (membership != null && !membership.counted()) {
            return new Excluded(interval);
        }
        if (membership == null || membership.siteId() == null) {
            return new Unassigned(interval);
        }
        return new ToSite(interval, membership.siteId().toString());
    }

    /** The key the volume is summed under in the site stores; empty when it is not counted. */
    default Optional<String> siteKey() {
        return switch (this) {
            case ToSite toSite -> Optional.of(toSite.siteId());
            case Unassigned unassigned -> Optional.of(SiteVolumeFlow.UNASSIGNED_SITE);
            case Excluded excluded -> Optional.empty();
        };
    }
}
