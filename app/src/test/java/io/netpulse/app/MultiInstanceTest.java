package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.recentMinute;
import static io.netpulse.app.EndToEndKit.send;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.netpulse.app.MultiInstanceTraffic.Key;
import io.netpulse.app.MultiInstanceTraffic.Query;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.AssignmentGuard;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.topology.NetpulseTopology;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two netpulse instances in one JVM against one broker and one schema registry, sharing an application id, each with
 * its own state directory, HTTP port and application.server. Every API answers every query byte for byte the same
 * from both (a key held here is read locally, one held there is forwarded, "every ..." fans out), with the totals
 * computed by hand; with one instance stopped the other answers the same once it holds everything; restarted on its
 * old state, the totals are unchanged: nothing lost, nothing counted twice. While Kafka Streams cannot answer, every
 * API says 503 with Retry-After and its own body, never a partial answer.
 */
class MultiInstanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(MultiInstanceTest.class);
    private static final String APPLICATION_ID = "netpulse-multi";

    @TempDir
    static Path dir;

    private static EmbeddedKafka broker;
    private static EmbeddedSchemaRegistry registry;
    private static WebServer registryServer;

    @BeforeAll
    static void startBrokerAndRegistry() {
        broker = new EmbeddedKafka(dir.resolve("broker"), 0, 0).start();
        // The registry of a real deployment: outside both instances, so either may stop.
        registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", broker.bootstrapServers()),
                "_multi-instance-schemas");
        registryServer = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/registry", registry.service(request -> true)))
                .build().start();
    }

    @AfterAll
    static void stopBrokerAndRegistry() {
        try {
            if (registryServer != null) {
                registryServer.stop();
            }
        } finally {
            try {
                if (registry != null) {
                    registry.close();
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    /**
     * How the two instances share their stores.
     *
     * @param name         the setup, also the prefix of its topics and application id (the broker is shared)
     * @param standbys     num.standby.replicas
     * @param allowStandby query.allow-standby
     */
    record Sharing(String name, int standbys, boolean allowStandby) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sharing> sharings() {
        return List.of(new Sharing("active", 0, false), new Sharing("standby", 1, true));
    }

    /**
     * The whole life of two instances: both answering, one stopped, the same one restarted. With standby replicas
     * that may answer, each instance also reads keys whose standby copy it holds, while fan-outs still read active
     * copies only (a standby beside its active copy would count a partition twice).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sharings")
    void everyApiAnswersTheSameFromEitherInstanceThroughAStopAndARestart(Sharing sharing) {
        int portA = freePort();
        int portB = freePort();
        // Each instance's peer listener, its application.server: the address forwarded queries go to.
        HostInfo hostA = new HostInfo("127.0.0.1", freePort());
        // B's peer listener binds and advertises localhost: other instances reach it by its advertised name.
        HostInfo hostB = new HostInfo("localhost", freePort());
        AppConfig configA = instance(dir.resolve(sharing.name() + "-a"), portA, hostA, sharing);
        AppConfig configB = instance(dir.resolve(sharing.name() + "-b"), portB, hostB, sharing);
        MultiInstanceTraffic traffic = new MultiInstanceTraffic(recentMinute());
        List<Query> queries = traffic.queries();
        String baseA = "http://127.0.0.1:" + portA;
        String baseB = "http://127.0.0.1:" + portB;

        Netpulse a = null;
        Netpulse b = null;
        try {
            a = new Netpulse(configA).start();
            b = new Netpulse(configB).start();
            Netpulse first = a;
            Netpulse second = b;
            // With authentication wired, A's demo token; both instances trust it (one shared signing key).
            Optional<String> token = EndToEndKit.demoToken(dir.resolve(sharing.name() + "-a"));
            EndToEndKit.await("both instances ready and holding partitions",
                    () -> first.health().ready() && second.health().ready() && EndToEndKit.activeHolders(first).equals(Set.of(hostA,
                            hostB)) && EndToEndKit.activeHolders(second).equals(Set.of(hostA, hostB)));

            produce(broker.bootstrapServers(), traffic.inventory(configA.topics().names()));
            // The directory (a global table on every instance) and the site memberships must know the inventory
            // before the traffic is attributed through it.
            EndToEndKit.await("the inventory reached both instances",
                    () -> EndToEndKit.answers(baseA, queries, "interface list", token)
                            && EndToEndKit.answers(baseB, queries, "interface list", token));
            produce(broker.bootstrapServers(), traffic.traffic(configA.topics().names(),
                    new AvroSerdes(registry)));

            Map<String, String> fromA = awaitAnswers(baseA, queries, token);
            Map<String, String> fromB = awaitAnswers(baseB, queries, token);

            // With standbys answering, A's answers for keys whose standby it holds came from those copies: they
            // are caught up, which the failover below relies on.
            assertThat(fromA).isEqualTo(expected(queries));
            assertThat(fromB).as("byte for byte what A answers").isEqualTo(fromA);
            for (List<Key> keys : MultiInstanceTraffic.keysByStore()) {
                Set<HostInfo> holders = new HashSet<>();
                keys.forEach(key -> holders.add(MultiInstanceTraffic.activeHost(first.streams(), key)));
                assertThat(holders).as("%s: keys held by each instance, so both local and forwarded reads answered",
                        keys.getFirst().store()).isEqualTo(Set.of(hostA, hostB));
            }

            long stopStarted = System.nanoTime();
            b.close();
            b = null;
            List<HttpResponse<String>> transition = new ArrayList<>();
            Map<String, String> aloneA = awaitAnswers(baseA, queries, token, transition);
            LOG.info("{}: B stopped, A answered every query alone after {} ms; {} answers of 503 on the way",
                    sharing, (System.nanoTime() - stopStarted) / 1_000_000, transition.stream()
                            .filter(r -> r.statusCode() == 503).count());

            assertThat(aloneA).isEqualTo(expected(queries));
            assertThat(transition).as("during the rebalance: a complete answer or 503 with Retry-After, never part")
                    .allSatisfy(response -> assertCompleteOrUnavailable(response, queries));

            long restartStarted = System.nanoTime();
            b = new Netpulse(configB).start();
            Netpulse restarted = b;
            EndToEndKit.await("B ready again", () -> restarted.health().ready());
            LOG.info("{}: B restarted on its state directory, ready after {} ms", sharing,
                    (System.nanoTime() - restartStarted) / 1_000_000);
            EndToEndKit.await("both instances holding partitions again", () -> EndToEndKit.activeHolders(first).equals(
                    Set.of(hostA, hostB)) && EndToEndKit.activeHolders(restarted).equals(Set.of(hostA, hostB)));
            List<HttpResponse<String>> rejoining = new ArrayList<>();
            Map<String, String> againA = awaitAnswers(baseA, queries, token, rejoining);
            Map<String, String> againB = awaitAnswers(baseB, queries, token, rejoining);

            assertThat(againA).as("after the restart: nothing lost, nothing counted twice")
                    .isEqualTo(expected(queries));
            assertThat(againB).isEqualTo(againA);
            assertThat(rejoining).as("while B rejoins: a complete answer or 503 with Retry-After, never part")
                    .allSatisfy(response -> assertCompleteOrUnavailable(response, queries));
        } finally {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        }
    }

    @Test
    void everyApiAnswers503WithItsOwnBodyWhileKafkaStreamsCannotAnswer() {
        AppConfig config = instance(dir.resolve("not-started"), freePort(), new HostInfo("127.0.0.1", 1),
                sharings().getFirst());
        AvroSerdes serdes = new AvroSerdes(registry);
        Topology topology = NetpulseTopology.build(config.settings(), serdes);
        HostInfo self = config.streams().applicationServer();
        // A client that was never started: its metadata answers "not started", as during the first rebalance.
        try (KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties(broker.bootstrapServers()));
             ApiAuthentication auth = ApiAuthentication.start(config.auth(), config.stateDir(), Clock.systemUTC())) {
            AssignmentGuard guard = AssignmentGuard.of(streams, self);
            QueryDeps deps = QueryDepsBuilder.over(LocalStores.of(streams, false, Set.of(), guard))
                    .settings(config.settings()).locator(KeyLocator.of(streams, self, false, guard))
                    .remote(new RemoteQueryClient(Duration.ofSeconds(2), config.query().peerKey(), guard))
                    .clock(Clock.systemUTC()).authenticator(auth.authenticator()).build();
            Optional<String> token = EndToEndKit.demoToken(config.stateDir());
            WebServerConfig.Builder http = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(routing -> {
                        routing.addFilter(AssignmentGuard.requestScope());
                        QueryRoutes.register(routing, deps);
                    });
            QueryRoutes.listener(http, auth.authenticator());
            WebServer server = http.build().start();
            try {
                String base = "http://127.0.0.1:" + server.port();
                List<Query> queries = new MultiInstanceTraffic(recentMinute()).queries();

                for (Query query : queries) {
                    HttpResponse<String> response = send(withToken(query.request().apply(base), token));

                    assertThat(response.statusCode()).as(query.name()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).as(query.name()).contains("5");
                    assertThat(response.body()).as(query.name()).isEqualTo(unavailableBody(query));
                }
            } finally {
                server.stop();
            }
        }
    }

    private static AppConfig instance(Path stateDir, int httpPort, HostInfo advertised, Sharing sharing) {
        Map<String, String> environment = environment(stateDir, httpPort);
        environment.put("NETPULSE_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        environment.put("NETPULSE_REGISTRY_URL", "http://127.0.0.1:" + registryServer.port() + "/registry");
        environment.put("NETPULSE_APPLICATION_ID", sharing.name() + "-" + APPLICATION_ID);
        environment.put("NETPULSE_APPLICATION_SERVER", advertised.host() + ":" + advertised.port());
        environment.put("NETPULSE_NUM_STANDBY_REPLICAS", Integer.toString(sharing.standbys()));
        environment.put("NETPULSE_QUERY_ALLOW_STANDBY", Boolean.toString(sharing.allowStandby()));
        // One signing key for the embedded issuer of every instance, so
        // each accepts the tokens of the others and forwards the caller's token.
        environment.put("NETPULSE_AUTH_SIGNING_KEY", dir.resolve(sharing.name() + "-signing-key.jwk.json").toString());
        // Each setup on its own topics: the broker outlives a test, and input read again would count twice.
        for (ConfigKey<?> key : ConfigKey.values()) {
            if (key.key().startsWith("topics.") && key != ConfigKey.TOPICS_PARTITIONS
                    && key != ConfigKey.TOPICS_REPLICATION) {
                environment.put(key.environmentName(), sharing.name() + "." + key.defaultValue());
            }
        }
        return config(environment);
    }



    private static Map<String, String> awaitAnswers(String base, List<Query> queries, Optional<String> token) {
        return awaitAnswers(base, queries, token, new ArrayList<>());
    }

    /**
     * Asks every query until it answers as expected or the wait is over, keeping every answer on the way in
     * {@code seen}; returns the last answer of each (status and body when not 200).
     */
    private static Map<String, String> awaitAnswers(String base, List<Query> queries, Optional<String> token,
                                                    List<HttpResponse<String>> seen) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Query query : queries) {
            HttpResponse<String> last = EndToEndKit.sendUntil(() -> withToken(query.request().apply(base), token),
                    response -> {
                        seen.add(response);
                        return response.statusCode() == 200 && response.body().equals(query.expected());
                    });
            answers.put(query.name(), last.statusCode() == 200 ? last.body() : last.statusCode() + " " + last.body());
        }
        return answers;
    }

    private static Map<String, String> expected(List<Query> queries) {
        Map<String, String> expected = new LinkedHashMap<>();
        queries.forEach(query -> expected.put(query.name(), query.expected()));
        return expected;
    }

    /** A complete answer (some query's expected body) or a 503 with Retry-After and one of the APIs' bodies. */
    private static void assertCompleteOrUnavailable(HttpResponse<String> response, List<Query> queries) {
        if (response.statusCode() == 503) {
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.body()).matches("\\{\"type\":\"api_error\",\"code\":\"service_unavailable\".*"
                    + "|\\{\"error_id\":\"SERVICE_UNAVAILABLE\".*|\\{\"serviceUnavailable\":.*");
        } else {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(queries).extracting(Query::expected).contains(response.body());
        }
    }

    /** Each API's 503 body while nothing can be read (interfaces and sites share the error format of their seeds). */
    private static String unavailableBody(Query query) {
        if (query.name().startsWith("import_stats")) {
            return "{\"error_id\":\"SERVICE_UNAVAILABLE\",\"error_text\":\"Statistics are not available right now;"
                    + " retry later.\",\"error_info\":{\"retry_after_seconds\":5}}";
        }
        if (query.name().startsWith("traffic of")) {
            return "{\"serviceUnavailable\":{\"message\":\"GET data error\",\"code\":503,\"details\":\"The statistics"
                    + " cannot be read right now (instances are rebalancing or restoring); retry after 5 seconds.\"}}";
        }
        return "{\"type\":\"api_error\",\"code\":\"service_unavailable\",\"message\":\"The data for this request cannot"
                + " be read right now (instances are rebalancing or restoring); retry after 5 seconds.\","
                + "\"doc_url\":\"/docs/errors/service_unavailable\"}";
    }
}
