/**
 * The FlowGateway import_stats API (seed 002): per-source-device flow statistics by second, minute and hour;
 * {@link io.netpulse.query.flows.ImportStatsService} serves it.
 */
package io.netpulse.query.flows;
