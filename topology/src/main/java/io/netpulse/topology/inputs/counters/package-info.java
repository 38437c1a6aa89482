/**
 * Interface counters, from netpulse's Avro samples and Telegraf's SNMP metrics, turned into usable intervals
 * between two polls: {@link io.netpulse.topology.inputs.counters.CounterSamples} brings the samples in,
 * {@link io.netpulse.topology.inputs.counters.CounterDeltaProcessor} puts each interface's polls in order and
 * {@link io.netpulse.topology.inputs.counters.CounterDelta} judges two of them (wraps, reboots, resets, gaps);
 * {@link io.netpulse.topology.inputs.counters.MinuteSpread} spreads an interval over the minutes it covers.
 */
package io.netpulse.topology.inputs.counters;
