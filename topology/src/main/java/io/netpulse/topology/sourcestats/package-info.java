/**
 * Per-source-device flow statistics (flows, bytes, packets, the bad ones, per-second peaks) per second, minute
 * and hour: {@link io.netpulse.topology.sourcestats.SourceStatsFlow}.
 */
package io.netpulse.topology.sourcestats;
