package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.postJson;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.readToEnd;
import static io.netpulse.app.EndToEndKit.recentMinute;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.sample;
import static io.netpulse.app.EndToEndKit.sendUntil;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that cannot be reached is nobody's record's fault: valid records read during the outage are not
 * dead-lettered. The task fails, the instance reports not live, and once restarted with the registry back it counts
 * every record exactly once.
 */
class RegistryOutageEndToEndTest {

    private static final String DEVICE = "outage-edge-1";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void recordsReadWhileTheRegistryIsDownAreCountedAfterTheRestartNotDeadLettered() {
        EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0, 0).start();
        EmbeddedSchemaRegistry registry = null;
        WebServer registryServer = null;
        Netpulse netpulse = null;
        try {
            registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    "_outage-schemas");
            int registryPort = freePort();
            registryServer = serve(registry, registryPort);
            int httpPort = freePort();
            Map<String, String> environment = environment(dir.resolve("state"), httpPort);
            environment.put("NETPULSE_KAFKA_BOOTSTRAP", broker.bootstrapServers());
            environment.put("NETPULSE_REGISTRY_URL", "http://127.0.0.1:" + registryPort + "/registry");
            environment.put("NETPULSE_APPLICATION_ID", "netpulse-outage");
            // A crashed client does not leave its group: the restarted one waits for its session to expire (45 s by
            // default; the broker's minimum here).
            environment.put("NETPULSE_KAFKA_SESSION_TIMEOUT_MS", "6000");
            environment.put("NETPULSE_KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
            AppConfig config = config(environment);
            String counters = config.topics().names().counters();
            Instant t0 = recentMinute();
            AvroSerdes serdes = new AvroSerdes(registry);
            List<ProducerRecord<byte[], byte[]>> polls = new ArrayList<>();
            for (int minute = 0; minute <= 3; minute++) {
                CounterSample poll = sample(DEVICE, 1, t0.plus(Duration.ofMinutes(minute)),
                        1_000_000_000L + minute * 7_500_000L, 5_000_000L + minute * 1_500_000L);
                polls.add(record(counters, DEVICE, serdes.framed(CounterSample.class).serializer()
                        .serialize(counters, poll)));
            }

            netpulse = new Netpulse(config).start();
            Netpulse first = netpulse;
            EndToEndKit.await("instance ready", () -> first.health().ready());
            registryServer.stop();
            registryServer = null;
            produce(broker.bootstrapServers(), polls);
            EndToEndKit.await("the instance reports not live", () -> !first.health().live());

            assertThat(readToEnd(broker.bootstrapServers(), config.topics().names().deadLetter()))
                    .as("no valid record dead-lettered during the outage").isEmpty();

            netpulse.close();
            registryServer = serve(registry, registryPort);
            netpulse = new Netpulse(config).start();
            Netpulse restarted = netpulse;
            EndToEndKit.await("restarted instance ready", () -> restarted.health().ready());
            String url = "http://127.0.0.1:" + httpPort + "/metrics/interfaces/"
                    + new InterfaceKey(DEVICE, 1).derivedId() + "/metrics";
            String range = "{\"from\":\"" + t0 + "\",\"to\":\"" + t0.plus(Duration.ofMinutes(3)) + "\"}";
            String expected = "{\"ifInOctets\":[" + points(t0, "1000000") + "],\"ifOutOctets\":["
                    + points(t0, "200000") + "]}";
            Optional<String> token = EndToEndKit.demoToken(dir.resolve("state"));
            HttpResponse<String> rates = sendUntil(() -> withToken(postJson(url, range), token),
                    response -> response.statusCode() == 200 && response.body().equals(expected));

            assertThat(rates.statusCode()).isEqualTo(200);
            assertThat(rates.body()).as("every poll counted once: 7,500,000 octets in, 1,500,000 out a minute")
                    .isEqualTo(expected);
            assertThat(restarted.health().live()).isTrue();
            assertThat(readToEnd(broker.bootstrapServers(), config.topics().names().deadLetter())).isEmpty();
        } finally {
            if (netpulse != null) {
                netpulse.close();
            }
            if (registryServer != null) {
                registryServer.stop();
            }
            if (registry != null) {
                registry.close();
            }
            broker.close();
        }
    }

    private static WebServer serve(EmbeddedSchemaRegistry registry, int port) {
        return WebServer.builder().host("127.0.0.1").port(port)
                .routing(routing -> routing.register("/registry", registry.service(request -> true)))
                .build().start();
    }

    private static String points(Instant t0, String value) {
        List<String> points = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            points.add("{\"clock\":\"" + CLOCK.format(t0.plus(Duration.ofMinutes(minute))) + "\",\"value\":" + value
                    + "}");
        }
        return String.join(",", points);
    }
}
