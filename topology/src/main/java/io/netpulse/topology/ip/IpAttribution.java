package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.topology.inputs.flows.Flow;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which inventory addresses a flow's bytes count for: the destination received them, the source transmitted them.
 * A flow between two inventory addresses counts for both; a flow of an address to itself counts once, as received
 * and as transmitted; a flow of no inventory address counts for nobody (the caller counts it as unattributed).
 * A flow of 0 bytes carries no traffic and counts for nobody either: it must not create a sample. Pure.
 */
public final class IpAttribution {

    private IpAttribution() {
    }

    /**
     * The bytes one flow adds to one address.
     *
     * @param address the address, normalized
     * @param bytes   received and transmitted bytes
     */
    public record Contribution(String address, IpTrafficSample bytes) {
    }

    /**
     * The contributions of {@code flow}: none, one or two.
     *
     * @param inInventory whether a normalized address is in the inventory
     */
    public static List<Contribution> of(Flow flow, Predicate<String> inInventory) {
        if (flow.bytes() == 0) {
            return List.of();
        }
        boolean source = inInventory.test(flow.srcAddr());
        if (flow.srcAddr().equals(flow.dstAddr())) {
            return source ? List.of(new Contribution(flow.srcAddr(), sample(flow.bytes(), flow.bytes()))) : List.of();
        }
        boolean destination = inInventory.test(flow.dstAddr());
        if (source && destination) {
            return List.of(new Contribution(flow.dstAddr(), sample(flow.bytes(), 0)),
                    new Contribution(flow.srcAddr(), sample(0, flow.bytes())));
        }
        if (destination) {
            return List.of(new Contribution(flow.dstAddr(), sample(flow.bytes(), 0)));
        }
        if (source) {
            return List.of(new Contribution(flow.srcAddr(), sample(0, flow.bytes())));
        }
        return List.of();
    }

    private static IpTrafficSample sample(long received, long transmitted) {
        return new IpTrafficSample(received, transmitted);
    }
}
