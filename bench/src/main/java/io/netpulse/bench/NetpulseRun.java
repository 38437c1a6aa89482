package io.netpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netpulse.app.AppConfig;
import io.netpulse.app.ConfigKey;
import io.netpulse.app.EmbeddedKafka;
import io.netpulse.app.Netpulse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * netpulse itself on the bench: one or more instances in this JVM against the broker, timed from the moment they
 * are all ready (consumption starts) until the application has committed every input record and every record of
 * its own repartition topics, then checked through the public APIs.
 */
final class NetpulseRun implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS = Duration.ofSeconds(5);
    private static final String MISMATCH = "  MISMATCH";

    private final String bootstrap;
    private final String applicationId;
    /** The instances of one run forward to each other; a fresh key per run is all they need to share. */
    private final String peerKey = java.util.UUID.randomUUID().toString();
    private final List<Netpulse> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NetpulseRun(String bootstrap, String applicationId) {
        this.bootstrap = bootstrap;
        this.applicationId = applicationId;
    }

    /** Starts {@code count} instances reading {@code workload}'s records from {@code inputTopic}. */
    static NetpulseRun start(Workload workload, String bootstrap, String inputTopic, int count, Path dir,
                             String runId) {
        NetpulseRun run = new NetpulseRun(bootstrap, "netpulse-bench-" + runId);
        Path signingKey = dir.resolve("signing-key.jwk.json");
        for (int i = 0; i < count; i++) {
            // besides what every application of the bench has, the ports and the input topic
            Map<String, String> environment = environment(bootstrap, dir.resolve("instance-" + i),
                    run.applicationId, run.peerKey);
            environment.put(ConfigKey.HTTP_HOST.environmentName(), "127.0.0.1");
            environment.put(ConfigKey.HTTP_PORT.environmentName(), Integer.toString(EmbeddedKafka.freePort()));
            // a free port of its own: the default, http.port + 1, may be taken (a client's ephemeral port)
            environment.put(ConfigKey.APPLICATION_SERVER.environmentName(), "127.0.0.1:" + EmbeddedKafka.freePort());
            environment.put(ConfigKey.DEMO_EXPORTER.environmentName(), "false");
            environment.put(ConfigKey.AUTH_SIGNING_KEY.environmentName(), signingKey.toString());
            environment.put(workload.topicKey().environmentName(), inputTopic);
            environment.putIfAbsent(ConfigKey.INPUTS.environmentName(), workload.inputs());
            if (i > 0) {
                environment.put(ConfigKey.REGISTRY_URL.environmentName(), run.instances.getFirst().registryUrl()
                        .toString());
            }
            AppConfig config = AppConfig.load(Optional.empty(), environment, new Properties());
            if (!config.topics().names().reads(workload.input())) {
                throw new IllegalArgumentException(ConfigKey.INPUTS.environmentName() + " leaves out "
                        + workload.input().key() + ", the input of profile " + workload.name()
                        + ": netpulse would never read its records");
            }
            run.instances.add(new Netpulse(config).start());
        }
        return run;
    }

    /**
     * The caller's {@code NETPULSE_*} settings (say {@code NETPULSE_KAFKA_NUM_STREAM_THREADS=2}) with what the bench
     * decides for an application on its broker: the broker, the state, the application id and the peer key (which
     * an instance on a shared broker must have).
     */
    static Map<String, String> environment(String bootstrap, Path stateDir, String applicationId, String peerKey) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(ConfigKey.KAFKA_BOOTSTRAP.environmentName(), bootstrap);
        environment.put(ConfigKey.STATE_DIR.environmentName(), stateDir.toString());
        environment.put(ConfigKey.APPLICATION_ID.environmentName(), applicationId);
        environment.put(ConfigKey.PEER_KEY.environmentName(), peerKey);
        return environment;
    }

    /** Waits until every instance reports ready: Kafka Streams is running and has restored its stores. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        while (!instances.stream().allMatch(instance -> instance.health().ready())) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException("netpulse did not get ready within " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * How long the input took to be committed, and when its committed offsets were first seen past half of it (polled
     * every 250 ms, so somewhat past half; {@code halfwayRecords} is -1 when that poll was the last): the rate from
     * there on is what a warm instance does, with the JIT compilers' work of the first seconds mostly behind.
     */
    record CaughtUp(Duration took, long halfwayRecords, Duration halfwayAt) {

        /** Input records per second over the whole run. */
        double perSecond(long inputRecords) {
            return inputRecords / (took.toNanos() / 1e9);
        }

        /** Input records per second after the halfway mark; empty when no poll saw the input half done. */
        OptionalDouble secondHalfPerSecond(long inputRecords) {
            return halfwayRecords < 0 ? OptionalDouble.empty() : OptionalDouble.of(
                    (inputRecords - halfwayRecords) / ((took.toNanos() - halfwayAt.toNanos()) / 1e9));
        }
    }

    /**
     * Waits until the application's committed offsets reach the end of every partition it reads (the input topic
     * and its own repartition topics), printing progress.
     */
    CaughtUp awaitCaughtUp(String inputTopic, long inputRecords, Duration timeout, Consumer<String> progress)
            throws InterruptedException, ExecutionException {
        return awaitCaughtUp(bootstrap, applicationId, inputTopic, inputRecords, timeout, progress);
    }

    /** {@link #awaitCaughtUp(String, long, Duration, Consumer)} for any Kafka Streams application on the broker. */
    static CaughtUp awaitCaughtUp(String bootstrap, String applicationId, String inputTopic, long inputRecords,
                                  Duration timeout, Consumer<String> progress)
            throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        long lastProgress = start;
        long halfwayRecords = -1;
        long halfwayAt = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Set<String> read = new java.util.TreeSet<>(Set.of(inputTopic));
                admin.listTopics().names().get().stream()
                        .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                        .forEach(read::add);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(read).allTopicNames().get().forEach((topic, description) ->
                        description.partitions().forEach(partition ->
                                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
                Map<TopicPartition, Long> end = new HashMap<>();
                admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                long consumed = 0;
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                    OffsetAndMetadata offset = committed.get(partition.getKey());
                    long at = offset == null ? 0 : offset.offset();
                    lag += partition.getValue() - at;
                    if (partition.getKey().topic().equals(inputTopic)) {
                        consumed += at;
                    }
                }
                long now = System.nanoTime();
                if (lag == 0 && consumed >= inputRecords) {
                    return new CaughtUp(Duration.ofNanos(now - start), halfwayRecords,
                            Duration.ofNanos(halfwayAt - start));
                }
                if (halfwayRecords < 0 && consumed >= inputRecords / 2) {
                    halfwayRecords = consumed;
                    halfwayAt = now;
                }
                if (now - start > timeout.toNanos()) {
                    throw new IllegalStateException(applicationId + " did not catch up within " + timeout + ": "
                            + consumed + " of " + inputRecords + " input records committed, lag " + lag);
                }
                if (now - lastProgress >= PROGRESS.toNanos()) {
                    lastProgress = now;
                    progress.accept(String.format("  ... %,d of %,d input records committed (%.0f %%), lag %,d on"
                                    + " %d input and repartition partitions, %.0f s", consumed, inputRecords,
                            100.0 * consumed / inputRecords, lag, end.size(), (now - start) / 1e9));
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** What the public APIs of instance {@code index} count for the workload, as one line; empty when all agree. */
    String verify(Workload.Expected expected, int index) throws IOException, InterruptedException {
        Netpulse instance = instances.get(index);
        String token = Files.readString(instance.demoToken().orElseThrow(
                () -> new IllegalStateException("no demo token: the bench needs the embedded issuer"))).strip();
        String base = "http://127.0.0.1:" + instance.httpPort();
        StringBuilder found = new StringBuilder();
        if (expected.flows() > 0) {
            long minutes = Duration.between(expected.since(), Instant.now()).toMinutes() + 2;
            String body = "{\"stats_type\":\"flows_per_minute\",\"interval_type\":\"minutes\",\"time_interval\":"
                    + minutes + ",\"source_ip\":\"\"}";
            String answer = send(HttpRequest.newBuilder(URI.create(base
                            + "/api/mgmt.flowgateway_analytics/1.0/import_stats"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            JsonNode rows = JSON.readTree(answer);
            long flows = 0;
            Set<String> sources = new java.util.HashSet<>();
            for (JsonNode row : rows) {
                flows += row.get("n_flows").asLong();
                sources.add(row.get("source_ip").asText());
            }
            found.append(String.format("import_stats counts %,d flows of %,d from %,d sources (%,d rows, SHA-256 %s)",
                    flows, expected.flows(), sources.size(), rows.size(), digest(answer)));
            if (flows != expected.flows()) {
                found.append(MISMATCH);
            }
        }
        if (expected.interfaces() > 0) {
            String answer = send(HttpRequest.newBuilder(URI.create(base + "/interfaces"))
                    .header("Authorization", "Bearer " + token).GET().build());
            JsonNode listed = JSON.readTree(answer);
            long bench = 0;
            for (JsonNode entry : listed.path("interfaces")) {
                if (entry.path("device").asText().startsWith("bench-")) {
                    bench++;
                }
            }
            found.append(String.format("/interfaces lists %,d interfaces of %,d (SHA-256 %s)", bench,
                    expected.interfaces(), digest(answer)));
            if (bench != expected.interfaces()) {
                found.append(MISMATCH);
            }
            Instant from = expected.since().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
            String range = "{\"from\": \"" + from + "\", \"to\": \"" + from.plus(Duration.ofHours(4)) + "\"}";
            StringBuilder series = new StringBuilder();
            List<String> ids = new ArrayList<>();
            listed.path("interfaces").forEach(entry -> ids.add(entry.path("interface_id").asText()));
            for (String id : ids.stream().sorted().limit(20).toList()) {
                series.append(send(HttpRequest.newBuilder(URI.create(base + "/metrics/interfaces/"
                                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/metrics"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(range)).build()));
            }
            long points = JSON.readTree("[" + series.toString().replace("}{", "},{") + "]")
                    .findValues("ifInOctets").stream().mapToLong(JsonNode::size).sum();
            found.append(String.format(", rates of the first 20: %,d points (SHA-256 %s)", points,
                    digest(series.toString())));
        }
        return found.toString();
    }

    /**
     * The verification line of each instance, asked again for up to {@code patience} while any differs from what
     * is expected (the directory that lists interfaces is a global table, filled a moment after the commit).
     */
    List<String> verifyEach(Workload.Expected expected, Duration patience) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < instances.size(); i++) {
                lines.add(verify(expected, i));
            }
            if (lines.stream().noneMatch(line -> line.endsWith(MISMATCH))
                    || System.nanoTime() - start > patience.toNanos()) {
                return lines;
            }
            Thread.sleep(1_000);
        }
    }

    /** Bytes on disk per store name, over every task of every instance, largest first. */
    Map<String, Long> storeBytes(Path dir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        for (int i = 0; i < instances.size(); i++) {
            Path app = dir.resolve("instance-" + i).resolve("streams").resolve(applicationId);
            if (!Files.isDirectory(app)) {
                continue;
            }
            try (Stream<Path> tasks = Files.list(app)) {
                for (Path task : tasks.toList()) {
                    Path rocksdb = task.resolve("rocksdb");
                    if (!Files.isDirectory(rocksdb)) {
                        continue;
                    }
                    try (Stream<Path> stores = Files.list(rocksdb)) {
                        for (Path store : stores.toList()) {
                            sizes.merge(store.getFileName().toString(), bytesUnder(store), Long::sum);
                        }
                    }
                }
            }
        }
        return sizes;
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** The first 16 hex digits of the SHA-256 of {@code answer}: equal answers, equal digests. */
    private static String digest(String answer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(answer.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        instances.reversed().forEach(Netpulse::close);
        http.close();
    }
}
