package io.netpulse.bench;

import io.netpulse.app.AppConfig;
import io.netpulse.app.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
 * The Kafka Streams floor: the least a Kafka Streams application of netpulse's kind costs per record with netpulse's
 * own Kafka Streams settings (exactly-once, commit interval, stream threads, record cache, bounded RocksDB, client
 * supplier and handlers, and whatever {@code NETPULSE_KAFKA_*} adds). Each input record is keyed by a hash of its
 * bytes into as many keys as the workload has sources, repartitioned carrying only its size, and counted per key in
 * changelogged RocksDB stores; it parses nothing. Its shape is {@code n} such repartitions of the input, each
 * counted in {@code n} stores: 1 is the least any aggregation by source does; netpulse's flows cross two
 * repartitions into about a dozen stores. netpulse cannot be faster than the floor of its shape on the same machine,
 * so its rate is stated against it: what is left between them is netpulse's own work.
 */
final class StreamsFloor {

    private StreamsFloor() {
    }

    /**
     * Runs the floor application of {@code shape} over {@code topic} until its offsets are committed to the end of the
     * input and of its repartitions; {@code keys} is the number of distinct keys (the workload's sources).
     */
    static NetpulseRun.CaughtUp run(String bootstrap, String topic, long records, int keys, int shape, Path dir,
                                    String runId, Duration timeout, Consumer<String> progress)
            throws InterruptedException, ExecutionException {
        String applicationId = "netpulse-bench-floor-" + runId;
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(ConfigKey.KAFKA_BOOTSTRAP.environmentName(), bootstrap);
        environment.put(ConfigKey.STATE_DIR.environmentName(), dir.toString());
        environment.put(ConfigKey.APPLICATION_ID.environmentName(), applicationId);
        environment.put(ConfigKey.PEER_KEY.environmentName(), UUID.randomUUID().toString());
        AppConfig config = AppConfig.load(Optional.empty(), environment, new Properties());
        // the dead-letter bound: the broker's default max.message.bytes (nothing here is dead-lettered)
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
            long deadline = System.nanoTime() + timeout.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline || streams.state().hasCompletedShutdown()) {
                    throw new IllegalStateException("the Kafka Streams floor did not start: " + streams.state());
                }
                Thread.sleep(50);
            }
            return NetpulseRun.awaitCaughtUp(bootstrap, applicationId, topic, records, timeout, progress);
        }
    }
}
