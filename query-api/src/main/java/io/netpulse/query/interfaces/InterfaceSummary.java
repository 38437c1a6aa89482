package io.netpulse.query.interfaces;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.directory.Directory;
import java.util.Comparator;
import java.util.List;

/**
 * One interface id netpulse knows, as {@code GET /interfaces} lists it. An interface the inventory names and
 * that counters reported before appears twice: under the inventory id and under its derived id; both answer.
 *
 * @param interfaceId the id to ask the metrics API with
 * @param source      {@code inventory} or {@code counters} (an id derived from device and ifIndex)
 * @param device      the polled device
 * @param ifIndex     the ifIndex on it
 * @param name        the inventory's name, or the ifName the counters carried
 * @param siteId      the site, when the inventory gives one
 * @param speedBps    the inventory speed in bit/s, when it gives one
 */
public record InterfaceSummary(@JsonProperty("interface_id") String interfaceId, String source, String device,
                               @JsonProperty("if_index") int ifIndex, String name,
                               @JsonProperty("site_id") String siteId, @JsonProperty("speed_bps") Long speedBps) {

    /** Sorted by device, ifIndex, source, id. */
    static final Comparator<InterfaceSummary> ORDER = Comparator.comparing(InterfaceSummary::device)
            .thenComparingInt(InterfaceSummary::ifIndex)
            .thenComparing(InterfaceSummary::source)
            .thenComparing(InterfaceSummary::interfaceId);

    static InterfaceSummary of(InterfaceEntry entry) {
        return new InterfaceSummary(entry.getInterfaceId(), Directory.isDerived(entry) ? "counters" : "inventory",
                entry.getDevice(), entry.getIfIndex(), entry.getName(), entry.getSiteId(), entry.getSpeed());
    }

    /**
     * The {@code GET /interfaces} answer.
     *
     * @param interfaces every known interface id, sorted
     */
    public record Listing(List<InterfaceSummary> interfaces) {
    }
}
