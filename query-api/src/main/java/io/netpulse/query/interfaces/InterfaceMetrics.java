package io.netpulse.query.interfaces;

import java.util.List;

/**
 * The Get Interface Metrics answer: inbound and outbound bits per second, ascending, one point per bucket that
 * has data.
 *
 * @param ifInOctets  inbound series
 * @param ifOutOctets outbound series
 */
public record InterfaceMetrics(List<MetricDatapoint> ifInOctets, List<MetricDatapoint> ifOutOctets) {

    public InterfaceMetrics {
        ifInOctets = List.copyOf(ifInOctets);
        ifOutOctets = List.copyOf(ifOutOctets);
    }
}
