/**
 * Flow records, from netpulse's Avro topic, goflow2 and pmacct: {@link io.netpulse.topology.inputs.flows.FlowRecords}
 * brings them in, keyed by exporter, and {@link io.netpulse.topology.inputs.flows.FlowRules} scales and judges
 * them, once for every statistic built from them.
 */
package io.netpulse.topology.inputs.flows;
