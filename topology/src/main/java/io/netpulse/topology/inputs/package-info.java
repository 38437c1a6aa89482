/**
 * Where records enter the topology, one sub-package per signal ({@code counters}, {@code flows},
 * {@code inventory}), each merging netpulse's own Avro topic with the exporters' native formats:
 * {@link io.netpulse.topology.inputs.Inputs} adds them all; {@link io.netpulse.topology.inputs.ingest.Ingest} is the
 * one way a topic is read, parsed, time-checked and its rejects dead-lettered.
 */
package io.netpulse.topology.inputs;
