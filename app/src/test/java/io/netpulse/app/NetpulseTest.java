package io.netpulse.app;

import static io.netpulse.app.EmbeddedKafka.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.testkit.Waits;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system in embedded mode, on free ports: broker, topics, registry, topology, Kafka Streams and the
 * HTTP server, then a clean stop and a restart on the same state.
 */
class NetpulseTest {

    private static final Duration WAIT = Waits.WAIT;
    private static final String PROBE_EVENT = "platform-probe";

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsReadyServesHealthMetricsAndRegistryThenRestartsOnItsState() throws Exception {
        int httpPort = freePort();
        int peerPort = freePort();
        AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_HTTP_PORT", Integer.toString(httpPort),
                "NETPULSE_APPLICATION_SERVER", "localhost:" + peerPort,
                "NETPULSE_HTTP_HOST", "127.0.0.1",
                "NETPULSE_KAFKA_PORT", "0",
                "NETPULSE_STATE_DIR", stateDir.toString(),
                "NETPULSE_DEMO_EXPORTER", "false",
                "NETPULSE_SHUTDOWN_TIMEOUT", "PT20S"), new Properties());
        String base = "http://127.0.0.1:" + httpPort;
        Path activeTasksRecord = stateDir.resolve("streams").resolve(config.streams().applicationId())
                .resolve(CrashedTasks.FILE);

        try (Netpulse netpulse = new Netpulse(config, NetpulseTest::withProbe).start()) {
            assertThat(netpulse.registryUrl()).isEqualTo(URI.create("http://localhost:" + httpPort + "/registry"));
            assertThat(netpulse.httpPort()).isEqualTo(httpPort);

            HttpResponse<String> ready = awaitResponse(base + "/observe/health/ready", r -> r.statusCode() == 200);
            HttpResponse<String> health = get(base + "/observe/health");
            HttpResponse<String> subjects = get(base + "/registry/subjects");
            produce(netpulse.bootstrapServers(), config.topics().names().deadLetter());
            HttpResponse<String> metrics = awaitResponse(base + "/observe/metrics",
                    r -> r.body().contains("netpulse_" + PROBE_EVENT.replace('-', '_') + "_total{"));

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"state\":\"RUNNING\"");
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.headers().firstValue("Content-Type"))
                    .contains("application/vnd.schemaregistry.v1+json");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body().lines().filter(line -> line.startsWith("netpulse_platform_probe_total{")
                    && line.contains("source=\"all\"")))
                    .singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0"));
            assertThat(metrics.body().lines().filter(line -> line.startsWith("kafka_stream_alive_stream_threads{")))
                    .singleElement().satisfies(line -> assertThat(line)
                            .endsWith(" " + (double) StreamsProperties.DEFAULT_STREAM_THREADS));
            assertThat(metrics.body()).contains("# TYPE netpulse_platform_probe_total counter");
            assertOpenWithoutATokenAndDataIsNot(base, netpulse);
            EndToEndKit.await("the active tasks recorded", () -> Files.exists(activeTasksRecord));
            assertThat(Files.readAllLines(activeTasksRecord)).as("the tasks running as active, as their directories"
                    + " are named").isNotEmpty().isEqualTo(activeTaskIds(netpulse.streams()));
        }
        assertThat(Files.exists(activeTasksRecord)).as("a clean stop deletes the record").isFalse();

        try (Netpulse restarted = new Netpulse(config, NetpulseTest::withProbe).start()) {
            HttpResponse<String> ready = awaitResponse(base + "/observe/health/ready", r -> r.statusCode() == 200);

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(restarted.health().live()).isTrue();
        }
    }

    /**
     * Health, metrics, the registry, the JWK set and the error pages answer without a token; every data route
     * answers 401 without one and its data with the demo token. The public listener serves no internal path; the
     * peer listener (application.server, by default localhost on the HTTP port plus one) refuses a caller without
     * the peer key, the demo token notwithstanding.
     */
    private void assertOpenWithoutATokenAndDataIsNot(String base, Netpulse netpulse) throws Exception {
        Path demoToken = stateDir.toAbsolutePath().normalize().resolve("demo-token.jwt");
        String bearer = "Bearer " + Files.readString(demoToken).strip();
        HttpResponse<String> jwks = get(base + "/.well-known/jwks.json");
        HttpResponse<String> errorPage = get(base + "/docs/errors/invalid_token");
        HttpResponse<String> interfaces = get(base + "/interfaces");
        HttpResponse<String> internalOnPublic = get(base + "/internal/v1/interfaces");
        HttpResponse<String> peerWithoutKey = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + netpulse.peerPort() + "/internal/v1/interfaces")).header("Authorization", bearer)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> importStats = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/mgmt.flowgateway_analytics/1.0/import_stats"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(base + "/interfaces"))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(netpulse.demoToken()).contains(demoToken);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).isEqualTo(Files.readString(stateDir.resolve("auth/jwks.json")));
        assertThat(errorPage.statusCode()).isEqualTo(200);
        assertThat(interfaces.statusCode()).isEqualTo(401);
        assertThat(interfaces.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"netpulse\"");
        assertThat(interfaces.body()).isEqualTo("{\"type\":\"authentication_error\",\"code\":"
                + "\"authentication_required\",\"message\":\"Authentication required.\",\"doc_url\":"
                + "\"/docs/errors/authentication_required\"}");
        assertThat(internalOnPublic.statusCode()).isEqualTo(404);
        assertThat(internalOnPublic.body()).isEqualTo("{\"type\":\"invalid_request_error\",\"code\":"
                + "\"resource_missing\",\"message\":\"Nothing is served at this path.\",\"doc_url\":"
                + "\"/docs/errors/resource_missing\"}");
        assertThat(netpulse.peerPort()).isEqualTo(netpulse.config().streams().applicationServer().port());
        assertThat(peerWithoutKey.statusCode()).isEqualTo(401);
        assertThat(peerWithoutKey.headers().firstValue("X-Netpulse-Peer-Refused")).contains("peer_key_missing");
        assertThat(importStats.statusCode()).isEqualTo(401);
        assertThat(importStats.body())
                .isEqualTo("{\"error_id\":\"AUTH_REQUIRED\",\"error_text\":\"Authentication required.\"}");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).isEqualTo("{\"interfaces\":[]}");
        assertThat(Banner.text(netpulse)).contains("  curl -s -H \"Authorization: Bearer $(cat " + demoToken + ")\" "
                + "http://localhost:" + netpulse.httpPort() + "/interfaces" + System.lineSeparator());
    }

    @Test
    void stopsEveryComponentOnClose() throws Exception {
        int httpPort = freePort();
        int peerPort = freePort();
        AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_HTTP_PORT", Integer.toString(httpPort),
                "NETPULSE_APPLICATION_SERVER", "localhost:" + peerPort,
                "NETPULSE_HTTP_HOST", "127.0.0.1",
                "NETPULSE_KAFKA_PORT", "0",
                "NETPULSE_STATE_DIR", stateDir.toString(),
                "NETPULSE_DEMO_EXPORTER", "false"), new Properties());
        Netpulse netpulse = new Netpulse(config, NetpulseTest::withProbe).start();
        awaitResponse("http://127.0.0.1:" + httpPort + "/observe/health/ready", r -> r.statusCode() == 200);

        netpulse.close();
        netpulse.close();

        assertThat(netpulse.health().ready()).isFalse();
        assertThat(netpulse.health().live()).isTrue();
        try (ServerSocket socket = new ServerSocket(httpPort)) {
            assertThat(socket.getLocalPort()).as("the HTTP port is free again").isEqualTo(httpPort);
        }
        try (ServerSocket socket = new ServerSocket(peerPort)) {
            assertThat(socket.getLocalPort()).as("the peer port is free again").isEqualTo(peerPort);
        }
    }

    @Test
    void aPeerListenerThatCannotBindFailsTheStartAndStopsWhatStarted() throws Exception {
        int httpPort = freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int peerPort = taken.getLocalPort();
            AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                    "NETPULSE_HTTP_PORT", Integer.toString(httpPort),
                    "NETPULSE_APPLICATION_SERVER", "127.0.0.1:" + peerPort,
                    "NETPULSE_HTTP_HOST", "127.0.0.1",
                    "NETPULSE_KAFKA_PORT", "0",
                    "NETPULSE_STATE_DIR", stateDir.toString(),
                    "NETPULSE_DEMO_EXPORTER", "false"), new Properties());
            Netpulse netpulse = new Netpulse(config, NetpulseTest::withProbe);

            assertThatThrownBy(netpulse::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the HTTP server did not start: public listener 127.0.0.1:" + httpPort
                            + ", peer listener 127.0.0.1:" + peerPort + " (application.server); see the log above"
                            + " (a port in use, or an address not of this host)");
            assertThat(netpulse.health().ready()).isFalse();
        }
        try (ServerSocket socket = new ServerSocket(httpPort)) {
            assertThat(socket.getLocalPort()).as("the HTTP port is free again").isEqualTo(httpPort);
        }
    }

    private static List<String> activeTaskIds(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().toString())
                .sorted()
                .toList();
    }

    /**
     * The real topology plus a probe on the dead-letter topic (which the topology only writes), counting what it
     * sees with the project's own metrics, so the test does not depend on which flows exist yet.
     */
    private static Topology withProbe(TopologySettings settings, AvroSerdes serdes) {
        Topology topology = NetpulseTopology.build(settings, serdes);
        topology.addSource("platform-probe-source", Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer(), settings.topics().deadLetter());
        topology.addProcessor("platform-probe", ProbeProcessor::new, "platform-probe-source");
        return topology;
    }

    private static final class ProbeProcessor implements Processor<byte[], byte[], Void, Void> {
        private TopologyMetrics metrics;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            metrics = new TopologyMetrics(context);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            metrics.count(PROBE_EVENT, TopologyMetrics.ALL);
        }
    }

    private static void produce(String bootstrap, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "probe".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code url} until {@code done} accepts the answer or {@link #WAIT} passed; returns the last answer. */
    private HttpResponse<String> awaitResponse(String url, Predicate<HttpResponse<String>> done)
            throws IOException, InterruptedException {
        return Waits.lastOf(Waits.await("an accepted answer from " + url, WAIT), () -> get(url), done);
    }
}
