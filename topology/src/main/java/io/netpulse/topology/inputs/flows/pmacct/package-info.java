/**
 * pmacct's flow records, as its Kafka plugin writes them in JSON, as flow records;
 * {@link io.netpulse.topology.inputs.flows.pmacct.PmacctFlows} adds the path to the topology.
 */
package io.netpulse.topology.inputs.flows.pmacct;
