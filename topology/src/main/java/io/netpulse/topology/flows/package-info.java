/**
 * Flow records and the statistics built from them: {@link io.netpulse.topology.flows.FlowRecords} brings flows
 * in, {@link io.netpulse.topology.flows.FlowRules} scales and judges them, and
 * {@link io.netpulse.topology.flows.FlowStatsFlow} keeps the per-source-device statistics.
 */
package io.netpulse.topology.flows;
