package io.netpulse.topology;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.BillingPeriod;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.schema.aggregate.SiteVolume;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.schema.inventory.InventoryEntry;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the topology with its serdes, built from configured names. Input topics are read as bytes
 * (see {@link io.netpulse.topology.inputs.ingest.Ingest}); output topics carry Confluent-framed Avro.
 *
* @param names          the configured names
 * @param counters       input: netpulse's counter samples (Avro), read as bytes
 * @param telegraf       input: Telegraf's JSON metrics, read as bytes
 * @param flows          input: netpulse's flow records (Avro), read as bytes
 * @param flowMessages   input: goflow2's flow messages (JSON or protobuf), read as bytes
 * @param pmacct         input: pmacct's flow records (its Kafka plugin's JSON), read as bytes
 * @param inventory      input: the inventory (JSON or Avro), read as bytes
 * @param deadLetter     rejected records, raw, with {@code __streams.errors.*} headers
 * @param directory      every known interface and address, normalized (compacted, read back as a global table)
 * @param interfaceRates final per-minute interface rates, keyed by {@link InterfaceKey}
 * @param sourceStats    final per-minute flow statistics per source device, keyed by its IP address
 * @param siteVolume     final per-minute site volumes, keyed by site UUID
 * @param ipStats        final hourly traffic statistics per inventory IP address, keyed by the address
 * @param alerts         every change of an alert (raised, cleared), keyed by the alert id
 * @param billing        95th-percentile billing per interface, site and IP address and closed month, keyed by
 *                       {@code <subject>:<id>}
 * @param serdes         the Avro serdes behind these topics, also for internal topics and stores
 */
public record Topics(TopicNames names, Topic<byte[], byte[]> counters, Topic<byte[], byte[]> telegraf,
                     Topic<byte[], byte[]> flows, Topic<byte[], byte[]> flowMessages, Topic<byte[], byte[]> pmacct,
                     Topic<byte[], byte[]> inventory, Topic<byte[], byte[]> deadLetter, Topic<String, InventoryEntry> directory,
                     Topic<InterfaceKey, InterfaceRate> interfaceRates,
                     Topic<String, SourceWindowStats> sourceStats,
                     Topic<String, SiteVolume> siteVolume,
                     Topic<String, IpTrafficWindowStats> ipStats, Topic<String, Alert> alerts,
                     Topic<String, BillingPeriod> billing, AvroSerdes serdes) {

    public static Topics of(TopicNames names, AvroSerdes serdes) {
        return new Topics(names, raw(names.counters()), raw(names.telegraf()), raw(names.flows()),
                raw(names.flowMessages()), raw(names.pmacct()), raw(names.inventory()), raw(names.deadLetter()),
                new Topic<>(names.directory(), Serdes.String(), serdes.framed(InventoryEntry.class)),
                new Topic<>(names.interfaceRates(), InterfaceKey.serde(), serdes.framed(InterfaceRate.class)),
                new Topic<>(names.sourceStats(), Serdes.String(), serdes.framed(SourceWindowStats.class)),
                new Topic<>(names.siteVolume(), Serdes.String(), serdes.framed(SiteVolume.class)),
                new Topic<>(names.ipStats(), Serdes.String(), serdes.framed(IpTrafficWindowStats.class)),
                new Topic<>(names.alerts(), Serdes.String(), serdes.framed(Alert.class)),
                new Topic<>(names.billing(), Serdes.String(), serdes.framed(BillingPeriod.class)), serdes);
    }

    private static Topic<byte[], byte[]> raw(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }
}
