/**
 * Telegraf's SNMP metrics (outputs.kafka, json data format) as interface counter samples;
 * {@link io.netpulse.topology.inputs.counters.telegraf.TelegrafCounters} adds the path to the topology.
 */
package io.netpulse.topology.inputs.counters.telegraf;
