/**
 * goflow2's flow messages (JSON or delimited protobuf) as flow records;
 * {@link io.netpulse.topology.inputs.flows.goflow2.GoflowFlows} adds the path to the topology.
 */
package io.netpulse.topology.inputs.flows.goflow2;
