/**
 * Telegraf's SNMP metrics (outputs.kafka, json data format) as interface counter samples;
 * {@link io.netpulse.topology.ingest.telegraf.TelegrafCounters} adds the path to the topology.
 */
package io.netpulse.topology.ingest.telegraf;
