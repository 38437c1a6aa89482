package io.netpulse.app;

import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.topology.BoundedRocksDbMemory;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings.RateSettings;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration of one netpulse instance, read once at start-up and passed down through constructors.
 *
 * <p>Each key of {@link ConfigKey} is looked up, later sources winning: its default, then the optional properties
 * file ({@code --config FILE}), then the environment ({@code NETPULSE_HTTP_PORT} for {@code http.port}: uppercased,
 * {@code .} and {@code -} turned into {@code _}), then JVM system properties ({@code -Dnetpulse.http.port}).
 * Any other key starting with {@code kafka.} goes to every Kafka client and to Kafka Streams with the prefix
 * removed, last, so TLS and SASL clusters work by configuration ({@code kafka.security.protocol=SASL_SSL}, or
 * {@code NETPULSE_KAFKA_SECURITY_PROTOCOL}, where {@code _} becomes {@code .}). An unknown key in the file or in
 * a system property is an error (a typo must not be ignored); unknown {@code NETPULSE_*} variables are logged.
 *
 * @param http          where the HTTP server listens
 * @param kafka         the cluster, or the embedded broker's ports, and client properties passed through
 * @param stateDir      local state: Kafka Streams stores and the embedded broker's data
 * @param registry      the schema registry to use; an empty url means the embedded one
 * @param auth          which bearer tokens the APIs accept; no JWK set means the embedded issuer
 * @param streams       Kafka Streams settings of this instance
 * @param membership    how this instance belongs to the Kafka Streams group
 * @param topics        topic names and how netpulse creates the topics
 * @param rates         counter pipeline settings
 * @param flows         flow pipeline settings
 * @param exporters     how Telegraf's and goflow2's own topics are read
 * @param ip            per-IP traffic statistics settings
 * @param alerts        alert thresholds and how long cleared alerts are kept
 * @param demoExporter  whether the synthetic exporter runs (embedded mode only)
 * @param shutdownTimeout how long a clean shutdown may take
 * @param query         how queries use the other instances
 */
public record AppConfig(
        Http http,
        Kafka kafka,
        Path stateDir,
        Registry registry,
        Auth auth,
        Streams streams,
        Membership membership,
        TopicLayout topics,
        RateSettings rates,
        FlowSettings flows,
        ExporterSettings exporters,
        IpSettings ip,
        AlertSettings alerts,
        boolean demoExporter,
        Duration shutdownTimeout,
        Query query) {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfig.class);
    private static final String PASSTHROUGH_PREFIX = "kafka.";
    /** Environment variables the launcher reads itself. */
    private static final String LAUNCHER_ENVIRONMENT = "NETPULSE_JAVA_OPTS";

    public AppConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(exporters, "exporters");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(query, "query");
    }

    /**
     * The HTTP server.
     *
     * @param host address to bind
     * @param port port to bind
     */
    public record Http(String host, int port) {
    }

    /**
     * The Kafka cluster.
     *
     * @param bootstrap      bootstrap servers; empty for the embedded broker
     * @param port           embedded broker client port (0 = a free port)
     * @param controllerPort embedded broker controller port (0 = a free port)
     * @param passthrough    client and Streams properties from {@code kafka.*} keys, prefix removed
     */
    public record Kafka(Optional<String> bootstrap, int port, int controllerPort, Map<String, String> passthrough) {
        public Kafka {
            passthrough = Map.copyOf(passthrough);
        }

        /** True when netpulse starts its own broker. */
        public boolean embedded() {
            return bootstrap.isEmpty();
        }

        @Override
        public String toString() {
            Map<String, String> shown = new TreeMap<>();
            passthrough.forEach((k, v) -> shown.put(k, secret(k) ? "***" : v));
            return "Kafka[bootstrap=" + bootstrap.orElse("embedded") + ", port=" + port
                    + ", controllerPort=" + controllerPort + ", passthrough=" + shown + "]";
        }

        private static boolean secret(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key");
        }
    }

    /**
     * The schema registry.
     *
     * @param url                empty for the embedded registry
     * @param user               basic-auth user
     * @param password           basic-auth password
     * @param truststore         truststore for TLS
     * @param truststorePassword its password
     * @param truststoreType     its type
     */
    public record Registry(Optional<URI> url, Optional<String> user, Optional<String> password,
                           Optional<Path> truststore, Optional<String> truststorePassword, String truststoreType) {

        /** The client settings for a remote registry; only meaningful when {@link #url()} is present. */
        public RegistrySettings settings() {
            RegistrySettings settings = RegistrySettings.of(url.orElseThrow());
            if (user.isPresent()) {
                settings = settings.withBasicAuth(user.get(), password.orElse(""));
            }
            if (truststore.isPresent()) {
                settings = settings.withTrustStore(
                        new RegistrySettings.TrustStore(truststore.get(), truststorePassword, truststoreType));
            }
            return settings;
        }

        @Override
        public String toString() {
            return "Registry[url=" + url.map(URI::toString).orElse("embedded") + ", user=" + user.orElse("none")
                    + ", password=" + password.map(p -> "***").orElse("none")
                    + ", truststore=" + truststore.map(Path::toString).orElse("none") + "]";
        }
    }

    /**
     * Which bearer tokens the APIs accept.
     *
     * @param jwks                   the issuer's JWK set (file or https URL); empty runs the embedded issuer
     * @param issuer                 required {@code iss}
     * @param audience               required member of {@code aud}
     * @param clockSkew              tolerance on {@code exp} and {@code nbf}
     * @param jwksCacheTtl           how long a fetched JWK set is used
     * @param jwksRefreshMinInterval window of the refresh rate limit for unknown key ids
     * @param signingKey             embedded issuer only: a signing key file shared by several instances;
     *                               empty keeps the key in the state directory
     */
    public record Auth(Optional<URI> jwks, String issuer, String audience, Duration clockSkew, Duration jwksCacheTtl,
                       Duration jwksRefreshMinInterval, Optional<Path> signingKey) {

        /** True when netpulse issues (and trusts only) its own tokens. */
        public boolean embeddedIssuer() {
            return jwks.isEmpty();
        }

        /** The verifier's settings, with the JWK set read from {@code jwksLocation}. */
        public AuthSettings settings(URI jwksLocation) {
            return new AuthSettings(jwksLocation, issuer, audience, clockSkew, jwksCacheTtl, jwksRefreshMinInterval);
        }
    }

    /**
     * Kafka Streams settings of this instance.
     *
     * @param applicationId       shared by all instances
     * @param applicationServer   this instance's HTTP endpoint as other instances reach it
     * @param processingGuarantee exactly_once_v2 or at_least_once
     * @param numStandbyReplicas  standby copies of each store
     * @param rocksDbMemoryBytes  bound of all RocksDB memory in the JVM
     * @param metricsMaxSources   per netpulse counter, the sources with their own series
     */
    public record Streams(String applicationId, HostInfo applicationServer, String processingGuarantee,
                          int numStandbyReplicas, long rocksDbMemoryBytes, int metricsMaxSources) {
    }

    /**
     * How this instance belongs to the Kafka Streams group: a static member with a short session, so that a
     * restarted instance takes its partitions back at once and the partitions of one that died move to the others
     * within seconds (see docs/operations.md, "Crashes: restarts and failover").
     *
     * @param instanceId        the configured static member id; empty means the one kept in the state directory
     *                          ({@link StaticMembership})
     * @param sessionTimeout    how long the group waits for a silent member
     * @param heartbeatInterval how often a member heartbeats
     */
    public record Membership(Optional<String> instanceId, Duration sessionTimeout, Duration heartbeatInterval) {
        public Membership {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        }
    }

    /**
     * How this instance answers queries for data other instances hold.
     *
     * @param allowStandby   answer a key query from a local standby copy (or an active one still restoring),
     *                       stale by up to its lag, rather than forward it or answer 503
     * @param forwardTimeout how long another instance may take to answer a forwarded query or its share of a
     *                       fan-out
     * @param peerKey        the key of the deployment: sent to the other instances' peer listeners, required by
     *                       this one's
     */
    public record Query(boolean allowStandby, Duration forwardTimeout, PeerKey peerKey) {
        public Query {
            Objects.requireNonNull(forwardTimeout, "forwardTimeout");
            Objects.requireNonNull(peerKey, "peerKey");
        }
    }

    /**
     * The topics and how netpulse creates them.
     *
     * @param names       topic names
     * @param partitions  partitions of created topics
     * @param replication replication factor of created topics
     */
    public record TopicLayout(TopicNames names, int partitions, short replication) {
    }

    /**
     * Reads the configuration.
     *
     * @param file        the properties file, if one was given
     * @param environment the process environment (a map, so tests inject their own)
     * @param system      JVM system properties
     * @throws ConfigurationException naming the key, the bad value and where it came from
     */
    public static AppConfig load(Optional<Path> file, Map<String, String> environment, Properties system) {
        Map<String, Setting> settings = new HashMap<>();
        file.ifPresent(path -> readFile(path, settings));
        readEnvironment(environment, settings);
        readSystemProperties(system, settings);
        return new Parser(settings).parse();
    }

    /** The defaults alone (embedded mode); for tests and examples. */
    public static AppConfig defaults() {
        return load(Optional.empty(), Map.of(), new Properties());
    }

    /** Everything the topology needs. */
    public TopologySettings settings() {
        return new TopologySettings(topics.names(), rates, flows, exporters, ip, alerts);
    }

    /** Properties of plain Kafka clients (admin, producers): bootstrap plus the passthrough. */
    public Map<String, Object> kafkaClientProperties(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(kafka.passthrough());
        return props;
    }

    /**
     * The Kafka Streams configuration. Handlers, each chosen for a reason:
     * <ul>
     *   <li>deserialization: {@link NetpulseDeserializationExceptionHandler}, since a record that cannot be read
     *       is one bad record, not a reason to stop: it lands in the dead-letter topic with its coordinates; but a
     *       schema registry outage fails the thread rather than skip valid records;</li>
     *   <li>processing: {@link NetpulseProcessingExceptionHandler}: a record that makes a processor throw goes to
     *       the dead-letter topic and processing goes on, but a schema registry outage fails the task, since no
     *       record is to blame and dead-lettering would lose valid ones; enabled for the global thread too, so one
     *       bad inventory record cannot stop the directory;</li>
     *   <li>production: {@link DeadLetterProductionExceptionHandler}: a record the topology cannot serialize, or
     *       one too large to send, goes to the dead-letter topic and processing goes on; another failed send is
     *       retried or fails the thread, since skipping it would lose output silently;</li>
     *   <li>clients: {@link NetpulseClientSupplier}, whose producer fits every dead letter to what the producer and
     *       the dead-letter topic accept ({@link DeadLetterBound}) and refuses any other oversized record before
     *       it can poison a transaction: no record's size stops a thread.</li>
     * </ul>
     * The main consumer is a static member of the group with {@code session.timeout} and {@code heartbeat.interval}
     * (its {@code group.instance.id} is added by {@link #streamsProperties(String, String, int)}). No default serdes
     * are set: every topic and store names its own.
     */
    public Properties streamsProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                streams.applicationServer().host() + ":" + streams.applicationServer().port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("streams").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, streams.processingGuarantee());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.numStandbyReplicas());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.names().deadLetter());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                NetpulseDeserializationExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                NetpulseProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionExceptionHandler.class.getName());
        props.put(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, NetpulseClientSupplier.class.getName());
        props.put(DeadLetterBound.TOPIC_CONFIG, topics.names().deadLetter());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) membership.sessionTimeout().toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) membership.heartbeatInterval().toMillis());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, streams.rocksDbMemoryBytes());
        // INFO (Kafka's default, stated): the metrics an operator needs, RocksDB's property-based ones included,
        // without the per-record cost of DEBUG.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, Sensor.RecordingLevel.INFO.name);
        props.put(TopologyMetrics.MAX_SOURCES_CONFIG, streams.metricsMaxSources());
        props.putAll(kafka.passthrough());
        return props;
    }

    /**
     * {@link #streamsProperties(String)} with what is only known once the instance runs: its static member id
     * ({@link StaticMembership#resolve}) and the dead-letter topic's {@code max.message.bytes} as the broker reports
     * it ({@link TopicSetup#maxMessageBytes}), the second bound of every dead letter besides the producer's
     * {@code max.request.size}.
     */
    public Properties streamsProperties(String bootstrapServers, String instanceId, int deadLetterMaxMessageBytes) {
        Properties props = streamsProperties(bootstrapServers);
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(DeadLetterBound.TOPIC_MAX_MESSAGE_BYTES_CONFIG, deadLetterMaxMessageBytes);
        return props;
    }

    /** A value and where it came from, for error messages. */
    private record Setting(String value, String origin) {
    }

    private static void readFile(Path path, Map<String, Setting> settings) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
        for (String key : props.stringPropertyNames()) {
            requireKnown(key, "file " + path);
            settings.put(key, new Setting(props.getProperty(key).trim(), "file " + path));
        }
    }

    private static void readEnvironment(Map<String, String> environment, Map<String, Setting> settings) {
        Map<String, ConfigKey> byEnvironmentName = new HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            byEnvironmentName.put(key.environmentName(), key);
        }
        String passthroughPrefix = ConfigKey.environmentName(PASSTHROUGH_PREFIX);
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("NETPULSE_") || name.equals(LAUNCHER_ENVIRONMENT)) {
                continue;
            }
            Setting setting = new Setting(variable.getValue().trim(), "environment variable " + name);
            ConfigKey known = byEnvironmentName.get(name);
            if (known != null) {
                settings.put(known.key(), setting);
            } else if (name.startsWith(passthroughPrefix) && name.length() > passthroughPrefix.length()) {
                // Kafka property names use dots only, so every _ of the variable stands for a dot.
                String kafkaKey = name.substring(passthroughPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                settings.put(PASSTHROUGH_PREFIX + kafkaKey, setting);
            } else {
                LOG.warn("Ignoring environment variable {}: it names no netpulse configuration key", name);
            }
        }
    }

    private static void readSystemProperties(Properties system, Map<String, Setting> settings) {
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("netpulse.")) {
                String key = name.substring("netpulse.".length());
                requireKnown(key, "system property " + name);
                settings.put(key, new Setting(system.getProperty(name).trim(), "system property " + name));
            }
        }
    }

    private static void requireKnown(String key, String origin) {
        if (ConfigKey.of(key).isEmpty() && !(key.startsWith(PASSTHROUGH_PREFIX)
                && key.length() > PASSTHROUGH_PREFIX.length())) {
            throw new ConfigurationException("unknown configuration key '" + key + "' in " + origin
                    + " (keys are listed in docs/configuration.md; Kafka properties take the prefix 'kafka.')");
        }
    }

    /** Turns the collected settings into typed values, naming key, value and origin on every error. */
    private static final class Parser {
        private final Map<String, Setting> settings;

        Parser(Map<String, Setting> settings) {
            this.settings = settings;
        }

        AppConfig parse() {
            int httpPort = integer(ConfigKey.HTTP_PORT, 1, 65_535);
            Http http = new Http(text(ConfigKey.HTTP_HOST), httpPort);
            Kafka kafka = new Kafka(optional(ConfigKey.KAFKA_BOOTSTRAP),
                    integer(ConfigKey.KAFKA_PORT, 0, 65_535),
                    integer(ConfigKey.KAFKA_CONTROLLER_PORT, 0, 65_535),
                    passthrough());
            Registry registry = new Registry(
                    optional(ConfigKey.REGISTRY_URL).map(url -> parsed(ConfigKey.REGISTRY_URL, AppConfig::httpUri)),
                    optional(ConfigKey.REGISTRY_USER),
                    optional(ConfigKey.REGISTRY_PASSWORD),
                    optional(ConfigKey.REGISTRY_TRUSTSTORE).map(Path::of),
                    optional(ConfigKey.REGISTRY_TRUSTSTORE_PASSWORD),
                    text(ConfigKey.REGISTRY_TRUSTSTORE_TYPE));
            Path stateDir = Path.of(text(ConfigKey.STATE_DIR)).toAbsolutePath().normalize();
            Auth auth = auth(stateDir);
            Streams streams = new Streams(
                    text(ConfigKey.APPLICATION_ID),
                    applicationServer(httpPort),
                    choice(ConfigKey.PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    integer(ConfigKey.NUM_STANDBY_REPLICAS, 0, 16),
                    parsed(ConfigKey.ROCKSDB_MEMORY, AppConfig::memory),
                    integer(ConfigKey.METRICS_MAX_SOURCES, 1, 10_000));
            Membership membership = membership();
            TopicNames names = new TopicNames(
                    text(ConfigKey.TOPICS_COUNTERS),
                    text(ConfigKey.TOPICS_FLOWS),
                    text(ConfigKey.TOPICS_INVENTORY),
                    text(ConfigKey.TOPICS_TELEGRAF),
                    text(ConfigKey.TOPICS_FLOW_MESSAGES),
                    text(ConfigKey.TOPICS_PMACCT),
                    text(ConfigKey.TOPICS_INTERFACE_RATES),
                    text(ConfigKey.TOPICS_SITE_VOLUME),
                    text(ConfigKey.TOPICS_SOURCE_STATS),
                    text(ConfigKey.TOPICS_IP_STATS),
                    text(ConfigKey.TOPICS_DEAD_LETTER),
                    text(ConfigKey.TOPICS_SCHEMAS),
                    text(ConfigKey.TOPICS_DIRECTORY),
                    text(ConfigKey.TOPICS_ALERTS),
                    text(ConfigKey.TOPICS_BILLING));
            TopicLayout topics = new TopicLayout(names,
                    integer(ConfigKey.TOPICS_PARTITIONS, 1, 10_000),
                    (short) integer(ConfigKey.TOPICS_REPLICATION, 1, Short.MAX_VALUE));
            RateSettings rates = new RateSettings(
                    duration(ConfigKey.RATES_MAX_GAP),
                    duration(ConfigKey.RATES_LATENESS),
                    duration(ConfigKey.RATES_MINUTE_RETENTION),
                    duration(ConfigKey.RATES_FIVE_MINUTE_RETENTION),
                    duration(ConfigKey.RATES_HOUR_RETENTION),
                    positiveLong(ConfigKey.RATES_SPEED_CEILING_BPS));
            FlowSettings flows = new FlowSettings(
                    duration(ConfigKey.FLOWS_GRACE),
                    duration(ConfigKey.FLOWS_SECOND_RETENTION),
                    duration(ConfigKey.FLOWS_MINUTE_RETENTION),
                    duration(ConfigKey.FLOWS_HOUR_RETENTION),
                    positiveLong(ConfigKey.FLOWS_DEFAULT_SAMPLING_RATE),
                    integer(ConfigKey.FLOWS_TOP_TALKERS_CAPACITY, FlowSettings.MIN_TOP_TALKERS_CAPACITY,
                            FlowSettings.MAX_TOP_TALKERS_CAPACITY));
            return new AppConfig(http, kafka, stateDir, registry, auth, streams, membership, topics, rates, flows,
                    exporters(),
                    new IpSettings(
                            duration(ConfigKey.IP_SAMPLE_LENGTH),
                            duration(ConfigKey.IP_SAMPLE_RETENTION),
                            duration(ConfigKey.IP_HOUR_RETENTION),
                            duration(ConfigKey.IP_DAY_RETENTION)),
                    alerts(),
                    bool(ConfigKey.DEMO_EXPORTER),
                    duration(ConfigKey.SHUTDOWN_TIMEOUT),
                    new Query(bool(ConfigKey.QUERY_ALLOW_STANDBY), duration(ConfigKey.QUERY_FORWARD_TIMEOUT),
                            peerKey(kafka)));
        }

        /**
         * The auth.* keys. With auth.jwks an issuer must be named (trusting any issuer of a shared IdP would let its
         * other clients in); auth.signing-key belongs to the embedded issuer only. The settings are checked whole
         * here (skew bound, cache longer than the refresh interval), so a bad combination stops the start.
         */
        private Auth auth(Path stateDir) {
            Optional<URI> jwks = optional(ConfigKey.AUTH_JWKS).map(value -> parsed(ConfigKey.AUTH_JWKS,
                    AuthSettings::jwksLocation));
            Optional<String> issuer = optional(ConfigKey.AUTH_ISSUER);
            if (jwks.isPresent() && issuer.isEmpty()) {
                throw invalid(ConfigKey.AUTH_ISSUER, "must be set with auth.jwks: the iss your issuer writes into"
                        + " its tokens");
            }
            Optional<Path> signingKey = optional(ConfigKey.AUTH_SIGNING_KEY)
                    .map(value -> Path.of(value).toAbsolutePath().normalize());
            if (jwks.isPresent() && signingKey.isPresent()) {
                throw invalid(ConfigKey.AUTH_SIGNING_KEY, "belongs to the embedded issuer; with auth.jwks set,"
                        + " netpulse signs no tokens");
            }
            Auth auth = new Auth(jwks, issuer.orElse(LocalIssuer.DEFAULT_ISSUER), text(ConfigKey.AUTH_AUDIENCE),
                    parsed(ConfigKey.AUTH_CLOCK_SKEW, AppConfig::durationOrZero),
                    duration(ConfigKey.AUTH_JWKS_CACHE_TTL), duration(ConfigKey.AUTH_JWKS_REFRESH_MIN_INTERVAL),
                    signingKey);
            try {
                auth.settings(jwks.orElse(stateDir.resolve(LocalIssuer.JWKS_FILE).toUri()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage(), e);
            }
            return auth;
        }

        /**
         * The group membership keys. The heartbeat must come at least three times per session (Kafka's own advice),
         * or one late heartbeat would expel a live instance; Kafka takes both in whole milliseconds.
         */
        private Membership membership() {
            Optional<String> instanceId = optional(ConfigKey.INSTANCE_ID);
            instanceId.filter(id -> !StaticMembership.isValid(id)).ifPresent(id -> {
                throw invalid(ConfigKey.INSTANCE_ID, "use at most 249 letters, digits, '.', '_' and '-'");
            });
            Duration session = duration(ConfigKey.SESSION_TIMEOUT);
            Duration heartbeat = duration(ConfigKey.HEARTBEAT_INTERVAL);
            if (session.toMillis() > Integer.MAX_VALUE) {
                throw invalid(ConfigKey.SESSION_TIMEOUT, "must be at most " + Integer.MAX_VALUE + " ms");
            }
            if (heartbeat.multipliedBy(3).compareTo(session) > 0) {
                throw invalid(ConfigKey.HEARTBEAT_INTERVAL, "must be at most a third of session.timeout ("
                        + session + ")");
            }
            return new Membership(instanceId, session, heartbeat);
        }

        private ExporterSettings exporters() {
            ExporterSettings.Telegraf telegraf;
            try {
                telegraf = new ExporterSettings.Telegraf(
                        parsed(ConfigKey.TELEGRAF_TIMESTAMP_UNITS, ExporterSettings.Telegraf::timestampUnit),
                        java.util.Set.copyOf(list(ConfigKey.TELEGRAF_INTERFACE_MEASUREMENTS)),
                        text(ConfigKey.TELEGRAF_UPTIME_MEASUREMENT),
                        list(ConfigKey.TELEGRAF_UPTIME_FIELDS),
                        ExporterSettings.UptimeUnit.valueOf(choice(ConfigKey.TELEGRAF_UPTIME_UNIT,
                                "seconds", "timeticks").toUpperCase(Locale.ROOT)),
                        duration(ConfigKey.TELEGRAF_POLL_WINDOW),
                        duration(ConfigKey.TELEGRAF_COUNTER_WIDTH_MEMORY));
            } catch (ConfigurationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("telegraf.*: " + e.getMessage(), e);
            }
            ExporterSettings.Goflow2 goflow2 = new ExporterSettings.Goflow2(
                    parsed(ConfigKey.GOFLOW2_FORMAT, ExporterSettings.Goflow2Format::parse),
                    parsed(ConfigKey.GOFLOW2_SAMPLING_RATES, AppConfig::samplingRates));
            return new ExporterSettings(telegraf, goflow2);
        }

        /** The alerts.* keys, checked together (the clear share may not exceed the raise share). */
        private AlertSettings alerts() {
            try {
                return new AlertSettings(
                        percent(ConfigKey.ALERTS_UTILIZATION_PERCENT),
                        percent(ConfigKey.ALERTS_UTILIZATION_CLEAR_PERCENT),
                        integer(ConfigKey.ALERTS_UTILIZATION_MINUTES, 1, 1_440),
                        duration(ConfigKey.ALERTS_SILENCE),
                        positiveNumber(ConfigKey.ALERTS_SPIKE_FACTOR),
                        positiveLong(ConfigKey.ALERTS_SPIKE_FLOOR_BYTES),
                        integer(ConfigKey.ALERTS_SPIKE_WARM_UP_SAMPLES, 1, 10_000),
                        positiveNumber(ConfigKey.ALERTS_SPIKE_WEIGHT),
                        duration(ConfigKey.ALERTS_RETENTION));
            } catch (ConfigurationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                // the one rule across keys: the clear share may not exceed the raise share
                throw invalid(ConfigKey.ALERTS_UTILIZATION_CLEAR_PERCENT, e.getMessage());
            }
        }

        private double percent(ConfigKey key) {
            double value = positiveNumber(key);
            if (value > 100) {
                throw invalid(key, "must be a percentage in (0, 100]");
            }
            return value;
        }

        private double positiveNumber(ConfigKey key) {
            double value = parsed(key, text -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number");
                }
            });
            if (!(value > 0) || Double.isInfinite(value)) {
                throw invalid(key, "must be a positive number");
            }
            return value;
        }

        /** A comma-separated list of non-empty items. */
        private java.util.List<String> list(ConfigKey key) {
            java.util.List<String> items = java.util.Arrays.stream(text(key).split(","))
                    .map(String::trim).toList();
            if (items.stream().anyMatch(String::isEmpty)) {
                throw invalid(key, "an item of the comma-separated list is empty");
            }
            return items;
        }

        private Setting setting(ConfigKey key) {
            return settings.getOrDefault(key.key(), new Setting(key.defaultValue(), "default"));
        }

        private String text(ConfigKey key) {
            String value = setting(key).value();
            if (value.isEmpty()) {
                throw invalid(key, "must not be empty");
            }
            return value;
        }

        private Optional<String> optional(ConfigKey key) {
            return Optional.of(setting(key).value()).filter(v -> !v.isEmpty());
        }

        private <T> T parsed(ConfigKey key, Function<String, T> parser) {
            try {
                return parser.apply(setting(key).value());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw invalid(key, e.getMessage());
            }
        }

        private int integer(ConfigKey key, int min, int max) {
            long value = parsed(key, AppConfig::wholeNumber);
            if (value < min || value > max) {
                throw invalid(key, "must be between " + min + " and " + max);
            }
            return (int) value;
        }

        private long positiveLong(ConfigKey key) {
            long value = parsed(key, AppConfig::wholeNumber);
            if (value <= 0) {
                throw invalid(key, "must be positive");
            }
            return value;
        }

        private Duration duration(ConfigKey key) {
            Duration value = parsed(key, v -> {
                try {
                    return Duration.parse(v);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("not an ISO-8601 duration such as PT30S, PT15M or P7D");
                }
            });
            if (value.isNegative() || value.isZero()) {
                throw invalid(key, "must be positive");
            }
            return value;
        }

        private boolean bool(ConfigKey key) {
            return switch (setting(key).value().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(key, "must be true or false");
            };
        }

        private String choice(ConfigKey key, String... allowed) {
            String value = setting(key).value();
            for (String candidate : allowed) {
                if (candidate.equals(value)) {
                    return value;
                }
            }
            throw invalid(key, "must be one of " + String.join(", ", allowed));
        }

        private Map<String, String> passthrough() {
            Map<String, String> props = new TreeMap<>();
            settings.forEach((key, setting) -> {
                if (key.startsWith(PASSTHROUGH_PREFIX) && ConfigKey.of(key).isEmpty()) {
                    props.put(key.substring(PASSTHROUGH_PREFIX.length()), setting.value());
                }
            });
            return props;
        }

        /**
         * Where the peer listener listens and other instances reach it: application.server, by default the HTTP
         * port plus one on localhost (a single instance). Its port is the peer listener's own, never http.port.
         */
        private HostInfo applicationServer(int httpPort) {
            if (!settings.containsKey(ConfigKey.APPLICATION_SERVER.key())) {
                if (httpPort == 65_535) {
                    throw invalid(ConfigKey.HTTP_PORT, "leaves no port for the peer listener (http.port + 1);"
                            + " set application.server");
                }
                return new HostInfo("localhost", httpPort + 1);
            }
            HostInfo advertised = parsed(ConfigKey.APPLICATION_SERVER, AppConfig::hostInfo);
            if (advertised.port() == httpPort) {
                throw invalid(ConfigKey.APPLICATION_SERVER, "its port is http.port's; the peer listener, which"
                        + " other instances reach at application.server, needs a port of its own");
            }
            return advertised;
        }

        /**
         * The key the instances of a deployment share ({@link PeerKey}). Required with kafka.bootstrap: instances
         * sharing a cluster forward queries to each other and would refuse each other without one key. The embedded
         * broker serves one instance, which has no peers: a random key per start, that nobody else knows.
         */
        private PeerKey peerKey(Kafka kafka) {
            Optional<String> configured = optional(ConfigKey.PEER_KEY);
            if (configured.isEmpty()) {
                if (!kafka.embedded()) {
                    throw new ConfigurationException(ConfigKey.PEER_KEY.key() + ": must be set with kafka.bootstrap:"
                            + " instances sharing a cluster forward queries to each other's peer listener, and each"
                            + " accepts only the key it holds. Give every instance the same secret of at least "
                            + PeerKey.MIN_LENGTH + " characters (e.g. openssl rand -base64 32)");
                }
                return PeerKey.random();
            }
            if (configured.get().length() < PeerKey.MIN_LENGTH) {
                throw invalid(ConfigKey.PEER_KEY, "shorter than " + PeerKey.MIN_LENGTH + " characters");
            }
            return PeerKey.of(configured.get());
        }

        private ConfigurationException invalid(ConfigKey key, String problem) {
            Setting setting = setting(key);
            String shown = key == ConfigKey.REGISTRY_PASSWORD || key == ConfigKey.REGISTRY_TRUSTSTORE_PASSWORD
                    || key == ConfigKey.PEER_KEY ? "***" : setting.value();
            return new ConfigurationException(
                    key.key() + ": invalid value '" + shown + "' (from " + setting.origin() + "): " + problem);
        }
    }

    /** {@code address=rate,address=rate}; IPv6 addresses hold colons, hence {@code =}. */
    private static Map<String, Long> samplingRates(String text) {
        Map<String, Long> rates = new TreeMap<>();
        if (text.isBlank()) {
            return rates;
        }
        for (String entry : text.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected address=rate, got '" + entry.trim() + "'");
            }
            long rate = wholeNumber(entry.substring(equals + 1).trim());
            if (rate <= 0) {
                throw new IllegalArgumentException("sampling rate of " + entry.substring(0, equals).trim()
                        + " must be positive");
            }
            rates.put(entry.substring(0, equals).trim(), rate);
        }
        return rates;
    }

    /** An ISO-8601 duration that may be zero (a clock skew). */
    private static Duration durationOrZero(String text) {
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration such as PT30S, PT15M or P7D");
        }
    }

    private static long wholeNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
    }

    private static HostInfo hostInfo(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        return new HostInfo(text.substring(0, colon), port);
    }

    private static long memory(String text) {
        long bytes = ByteSize.parse(text);
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException("must be at least 1MiB");
        }
        return bytes;
    }
}
