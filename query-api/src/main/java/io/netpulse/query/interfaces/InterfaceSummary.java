package io.netpulse.query.interfaces;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.InterfaceKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One interface netpulse knows, as {@code GET /interfaces} lists it: once, under the inventory's id when the
 * inventory names it, else under the id derived from its device and ifIndex. The derived id is always given too,
 * because both ids answer the metrics API with the same history.
 *
 * @param interfaceId the id to ask the metrics API with
 * @param derivedId   the name-based UUID of {@code netpulse:interface:<device>|<ifIndex>}
 * @param source      {@code inventory} (named by it) or {@code counters} (seen only in counters)
 * @param device      the polled device
 * @param ifIndex     the ifIndex on it
 * @param name        the inventory's name, or the ifName the counters carried
 * @param siteId      the site, when the inventory gives one
 * @param speedBps    the inventory speed in bit/s, when it gives one
 */
public record InterfaceSummary(@JsonProperty("interface_id") String interfaceId,
                               @JsonProperty("derived_id") String derivedId, String source, String device,
                               @JsonProperty("if_index") int ifIndex, String name,
                               @JsonProperty("site_id") String siteId, @JsonProperty("speed_bps") Long speedBps) {

    /** Sorted by device, then ifIndex. */
    static final Comparator<InterfaceSummary> ORDER = Comparator.comparing(InterfaceSummary::device)
            .thenComparingInt(InterfaceSummary::ifIndex);

    /**
     * One summary per interface of {@code entries} (the directory's interface entries): the inventory's entry
     * where there is one, else the entry derived from counters.
     */
    static List<InterfaceSummary> of(List<InterfaceEntry> entries) {
        Map<InterfaceKey, InterfaceEntry> byInterface = new HashMap<>();
        for (InterfaceEntry entry : entries) {
            byInterface.merge(new InterfaceKey(entry.getDevice(), entry.getIfIndex()), entry,
                    (kept, other) -> Directory.isDerived(kept) ? other : kept);
        }
        return byInterface.entrySet().stream()
                .map(e -> new InterfaceSummary(e.getValue().getInterfaceId(), e.getKey().derivedId().toString(),
                        Directory.isDerived(e.getValue()) ? "counters" : "inventory", e.getKey().device(),
                        e.getKey().ifIndex(), e.getValue().getName(), e.getValue().getSiteId(),
                        e.getValue().getSpeed()))
                .sorted(ORDER)
                .toList();
    }

    /**
     * The {@code GET /interfaces} answer.
     *
     * @param interfaces every known interface id, sorted
     */
    public record Listing(List<InterfaceSummary> interfaces) {
    }
}
