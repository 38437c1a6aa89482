package io.netpulse.bench;

import io.netpulse.app.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams floor: what Kafka Streams itself does per record on this machine with netpulse's own Kafka Streams
 * settings, for an application that sends every record through {@code n} repartitions, each counted per key in
 * {@code n} changelogged stores, and parses nothing (records are keyed by a hash of their bytes into as many keys as
 * the workload has sources). A plain consumer says what the broker can hand out; this says what is left once the
 * engine's own work per record, the transactions and the changelogs are paid, so netpulse's distance to it is its
 * own work. It is not a bound for netpulse: netpulse sums records before its repartitions, and can send fewer
 * records across them than it reads.
 */
final class StreamsFloor {

    private StreamsFloor() {
    }

    /**
     * Runs the floor application of {@code shape} over {@code topic} until its offsets are committed to the end of the
     * input and of its repartitions; {@code keys} is the number of distinct keys (the workload's sources).
     *
     * @throws IllegalStateException when Kafka Streams fails, or is not running within {@code ready}
     */
    static NetpulseRun.CaughtUp run(String bootstrap, String topic, long records, int keys, int shape, Path dir,
                                    String runId, Duration ready, Duration timeout, Consumer<String> progress)
            throws InterruptedException, ExecutionException {
        String applicationId = "netpulse-bench-floor-" + runId;
        AppConfig config = AppConfig.load(Optional.empty(),
                NetpulseRun.environment(bootstrap, dir, applicationId, UUID.randomUUID().toString()),
                new Properties());
        // one instance: its static member id is its own; nothing here is dead-lettered, so the dead-letter bound is
        // the broker's default max.message.bytes
        Properties props = config.streamsProperties(bootstrap, applicationId + "-0", 1_048_588);

        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> input = builder.stream(topic,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-input"));
        for (int repartition = 0; repartition < shape; repartition++) {
            int salt = repartition;
            KGroupedStream<String, Integer> byKey = input
                    .map((key, value) -> KeyValue.pair(
                            Integer.toString(Math.floorMod(Arrays.hashCode(value) + salt, keys)), value.length),
                            Named.as("floor-key-" + repartition))
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.Integer())
                            .withName("floor-by-key-" + repartition))
                    .groupByKey();
            for (int store = 0; store < shape; store++) {
                String name = "floor-count-" + repartition + "-" + store;
                byKey.count(Named.as(name), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(name)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
            }
        }
        try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
            streams.start();
            // timed from RUNNING, as netpulse is timed from ready
            long deadline = System.nanoTime() + ready.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                    throw new IllegalStateException("the Kafka Streams floor did not start: " + streams.state());
                }
                Thread.sleep(50);
            }
            // the progress lines come every few seconds: a failed floor ends the wait at the next one
            return NetpulseRun.awaitCaughtUp(bootstrap, applicationId, topic, records, timeout, line -> {
                if (!streams.state().isRunningOrRebalancing()) {
                    throw new IllegalStateException("the Kafka Streams floor stopped: " + streams.state());
                }
                progress.accept(line);
            });
        }
    }
}
