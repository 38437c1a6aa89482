package io.netpulse.query.ip;

import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.TrafficScopeStats;

/** The seed's {@code scope}: which bytes of each base sample the statistics are about. */
public enum TrafficScope {
    /** Bytes to the address. */
    RECEIVE("receive"),
    /** Bytes from the address. */
    TRANSMIT("transmit"),
    /** Received plus transmitted, sample by sample. */
    TOTAL("total");

    private final String text;

    TrafficScope(String text) {
        this.text = text;
    }

    /** The query parameter value. */
    public String text() {
        return text;
    }

    /** This scope's part of a period's statistics. */
    public TrafficScopeStats of(IpTrafficStats stats) {
        return switch (this) {
            case RECEIVE -> stats.getReceive();
            case TRANSMIT -> stats.getTransmit();
            case TOTAL -> stats.getTotal();
        };
    }
}
