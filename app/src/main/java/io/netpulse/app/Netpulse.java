package io.netpulse.app;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.AssignmentGuard;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running netpulse instance. It owns every component and their lifecycle: {@link #start()} brings them up in
 * data-flow order (broker, topics, registry, serdes, topology, Kafka Streams, token verification, HTTP server,
 * demo exporter) and
 * {@link #close()} stops them in reverse, within {@code shutdown.timeout}, leaving the local state for the next
 * start. Kafka Streams' state is never wiped here: a restart resumes from it (and from the changelogs).
 */
public final class Netpulse implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Netpulse.class);
    /** How long reading the inventory into the directory may take at start before the start fails. */
    private static final Duration DIRECTORY_BOOTSTRAP_TIMEOUT = Duration.ofSeconds(60);
    /** The OpenAPI document of every API, kept beside them in query-api and served at /openapi. */
    static final String OPENAPI_DOCUMENT = "META-INF/openapi.yml";

    private final AppConfig config;
    private final Deque<Stoppable> running = new ArrayDeque<>();
    private final StreamsHealth health;
    private final BiFunction<TopologySettings, AvroSerdes, Topology> topology;
    private String bootstrapServers;
    private KafkaStreams streams;
    private URI registryUrl;
    private ApiAuthentication authentication;
    private WebServer server;

    /** A started component and how to stop it within the time left. */
    private record Stoppable(String name, StopAction action) {
    }

    @FunctionalInterface
    private interface StopAction {
        void stop(Duration timeLeft) throws Exception;
    }

    /** An instance running {@link NetpulseTopology}. */
    public Netpulse(AppConfig config) {
        this(config, NetpulseTopology::build);
    }

    /** An instance running another topology: tests of the platform that must not depend on every flow. */
    Netpulse(AppConfig config, BiFunction<TopologySettings, AvroSerdes, Topology> topology) {
        this.config = Objects.requireNonNull(config, "config");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.health = new StreamsHealth(ProcessHandle.current().info().startInstant());
    }

    /**
     * Starts every component; when one fails, stops those already started and rethrows.
     *
     * @return this, running
     */
    public Netpulse start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        boolean embedded = config.kafka().embedded();
        if (embedded) {
            EmbeddedKafka broker = new EmbeddedKafka(config.stateDir().resolve("kafka"),
                    config.kafka().port(), config.kafka().controllerPort());
            running.push(new Stoppable("embedded Kafka broker", timeLeft -> broker.close()));
            broker.start();
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = config.kafka().bootstrap().orElseThrow();
        }
        Map<String, Object> clientProperties = config.kafkaClientProperties(bootstrapServers);

        boolean embeddedRegistry = config.registry().url().isEmpty();
        int deadLetterMaxMessageBytes;
        try (Admin admin = Admin.create(clientProperties)) {
            TopicSetup.ensure(admin, TopicSetup.specs(config.topics().names(), config.topics().partitions(),
                    embeddedRegistry), config.topics().replication());
            deadLetterMaxMessageBytes = TopicSetup.maxMessageBytes(admin, config.topics().names().deadLetter());
        }

        SchemaRegistryClient registry;
        Optional<EmbeddedSchemaRegistry> embeddedRegistryService;
        if (embeddedRegistry) {
            if (!embedded) {
                // Each embedded registry reads its topic once at start and numbers new schemas on its own: two
                // instances would hand out clashing ids. Several instances need one registry they all use.
                LOG.warn("registry.url is not set: serving the embedded schema registry against a real cluster. It "
                        + "is for a single instance; with several instances set registry.url to one shared registry");
            }
            EmbeddedSchemaRegistry local = EmbeddedSchemaRegistry.start(clientProperties,
                    config.topics().names().schemas());
            running.push(new Stoppable("embedded schema registry", timeLeft -> local.close()));
            registry = local;
            embeddedRegistryService = Optional.of(local);
            registryUrl = URI.create("http://localhost:" + config.http().port() + "/registry");
        } else {
            HttpSchemaRegistryClient remote = new HttpSchemaRegistryClient(config.registry().settings());
            running.push(new Stoppable("schema registry client", timeLeft -> remote.close()));
            registry = remote;
            embeddedRegistryService = Optional.empty();
            registryUrl = config.registry().url().orElseThrow();
        }

        AvroSerdes serdes = new AvroSerdes(registry);
        DirectoryBootstrap.run(clientProperties, Topics.of(config.settings().topics(), serdes), serdes,
                DIRECTORY_BOOTSTRAP_TIMEOUT);
        Topology built = topology.apply(config.settings(), serdes);
        String instanceId = StaticMembership.resolve(config.membership().instanceId(),
                config.streams().applicationServer(), config.stateDir());
        Properties streamsProperties = config.streamsProperties(bootstrapServers, instanceId,
                deadLetterMaxMessageBytes);
        CrashedTasks crashedTasks = CrashedTasks.of(streamsProperties);
        crashedTasks.clear();
        KafkaStreams streams = new KafkaStreams(built, streamsProperties);
        this.streams = streams;
        streams.setStateListener((newState, oldState) -> {
            health.onChange(newState, oldState);
            if (newState == KafkaStreams.State.RUNNING) {
                try {
                    crashedTasks.record(activeTasks(streams));
                } catch (RuntimeException stateChangedMeanwhile) {
                    // never fail Kafka Streams' own state change; no record is safer than a stale one
                    LOG.warn("Cannot read the active tasks to record them", stateChangedMeanwhile);
                    crashedTasks.forget();
                }
            }
        });
        streams.setUncaughtExceptionHandler(health);
        running.push(new Stoppable("Kafka Streams", timeLeft -> {
            if (closeStreams(streams, timeLeft)) {
                crashedTasks.forget();
            }
        }));
        streams.start();

        StreamsMeters meters = StreamsMeters.bind(streams, Metrics.globalRegistry());
        running.push(new Stoppable("Kafka Streams meters", timeLeft -> meters.close()));

        ApiAuthentication auth = ApiAuthentication.start(config.auth(), config.stateDir(), Clock.systemUTC());
        authentication = auth;
        running.push(new Stoppable("token verifier", timeLeft -> auth.close()));

        HostInfo self = config.streams().applicationServer();
        AssignmentGuard guard = AssignmentGuard.of(streams, self);
        QueryDeps queries = new QueryDeps(config.settings(),
                KeyLocator.of(streams, self, config.query().allowStandby(), guard),
                LocalStores.of(streams, config.query().allowStandby(), globalStores(built), guard),
                new RemoteQueryClient(config.query().forwardTimeout(), config.query().peerKey(), guard),
                Clock.systemUTC(),
                auth.authenticator());
        Pipeline pipeline = Pipeline.of(queries);
        WebServerConfig.Builder http = WebServer.builder()
                .host(config.http().host())
                .port(config.http().port())
                .shutdownHook(false) // Main's hook stops everything in order
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(health.liveness())
                                .addCheck(health.readiness())
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .addFeature(OpenApiFeature.builder().staticFile(OPENAPI_DOCUMENT).build())
                .routing(routing -> routes(routing, embeddedRegistryService, auth, pipeline));
        QueryRoutes.listener(http, auth.authenticator());
        QueryRoutes.peerListener(http, self, pipeline);
        server = http.build().start();
        running.push(new Stoppable("HTTP server", timeLeft -> server.stop()));
        if (!server.isRunning() || server.port() < 0 || server.port(QueryRoutes.PEER_SOCKET) < 0) {
            // Helidon logs a listener that cannot bind and starts none: without this the instance would run deaf
            throw new IllegalStateException("the HTTP server did not start: public listener " + config.http().host()
                    + ":" + config.http().port() + ", peer listener " + self.host() + ":" + self.port()
                    + " (application.server); see the log above (a port in use, or an address not of this host)");
        }
        LOG.info("HTTP server listening on {}:{}, peer listener on {}:{}", config.http().host(), server.port(),
                self.host(), server.port(QueryRoutes.PEER_SOCKET));

        if (embedded && config.demoExporter()) {
            DemoExporter exporter = new DemoExporter(clientProperties, config.topics().names(), serdes,
                    DemoExporter.DEFAULT_SEED, DemoExporter.BACKFILL, Clock.systemUTC());
            running.push(new Stoppable("demo exporter", timeLeft -> exporter.close()));
            exporter.start();
        } else if (config.demoExporter() && !embedded) {
            LOG.info("demo.exporter is ignored against a real cluster (kafka.bootstrap is set)");
        }
    }

    /**
     * Every route of the public listener. Open without a token: the embedded issuer's JWK set, the error pages,
     * registry reads, the dashboard's static files (its data comes from the APIs, with the user's token), the
     * OpenAPI document and (added by the observe feature) /observe/health. From this host or with a token
     * ({@link OperatorAccess}): /observe/metrics and registry writes. Every data route authenticates inside
     * {@link QueryRoutes}; the internal routes are on the peer listener only.
     */
    static void routes(HttpRouting.Builder routing, Optional<EmbeddedSchemaRegistry> registry,
                       ApiAuthentication auth, Pipeline queries) {
        OperatorAccess operator = OperatorAccess.of(auth.authenticator());
        routing.addFilter(AssignmentGuard.requestScope());
        routing.addFilter(operator.metrics());
        registry.ifPresent(r -> routing.register("/registry", r.service(operator::permitsRegistryWrite)));
        auth.registerOpenRoutes(routing);
        QueryRoutes.register(routing, queries);
        Dashboard.register(routing);
    }

    /** Global stores are on every instance and never move: no assignment check applies to them. */
    private static Set<String> globalStores(Topology topology) {
        return topology.describe().globalStores().stream()
                .flatMap(global -> global.processor().stores().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when Kafka Streams closed within {@code timeLeft}, every task closed cleanly. */
    private static boolean closeStreams(KafkaStreams streams, Duration timeLeft) {
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(timeLeft));
        if (!closed) {
            LOG.warn("Kafka Streams did not close within {}", timeLeft);
        }
        return closed;
    }

    /** The ids of the tasks this instance runs as active, which name their state directories. */
    private static Set<String> activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().toString())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The Kafka cluster this instance uses (the embedded broker's address in embedded mode). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The schema registry's base URL (served by this instance in embedded mode). */
    public URI registryUrl() {
        return registryUrl;
    }

    /** The demo token (every scope) the embedded issuer wrote at start; empty with an external issuer. */
    public Optional<Path> demoToken() {
        return authentication == null ? Optional.empty() : authentication.demoToken();
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return server.port();
    }

    /** The port the peer listener listens on (application.server's). */
    public int peerPort() {
        return server.port(QueryRoutes.PEER_SOCKET);
    }

    /** Liveness and readiness of this instance. */
    public StreamsHealth health() {
        return health;
    }

    /** The Kafka Streams client, for tests that check where keys live. */
    KafkaStreams streams() {
        return streams;
    }

    /** The configuration this instance runs with. */
    public AppConfig config() {
        return config;
    }

    /** Stops every started component in reverse order within {@code shutdown.timeout}; safe to call twice. */
    @Override
    public synchronized void close() {
        if (running.isEmpty()) {
            return;
        }
        Instant deadline = Instant.now().plus(config.shutdownTimeout());
        LOG.info("Shutting down (timeout {})", config.shutdownTimeout());
        while (!running.isEmpty()) {
            Stoppable component = running.pop();
            Duration timeLeft = Duration.between(Instant.now(), deadline);
            if (timeLeft.isNegative()) {
                timeLeft = Duration.ZERO;
            }
            try {
                component.action().stop(timeLeft);
            } catch (Exception e) {
                LOG.warn("Stopping the {} failed", component.name(), e);
            }
        }
        LOG.info("Stopped; state kept in {}", config.stateDir());
    }
}
