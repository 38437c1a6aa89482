package io.netpulse.topology.inputs.counters.telegraf;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.Combiner;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.inputs.ingest.Ingest;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Telegraf's SNMP metrics as interface counter samples: the {@code telegraf} topic read through {@link Ingest} with
 * {@link TelegrafMetricParser}, re-keyed and repartitioned by device, then merged per interface and poll.
 *
 * <p>Why a merge: inputs.snmp writes each table as its own metric, so a poll of ifTable and ifXTable gives two
 * rows per interface, each stamped with the end of its own table walk, and sysUpTime in a third metric.
 * The rules, per device (all of a device's rows are on one task, in the partition of every
 * {@link InterfaceKey} of that device):
 * <ol>
 *   <li>Rows of one interface whose times lie within {@code pollWindow} of the poll's first row are one poll.
 *       The sample takes the 64-bit counters when any row has them, else the 32-bit ones, so the two tables never
 *       count twice; its poll time is the time of the row the counters came from; its speed is ifHighSpeed x 10^6
 *       when above 0, else ifSpeed unless 0 or 4294967295, else unknown; its name is ifName, else ifDescr.
 *       A row repeating counters of a width the poll already has is a duplicate (an at-least-once resend, two
 *       agents polling one device): the first wins, and the repeat is counted and dropped, never merged.</li>
 *   <li><b>Emission</b>, whichever comes first:
 *       <ul>
 *         <li>the device has moved on: the first record of the same device (any interface row or its uptime)
 *             whose time is at least {@code pollWindow} after the poll's first row, in practice the next poll. The
 *             device's own clock is used, not the task's stream time, because one task reads many Telegraf agents
 *             whose Kafka flushes are not in step: a device whose records arrive behind stream time must not have
 *             its two tables emitted apart;</li>
 *         <li>{@code pollWindow} has passed in wall-clock time since the poll's first row arrived (checked every
 *             second), so the newest rate is not a whole Telegraf interval late and the last poll of a device that
 *             stops is emitted. After a restart, open polls count as arriving at init.</li>
 *       </ul>
 *       The sample is the same whichever closed the poll. A row arriving after its poll was emitted belongs to a
 *       poll already final: it is counted as late and dropped, never emitted as a second sample of that poll.</li>
 *   <li>The sample carries the device's last sysUpTime reading when that metric's time lies within {@code pollWindow}
 *       of the poll (Telegraf reads it just before the tables), else none: the rates then fall back to their
 *       wrap-or-reset rule. A second reading within {@code pollWindow} of the stored one is a duplicate too: the
 *       first wins.</li>
 *   <li>Once an interface gave 64-bit counters, a poll with only 32-bit ones (its ifXTable row missing) is not
 *       emitted for {@code counterWidthMemory}: a 32-bit value after a 64-bit one would read as a huge decrease.
 *       It is counted.</li>
 *   <li>A row with no {@code ifIndex}/{@code index} tag is matched by its ifName (else ifDescr) against the names
 *       the device's indexed rows carried (as ifName or ifDescr), learnt in a store and so kept across polls. When
 *       no indexed row carried that name yet, the row is held like an open poll (closed as in rule 2) waiting
 *       for one of the same poll; unmatched, it is counted and dropped. The inventory is not consulted: it may not
 *       exist, and the device itself is the authority on its names. {@code index_as_tag = true} avoids all of it.</li>
 * </ol>
 *
 * <p><b>Why two repartitions.</b> This one ({@value #BY_DEVICE}) brings a device's rows to one task for the merge:
 * Telegraf keys records by {@code routing_tag} when set, but hashes keys with its Kafka client's own partitioner,
 * never netpulse's, and writes no key at all without it. The merged samples then join netpulse.counters' samples
 * in the counter pipeline's own repartition ({@link io.netpulse.topology.inputs.counters.CounterSamples#REPARTITION}).
 * Merging them after that repartition instead would put two repartition topics in the sub-topology of the rate
 * stores whose partition counts Kafka Streams sizes independently (from {@code telegraf} and
 * {@code netpulse.counters}; a merge, unlike a join, makes no co-partitioning group): once the counts differ, a
 * device's samples, its stores and the query API's {@link io.netpulse.topology.InterfaceKey#partitioner()} would
 * disagree on its partition. The second hop costs one Avro sample of about 50 bytes per interface and poll.
 *
 * <p>Before this repartition a device's rows are joined in the order they came until the next commit
 * ({@link io.netpulse.topology.Combiner}, {@link RowBatch}), so a poll crosses it as one record rather than one
 * per interface, and the merge reads the device's rows in exactly the order it would have read them one by one.
 */
public final class TelegrafCounters {

    /**
     * Name of the repartition step; Kafka Streams names its topic
     * {@code <application.id>-telegraf-by-device-repartition}.
     */
    public static final String BY_DEVICE = "telegraf-by-device";

    private TelegrafCounters() {
    }

    /**
     * Adds the Telegraf path and returns its samples, keyed by interface and stamped with their poll time, for the
     * counter pipeline to merge with the samples of {@code netpulse.counters}. The stream carries no serdes: the
     * consumer sets them ({@link InterfaceKey#serde()} and an Avro serde of {@link CounterSample}) where it
     * repartitions or materialises.
     */
    public static KStream<InterfaceKey, CounterSample> samples(StreamsBuilder builder, Topics topics,
                                                             ExporterSettings.Telegraf settings,
                                                             Ingest.TimeBounds bounds) {
        KStream<byte[], TelegrafRow> rows = Ingest.source(builder, topics.telegraf(), "telegraf",
                new TelegrafMetricParser(settings), Ingest.EventTime.of(TelegrafRow::time, TelegrafRow::device), bounds, topics.deadLetter());
        return rows
                .selectKey((key, row) -> row.device(), Named.as("telegraf-key-by-device"))
                .mapValues(RowBatch::of, Named.as("telegraf-batch"))
                .process(Combiner.perKey(StoreNames.TELEGRAF_BATCHES, RowBatch::plus, RowBatch::fits),
                        Named.as("telegraf-combine"))
                .repartition(Repartitioned.<String, RowBatch>as(BY_DEVICE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TelegrafSerdes.batches())
                        .withStreamPartitioner(new DevicePartitioner()))
                .flatMapValues(RowBatch::rows, Named.as("telegraf-rows"))
                .process(new TelegrafMerge(settings), Named.as("telegraf-merge"));
    }

    /** Puts a device's rows in the partition of every {@link InterfaceKey} of the device: with their state. */
    static final class DevicePartitioner implements StreamPartitioner<String, RowBatch> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String device, RowBatch rows, Headers headers,
                                                 int partitions) {
            return Optional.of(Set.of(InterfaceKey.partitionOf(device, partitions)));
        }

        /** Kafka 4.4 still declares this one abstract; it is deprecated for the variant with headers. */
        @Override
        @SuppressWarnings("removal")
        public Optional<Set<Integer>> partitions(String topic, String device, RowBatch rows, int partitions) {
            return Optional.of(Set.of(InterfaceKey.partitionOf(device, partitions)));
        }
    }
}
