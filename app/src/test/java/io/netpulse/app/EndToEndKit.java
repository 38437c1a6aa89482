package io.netpulse.app;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the end-to-end tests share: netpulse instances configured on free loopback ports with short time settings,
 * topics written and read the way exporters and downstream consumers do (plain Kafka clients, read_committed), and
 * HTTP polled until an answer is right. Every wait is a {@link Waits} wait of at most {@link Waits#WAIT}; the
 * assertions come after it.
 */
final class EndToEndKit {

    /** The longest any wait may take before the test fails. */
    static final Duration WAIT = Waits.WAIT;
    /** Rate windows close 3 minutes after their end (max gap 2 min + lateness 1 min). */
    static final Duration MAX_GAP = Duration.ofMinutes(2);
    static final Duration LATENESS = Duration.ofMinutes(1);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EndToEndKit() {
    }

    /** The peer key every test instance is configured with, so that the instances of one test reach each other. */
    static final String PEER_KEY = "the-peer-key-of-the-end-to-end-tests";

    /**
     * The environment of one test instance: HTTP on {@code 127.0.0.1:httpPort}, the peer listener on another free
     * port of 127.0.0.1 (its application.server) with the tests' peer key, its own state directory, no demo
     * exporter, small RocksDB memory and the short rate grace above.
     */
    static Map<String, String> environment(Path stateDir, int httpPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("NETPULSE_HTTP_HOST", "127.0.0.1");
        environment.put("NETPULSE_HTTP_PORT", Integer.toString(httpPort));
        environment.put("NETPULSE_APPLICATION_SERVER", "127.0.0.1:" + EmbeddedKafka.freePort());
        environment.put("NETPULSE_PEER_KEY", PEER_KEY);
        environment.put("NETPULSE_KAFKA_PORT", "0");
        environment.put("NETPULSE_STATE_DIR", stateDir.toString());
        environment.put("NETPULSE_DEMO_EXPORTER", "false");
        environment.put("NETPULSE_ROCKSDB_MEMORY", "16MiB");
        environment.put("NETPULSE_SHUTDOWN_TIMEOUT", "PT30S");
        environment.put("NETPULSE_RATES_MAX_GAP", MAX_GAP.toString());
        environment.put("NETPULSE_RATES_LATENESS", LATENESS.toString());
        return environment;
    }

    /**
     * The configuration read from {@code environment}, plus Kafka Streams' internal emit interval of windowed
     * aggregations set to 0 (a {@code kafka.} key passed through; its underscores cannot be written as an environment
     * variable): closed windows are emitted on every record rather than at most once a second of wall-clock time.
     */
    static AppConfig config(Map<String, String> environment) {
        Properties system = new Properties();
        String emitInterval = StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION;
        system.setProperty("netpulse.kafka." + emitInterval, "0");
        return AppConfig.load(Optional.empty(), environment, system);
    }

    /** The start of the minute 20 minutes ago: event times well inside every retention and bound. */
    static Instant recentMinute() {
        Instant now = Instant.now();
        return Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60).minus(Duration.ofMinutes(20));
    }

    /** A 64-bit counter sample without sysUpTime. */
    static CounterSample sample(String device, int ifIndex, Instant pollTime, long inOctets, long outOctets) {
        return CounterSample.newBuilder()
                .setDevice(device)
                .setIfIndex(ifIndex)
                .setPollTime(pollTime)
                .setInOctets(inOctets)
                .setOutOctets(outOctets)
                .setCounterWidth(64)
                .build();
    }

    /** One flow of {@code bytes} and {@code packets}, unsampled, received at {@code receivedAt}. */
    static FlowRecord flow(String exporter, Instant receivedAt, long bytes, long packets) {
        return FlowRecord.newBuilder()
                .setExporter(exporter)
                .setSrcAddr("192.0.2.10")
                .setDstAddr("198.51.100.20")
                .setBytes(bytes)
                .setPackets(packets)
                .setFlows(1)
                .setSamplingRate(1)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(receivedAt.minusSeconds(1))
                .setFlowEnd(receivedAt)
                .setReceivedAt(receivedAt)
                .build();
    }

    /**
     * Writes {@code records} in order (idempotent producer, all acks) and returns where each one landed. Records up
     * to 4 MiB leave this producer, so the broker's own limit is the one a test meets.
     */
    static List<RecordMetadata> produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                landed.add(future.get());
            }
            return landed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("producing failed", e.getCause());
        }
    }

    /** A record for {@code topic} with a UTF-8 key. */
    static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, as a downstream consumer would, until
     * {@code done} accepts what was read or {@link #WAIT} passed; returns everything read.
     */
    static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrap, String topic,
                                                          Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Waits.lastOf(Waits.await(topic + " read until done").pollInterval(Duration.ofMillis(1)), () -> {
                if (!done.test(read)) {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                }
                return read;
            }, done);
        }
        return read;
    }

    /** Every committed record of {@code topic}, read to the end its partitions have now. */
    static List<ConsumerRecord<byte[], byte[]>> readToEnd(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Waits.await(topic + " read to its end").pollInterval(Duration.ofMillis(1)).until(() -> {
                if (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return read;
    }

    /** The value of header {@code name}, as UTF-8 text. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * The demo token the embedded issuer writes to {@code <state.dir>/demo-token.jwt} at start, when the instance
     * has one (authentication wired); every data API then needs it.
     */
    static Optional<String> demoToken(Path stateDir) {
        Path file = stateDir.resolve("demo-token.jwt");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code request} with {@code Authorization: Bearer <token>} when there is a token. */
    static HttpRequest withToken(HttpRequest request, Optional<String> token) {
        if (token.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token.get())
                .build();
    }

    /** Sends {@code request} and returns the answer as text. */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET of {@code url}. */
    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
    }

    /** A POST of a JSON {@code body} to {@code url}. */
    static HttpRequest postJson(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends {@code request} until {@code done} accepts the answer or {@link #WAIT} passed; returns the last answer. */
    static HttpResponse<String> sendUntil(Supplier<HttpRequest> request, Predicate<HttpResponse<String>> done) {
        HttpResponse<String> response = Waits.lastOf(Waits.await("an accepted answer from " + request.get().uri()),
                () -> sendQuietly(request.get()), answer -> answer != null && done.test(answer));
        if (response == null) {
            throw new AssertionError("no answer from " + request.get().uri() + " within " + WAIT);
        }
        return response;
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) {
        Waits.await(what).until(condition::getAsBoolean);
    }

    private static HttpResponse<String> sendQuietly(HttpRequest request) {
        try {
            return send(request);
        } catch (UncheckedIOException e) {
            return null; // not listening yet, or just stopped
        }
    }

    /** The instances holding active partitions, as {@code netpulse}'s metadata says; none while not running. */
    static Set<HostInfo> activeHolders(Netpulse netpulse) {
        Set<HostInfo> holders = new HashSet<>();
        try {
            for (StreamsMetadata metadata : netpulse.streams().metadataForAllStreamsClients()) {
                if (!metadata.topicPartitions().isEmpty()) {
                    holders.add(metadata.hostInfo());
                }
            }
        } catch (IllegalStateException e) {
            return Set.of();
        }
        return holders;
    }

    /**
     * Whether the query named {@code name} answers 200 with its expected body at {@code base}; false while nothing
     * listens there yet (an instance starting or killed).
     */
    static boolean answers(String base, List<MultiInstanceTraffic.Query> queries, String name,
                           Optional<String> token) {
        MultiInstanceTraffic.Query query = queries.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow();
        try {
            HttpResponse<String> response = send(withToken(query.request().apply(base), token));
            return response.statusCode() == 200 && response.body().equals(query.expected());
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
