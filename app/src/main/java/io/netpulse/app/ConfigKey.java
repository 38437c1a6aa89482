package io.netpulse.app;

import static io.netpulse.app.ValueType.BOOLEAN;
import static io.netpulse.app.ValueType.DURATION;
import static io.netpulse.app.ValueType.DURATION_OR_ZERO;
import static io.netpulse.app.ValueType.HOST_PORT;
import static io.netpulse.app.ValueType.HTTP_URL;
import static io.netpulse.app.ValueType.LIST;
import static io.netpulse.app.ValueType.MEMORY;
import static io.netpulse.app.ValueType.PATH;
import static io.netpulse.app.ValueType.PERCENT;
import static io.netpulse.app.ValueType.POSITIVE_LONG;
import static io.netpulse.app.ValueType.POSITIVE_NUMBER;
import static io.netpulse.app.ValueType.SAMPLING_RATES;
import static io.netpulse.app.ValueType.SET;
import static io.netpulse.app.ValueType.TEXT;
import static io.netpulse.app.ValueType.integer;
import static io.netpulse.app.ValueType.optional;

import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.topology.BoundedRocksDbMemory;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.ExporterSettings.Goflow2Format;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings.RateSettings;
import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Every configuration key netpulse reads, with its value type, default and meaning: the one table that reading
 * ({@link ConfigSource#get}), the environment names and the configuration table in docs/configuration.md come from.
 * A new setting is one declaration here plus the line of the settings record that reads it. Defaults that a
 * record of another module owns (the topology's, the verifier's) are taken from that record and written back by the
 * key's {@link ValueType}, so each default exists once. Keys starting with {@code kafka.} that are not listed here
 * pass through to Kafka (see {@link AppConfig}).
 *
 * @param <T> the type of the value read
 */
public final class ConfigKey<T> {

    private static final List<ConfigKey<?>> ALL = new ArrayList<>();
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final RateSettings RATES = RateSettings.defaults();
    private static final FlowSettings FLOWS = FlowSettings.defaults();
    private static final IpSettings IP = IpSettings.defaults();
    private static final AlertSettings ALERTS = AlertSettings.defaults();
    private static final ExporterSettings.Telegraf TELEGRAF = ExporterSettings.Telegraf.defaults();
    private static final ExporterSettings.Goflow2 GOFLOW2 = ExporterSettings.Goflow2.defaults();

    public static final ConfigKey<String> HTTP_HOST = key("http.host", TEXT, "0.0.0.0",
            "Address the HTTP server binds to.");
    public static final ConfigKey<Integer> HTTP_PORT = key("http.port", integer(1, 65_535), 8080,
            "HTTP port of the APIs, /observe/health, /observe/metrics and (embedded mode) /registry.");
    public static final ConfigKey<Optional<String>> KAFKA_BOOTSTRAP = key("kafka.bootstrap", optional(TEXT),
            Optional.empty(), "Kafka bootstrap servers. Empty starts the embedded single-node KRaft broker.");
    public static final ConfigKey<Integer> KAFKA_PORT = key("kafka.port", integer(0, 65_535), 9092,
            "Embedded broker only: its client port on 127.0.0.1 (0 = a free port).");
    public static final ConfigKey<Integer> KAFKA_CONTROLLER_PORT = key("kafka.controller-port", integer(0, 65_535), 0,
            "Embedded broker only: its KRaft controller port on 127.0.0.1 (0 = a free port).");
    public static final ConfigKey<Path> STATE_DIR = key("state.dir", PATH, Path.of(".netpulse"),
            "Local state: Kafka Streams stores and, in embedded mode, the broker's data. Relative to the working "
                    + "directory. Kept across restarts.");
    public static final ConfigKey<Optional<URI>> REGISTRY_URL = key("registry.url", optional(HTTP_URL),
            Optional.empty(), "Confluent-compatible schema registry. Empty serves the embedded one at "
                    + "http://localhost:<http.port>/registry.");
    public static final ConfigKey<Optional<String>> REGISTRY_USER = key("registry.user", optional(TEXT),
            Optional.empty(), "Registry basic-auth user (empty = no authentication).");
    public static final ConfigKey<Optional<String>> REGISTRY_PASSWORD = secret("registry.password", optional(TEXT),
            "Registry basic-auth password.");
    public static final ConfigKey<Optional<Path>> REGISTRY_TRUSTSTORE = key("registry.truststore", optional(PATH),
            Optional.empty(), "Truststore file for TLS to the registry (empty = the JDK's trusted certificates).");
    public static final ConfigKey<Optional<String>> REGISTRY_TRUSTSTORE_PASSWORD = secret(
            "registry.truststore-password", optional(TEXT), "Password of the registry truststore.");
    public static final ConfigKey<String> REGISTRY_TRUSTSTORE_TYPE = key("registry.truststore-type", TEXT, "PKCS12",
            "Type of the registry truststore (PKCS12, JKS).");
    public static final ConfigKey<Optional<URI>> AUTH_JWKS = key("auth.jwks",
            optional(ValueType.of(AuthSettings::jwksLocation, URI::toString)), Optional.empty(),
            "JWK set that signs the bearer tokens: a file or an https URL (an OIDC provider's jwks_uri). Empty runs "
                    + "the embedded issuer: its key in <state.dir>/auth, a demo token in <state.dir>/demo-token.jwt.");
    public static final ConfigKey<Optional<String>> AUTH_ISSUER = key("auth.issuer", optional(TEXT), Optional.empty(),
            "Required iss of every token, compared exactly; must be set with auth.jwks. Empty with the embedded "
                    + "issuer means " + LocalIssuer.DEFAULT_ISSUER + ".");
    public static final ConfigKey<String> AUTH_AUDIENCE = key("auth.audience", TEXT, AuthSettings.DEFAULT_AUDIENCE,
            "Required member of every token's aud.");
    public static final ConfigKey<Duration> AUTH_CLOCK_SKEW = key("auth.clock-skew", DURATION_OR_ZERO,
            AuthSettings.DEFAULT_CLOCK_SKEW, "Tolerance on exp and nbf for clocks that differ, in whole seconds, at"
                    + " most " + DURATION.format(AuthSettings.MAX_CLOCK_SKEW) + ".");
    public static final ConfigKey<Duration> AUTH_JWKS_CACHE_TTL = key("auth.jwks-cache-ttl", DURATION,
            AuthSettings.DEFAULT_JWKS_CACHE_TTL,
            "How long a fetched JWK set is used before it is fetched again (key rotation needs no restart).");
    public static final ConfigKey<Duration> AUTH_JWKS_REFRESH_MIN_INTERVAL = key("auth.jwks-refresh-min-interval",
            DURATION, AuthSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL,
            "A token with an unknown key id refetches the JWK set at once, but at most twice per this interval.");
    public static final ConfigKey<Optional<Path>> AUTH_SIGNING_KEY = key("auth.signing-key", optional(PATH),
            Optional.empty(), "Embedded issuer only: the signing key file (EC P-256 JWK), created if absent. Give"
                    + " every instance the same file so each trusts the others' tokens. Empty ="
                    + " <state.dir>/auth/signing-key.jwk.json.");
    public static final ConfigKey<String> APPLICATION_ID = key("application.id", TEXT, "netpulse",
            "Kafka Streams application id: instances sharing it split the partitions; it prefixes internal topics.");
    /** Read only when set ({@link ConfigSource#isSet}): its default depends on http.port. */
    public static final ConfigKey<HostInfo> APPLICATION_SERVER = new ConfigKey<>("application.server", HOST_PORT,
            "localhost:<http.port + 1>", false, "host:port of this instance's peer listener: it binds there, and"
                    + " other instances (told by Kafka Streams) forward queries there. Its port is never http.port's.");
    public static final ConfigKey<Optional<String>> INSTANCE_ID = key("instance.id",
            optional(TEXT.require(StaticMembership::isValid, "use at most 249 letters, digits, '.', '_' and '-'")),
            Optional.empty(), "This instance's static member id in the Kafka Streams group (group.instance.id),"
                    + " unique per instance: a restarted instance takes its partitions back at once. Empty = the id"
                    + " kept in <state.dir>/instance.id, else application.server as host-port (localhost replaced by"
                    + " the machine's host name), then kept there.");
    /** Kafka takes it in whole milliseconds, as an int. */
    public static final ConfigKey<Duration> SESSION_TIMEOUT = key("session.timeout",
            DURATION.require(d -> d.toMillis() <= Integer.MAX_VALUE, "must be at most " + Integer.MAX_VALUE + " ms"),
            Duration.ofSeconds(10), "How long the group waits for an instance that stopped heartbeating (killed,"
                    + " hung, cut off) before its partitions move to the others. Must lie within the brokers'"
                    + " group.min.session.timeout.ms and group.max.session.timeout.ms.");
    public static final ConfigKey<Duration> HEARTBEAT_INTERVAL = key("heartbeat.interval", DURATION,
            Duration.ofSeconds(1), "How often an instance heartbeats to the group, and so how soon it learns of a"
                    + " rebalance; at most a third of session.timeout.");
    public static final ConfigKey<Integer> TOPICS_PARTITIONS = key("topics.partitions", integer(1, 10_000), 4,
            "Partitions of the topics netpulse creates.");
    public static final ConfigKey<Integer> TOPICS_REPLICATION = key("topics.replication",
            integer(1, Short.MAX_VALUE), 1, "Replication factor of the topics netpulse creates.");
    public static final ConfigKey<Set<TopicNames.Input>> INPUTS = key("inputs",
            ValueType.of(text -> TopicNames.Input.ofKeys(SET.parse(text)),
                    inputs -> String.join(",", inputs.stream().map(TopicNames.Input::key).sorted().toList())),
            TOPICS.read(), "Comma-separated inputs to read, by their topics.* key: those the exporters write."
                    + " Kafka Streams checks every empty input of a task on each record it processes, so leaving out"
                    + " unused formats is faster. The inventory is always read; topics not read are not created.");
    public static final ConfigKey<String> TOPICS_COUNTERS = key("topics.counters", TEXT, TOPICS.counters(),
            "Input: interface counter samples (Avro).");
    public static final ConfigKey<String> TOPICS_FLOWS = key("topics.flows", TEXT, TOPICS.flows(),
            "Input: flow records (Avro).");
    public static final ConfigKey<String> TOPICS_INVENTORY = key("topics.inventory", TEXT, TOPICS.inventory(),
            "Input, compacted: interfaces and IP addresses (JSON or Avro).");
    public static final ConfigKey<String> TOPICS_TELEGRAF = key("topics.telegraf", TEXT, TOPICS.telegraf(),
            "Input: Telegraf SNMP metrics.");
    public static final ConfigKey<String> TOPICS_FLOW_MESSAGES = key("topics.flow-messages", TEXT,
            TOPICS.flowMessages(), "Input: goflow2 flow messages.");
    public static final ConfigKey<String> TOPICS_PMACCT = key("topics.pmacct", TEXT, TOPICS.pmacct(),
            "Input: pmacct flow records (nfacctd/sfacctd kafka plugin, JSON).");
    public static final ConfigKey<String> TOPICS_INTERFACE_RATES = key("topics.interface-rates", TEXT,
            TOPICS.interfaceRates(), "Output: per-interface rates (Avro).");
    public static final ConfigKey<String> TOPICS_SITE_VOLUME = key("topics.site-volume", TEXT, TOPICS.siteVolume(),
            "Output: per-site volume (Avro).");
    public static final ConfigKey<String> TOPICS_SOURCE_STATS = key("topics.source-stats", TEXT,
            TOPICS.sourceStats(), "Output: per-source flow statistics (Avro).");
    public static final ConfigKey<String> TOPICS_IP_STATS = key("topics.ip-stats", TEXT, TOPICS.ipStats(),
            "Output: per-IP traffic statistics (Avro).");
    public static final ConfigKey<String> TOPICS_ALERTS = key("topics.alerts", TEXT, TOPICS.alerts(),
            "Output: every alert raised and cleared (Avro).");
    public static final ConfigKey<String> TOPICS_BILLING = key("topics.billing", TEXT, TOPICS.billing(),
            "Output: 95th-percentile billing per interface, site and IP address and closed month (Avro).");
    public static final ConfigKey<String> TOPICS_DEAD_LETTER = key("topics.dead-letter", TEXT, TOPICS.deadLetter(),
            "Records that could not be used, with the reason in __streams.errors.* headers.");
    public static final ConfigKey<String> TOPICS_DIRECTORY = key("topics.directory", TEXT, TOPICS.directory(),
            "Internal, compacted: every known interface and address, read back as a global table.");
    public static final ConfigKey<String> TOPICS_SCHEMAS = key("topics.schemas", TEXT, TOPICS.schemas(),
            "Embedded registry only: compacted topic holding the registered schemas.");
    public static final ConfigKey<String> PROCESSING_GUARANTEE = key("processing.guarantee",
            ValueType.oneOf(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), StreamsConfig.EXACTLY_ONCE_V2,
            "exactly_once_v2 or at_least_once. With at_least_once a crash replays what was read since the last "
                    + "commit into stores that may already hold it, so the aggregates can count those records twice "
                    + "(the interface rates, written without a record cache, always; the others when their cache had "
                    + "flushed them): bill from exactly_once_v2.");
    public static final ConfigKey<Integer> NUM_STANDBY_REPLICAS = key("num.standby.replicas", integer(0, 16), 0,
            "Warm copies of each store kept on other instances.");
    public static final ConfigKey<Boolean> QUERY_ALLOW_STANDBY = key("query.allow-standby", BOOLEAN, false,
            "Whether this instance answers a key query from its own standby copy (or from an active copy still "
                    + "restoring) instead of forwarding it or answering 503: stale by up to the standby's lag. "
                    + "Fan-out queries always read active copies only.");
    public static final ConfigKey<Duration> QUERY_FORWARD_TIMEOUT = key("query.forward-timeout", DURATION,
            Duration.ofSeconds(10), "How long another instance may take to answer a forwarded query or its share"
                    + " of a fan-out; longer gives 503 with Retry-After.");
    public static final ConfigKey<Optional<String>> PEER_KEY = secret("peer.key", optional(TEXT.require(
            key -> key.length() >= PeerKey.MIN_LENGTH, "shorter than " + PeerKey.MIN_LENGTH + " characters")),
            "Secret every instance of a deployment shares (at least 16 characters): the peer listener answers only"
                    + " callers sending it. Required with kafka.bootstrap; empty with the embedded broker means a"
                    + " random key per start (one instance, no peers).");
    public static final ConfigKey<Long> ROCKSDB_MEMORY = key("rocksdb.memory", MEMORY,
            BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES,
            "Bound of all RocksDB block cache plus memtables in the JVM (bytes, or with KiB, MiB, GiB).");
    public static final ConfigKey<Integer> METRICS_MAX_SOURCES = key("metrics.max-sources", integer(1, 10_000),
            TopologyMetrics.DEFAULT_MAX_SOURCES, "Per netpulse counter, the sources (devices, exporters, topics) with"
                    + " their own series at /observe/metrics (1 to 10000); further sources are counted under"
                    + " source=\"other\". The total is always exact.");
    public static final ConfigKey<String> METRICS_KAFKA = key("metrics.kafka", ValueType.oneOf("essential", "all"),
            "essential", "Which Kafka Streams and Kafka client metrics /observe/metrics shows: essential (threads, "
                    + "state, records processed, commit latency, dropped records, RocksDB block cache and memtables,"
                    + " restoration, lag per partition) or all (every metric recorded at INFO: about 15,000 series).");
    public static final ConfigKey<Duration> RATES_MAX_GAP = key("rates.max-gap", DURATION, RATES.maxGap(),
            "No rate is computed across a longer silence between two polls.");
    public static final ConfigKey<Duration> RATES_LATENESS = key("rates.lateness", DURATION, RATES.lateness(),
            "How far behind its own device's latest poll a counter sample may arrive and still count.");
    public static final ConfigKey<Duration> RATES_MINUTE_RETENTION = key("rates.minute-retention", DURATION,
            RATES.minuteRetention(), "How long 1-minute interface and site buckets are kept.");
    public static final ConfigKey<Duration> RATES_FIVE_MINUTE_RETENTION = key("rates.five-minute-retention",
            DURATION, RATES.fiveMinuteRetention(),
            "How long 5-minute interface and site buckets are kept (the billing tier).");
    public static final ConfigKey<Duration> RATES_HOUR_RETENTION = key("rates.hour-retention", DURATION,
            RATES.hourRetention(), "How long 1-hour interface and site buckets are kept.");
    public static final ConfigKey<Long> RATES_SPEED_CEILING_BPS = key("rates.speed-ceiling-bps", POSITIVE_LONG,
            RATES.speedCeilingBitsPerSecond(),
            "Rate ceiling in bit/s when neither the counters nor the inventory give the interface speed.");
    public static final ConfigKey<Duration> FLOWS_GRACE = key("flows.grace", DURATION, FLOWS.grace(),
            "How far behind its own exporter's latest receive time a flow record may arrive and still count.");
    public static final ConfigKey<Duration> FLOWS_SECOND_RETENTION = key("flows.second-retention", DURATION,
            FLOWS.secondRetention(), "How long per-second flow slots are kept.");
    public static final ConfigKey<Duration> FLOWS_MINUTE_RETENTION = key("flows.minute-retention", DURATION,
            FLOWS.minuteRetention(), "How long per-minute flow statistics are kept.");
    public static final ConfigKey<Duration> FLOWS_HOUR_RETENTION = key("flows.hour-retention", DURATION,
            FLOWS.hourRetention(), "How long per-hour flow statistics are kept.");
    public static final ConfigKey<Long> FLOWS_DEFAULT_SAMPLING_RATE = key("flows.default-sampling-rate",
            POSITIVE_LONG, FLOWS.defaultSamplingRate(), "Sampling rate applied when a flow record says 0 (unknown).");
    public static final ConfigKey<Integer> FLOWS_TOP_TALKERS_CAPACITY = key("flows.top-talkers-capacity",
            integer(FlowSettings.MIN_TOP_TALKERS_CAPACITY, FlowSettings.MAX_TOP_TALKERS_CAPACITY),
            FLOWS.topTalkersCapacity(), "Top talkers: addresses kept per side, ranking and bucket (100 to 10000); a"
                    + " dropped address is off by at most its bucket's total / (capacity + 1).");
    public static final ConfigKey<Duration> IP_SAMPLE_LENGTH = key("ip.sample-length", DURATION, IP.sampleLength(),
            "Length of a per-IP base sample; hourly and daily statistics are taken over these samples.");
    public static final ConfigKey<Duration> IP_SAMPLE_RETENTION = key("ip.sample-retention", DURATION,
            IP.sampleRetention(), "How long per-IP base samples are kept.");
    public static final ConfigKey<Duration> IP_HOUR_RETENTION = key("ip.hour-retention", DURATION,
            IP.hourRetention(), "How long per-IP hourly statistics are kept.");
    public static final ConfigKey<Duration> IP_DAY_RETENTION = key("ip.day-retention", DURATION, IP.dayRetention(),
            "How long per-IP daily statistics are kept.");
    public static final ConfigKey<Double> ALERTS_UTILIZATION_PERCENT = key("alerts.utilization-percent", PERCENT,
            ALERTS.utilizationPercent(), "An interface minute is hot above this percentage of its speed (in or out).");
    public static final ConfigKey<Double> ALERTS_UTILIZATION_CLEAR_PERCENT = key("alerts.utilization-clear-percent",
            PERCENT, ALERTS.utilizationClearPercent(),
            "A utilization alert clears at the first closed minute at or below this percentage.");
    public static final ConfigKey<Integer> ALERTS_UTILIZATION_MINUTES = key("alerts.utilization-minutes",
            integer(1, 1_440), ALERTS.utilizationMinutes(),
            "Consecutive hot closed minutes that raise a utilization alert.");
    public static final ConfigKey<Duration> ALERTS_SILENCE = key("alerts.silence", DURATION, ALERTS.silence(),
            "A device that sent no counters (or an exporter no flows) for this long is silent.");
    public static final ConfigKey<Double> ALERTS_SPIKE_FACTOR = key("alerts.spike-factor", POSITIVE_NUMBER,
            ALERTS.spikeFactor(), "A per-IP sample is a spike above this times the address's baseline (EWMA)...");
    public static final ConfigKey<Long> ALERTS_SPIKE_FLOOR_BYTES = key("alerts.spike-floor-bytes", POSITIVE_LONG,
            ALERTS.spikeFloorBytes(), "...and above this many bytes.");
    public static final ConfigKey<Integer> ALERTS_SPIKE_WARM_UP_SAMPLES = key("alerts.spike-warm-up-samples",
            integer(1, 10_000), ALERTS.spikeWarmUpSamples(), "Per-IP samples of an address before any is judged.");
    public static final ConfigKey<Double> ALERTS_SPIKE_WEIGHT = key("alerts.spike-weight",
            POSITIVE_NUMBER.require(weight -> weight <= 1, "must be in (0, 1]"),
            ALERTS.spikeWeight(), "Weight of the newest sample in the per-IP baseline (EWMA), in (0, 1].");
    public static final ConfigKey<Duration> ALERTS_RETENTION = key("alerts.retention", DURATION, ALERTS.retention(),
            "How long a cleared alert stays queryable at GET /alerts after it cleared.");
    public static final ConfigKey<Duration> TELEGRAF_TIMESTAMP_UNITS = key("telegraf.timestamp-units",
            ValueType.of(ExporterSettings.Telegraf::timestampUnit, ExporterSettings.Telegraf::timestampUnitText),
            TELEGRAF.timestampUnit(),
            "Telegraf's json_timestamp_units: the unit of integer timestamps (1s, 1ms, 1us, 1ns...).");
    public static final ConfigKey<Set<String>> TELEGRAF_INTERFACE_MEASUREMENTS = key(
            "telegraf.interface-measurements", SET, TELEGRAF.interfaceMeasurements(),
            "Comma-separated measurement names of interface rows (the ifTable/ifXTable inputs.snmp.table names).");
    public static final ConfigKey<String> TELEGRAF_UPTIME_MEASUREMENT = key("telegraf.uptime-measurement", TEXT,
            TELEGRAF.uptimeMeasurement(),
            "Measurement name of the top-level SNMP fields carrying sysUpTime (inputs.snmp's name).");
    public static final ConfigKey<List<String>> TELEGRAF_UPTIME_FIELDS = key("telegraf.uptime-fields", LIST,
            TELEGRAF.uptimeFields(), "Comma-separated field names tried in order for sysUpTime.");
    public static final ConfigKey<ExporterSettings.UptimeUnit> TELEGRAF_UPTIME_UNIT = key("telegraf.uptime-unit",
            ValueType.lowerCase(ExporterSettings.UptimeUnit.class), TELEGRAF.uptimeUnit(),
            "seconds (Telegraf's float(2) conversion of sysUpTime) or timeticks (hundredths, unconverted).");
    public static final ConfigKey<Duration> TELEGRAF_POLL_WINDOW = key("telegraf.poll-window", DURATION,
            TELEGRAF.pollWindow(), "Rows of one interface within this of the poll's first row belong to the same poll.");
    public static final ConfigKey<Duration> TELEGRAF_COUNTER_WIDTH_MEMORY = key("telegraf.counter-width-memory",
            DURATION, TELEGRAF.counterWidthMemory(),
            "After 64-bit counters, a poll with only 32-bit ones is held back this long.");
    public static final ConfigKey<Goflow2Format> GOFLOW2_FORMAT = key("goflow2.format",
            ValueType.of(Goflow2Format::parse, format -> format.name().toLowerCase(Locale.ROOT)), GOFLOW2.format(),
            "What goflow2 writes: json (its default) or protobuf (-format=bin).");
    public static final ConfigKey<Map<String, Long>> GOFLOW2_SAMPLING_RATES = key("goflow2.sampling-rates",
            SAMPLING_RATES, GOFLOW2.samplingRateByExporter(), "Sampling rate per exporter for flow records that"
                    + " carry none, of every flow input: address=rate,address=rate.");
    public static final ConfigKey<Boolean> DEMO_EXPORTER = key("demo.exporter", BOOLEAN, true,
            "Embedded mode only: run the synthetic exporter.");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = key("shutdown.timeout", DURATION,
            Duration.ofSeconds(30), "How long a clean shutdown may take before it gives up.");

    private final String key;
    private final ValueType<T> type;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    private ConfigKey(String key, ValueType<T> type, String defaultValue, boolean secret, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
        ALL.add(this);
    }

    private static <T> ConfigKey<T> key(String key, ValueType<T> type, T defaultValue, String description) {
        return new ConfigKey<>(key, type, type.format(defaultValue), false, description);
    }

    /** A key whose value is never shown, in error messages included; empty by default. */
    private static <T> ConfigKey<Optional<T>> secret(String key, ValueType<Optional<T>> type, String description) {
        return new ConfigKey<>(key, type, "", true, description);
    }

    /** Every key, in declaration order (the order of the configuration table). */
    public static List<ConfigKey<?>> values() {
        return Collections.unmodifiableList(ALL);
    }

    /** The listed key named {@code key}, if any. */
    public static Optional<ConfigKey<?>> of(String key) {
        return ALL.stream().filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key as written in a properties file, e.g. {@code http.port}. */
    public String key() {
        return key;
    }

    /** How the value is read and written. */
    public ValueType<T> type() {
        return type;
    }

    /** The default as text; {@code <http.port>} stands for the configured HTTP port. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Whether the value is a secret that error messages show as {@code ***}. */
    public boolean secret() {
        return secret;
    }

    /** One sentence for the configuration table. */
    public String description() {
        return description;
    }

    /** The key naming {@code input}'s topic. */
    public static ConfigKey<String> topicOf(TopicNames.Input input) {
        return switch (input) {
            case COUNTERS -> TOPICS_COUNTERS;
            case TELEGRAF -> TOPICS_TELEGRAF;
            case FLOWS -> TOPICS_FLOWS;
            case FLOW_MESSAGES -> TOPICS_FLOW_MESSAGES;
            case PMACCT -> TOPICS_PMACCT;
        };
    }

    /** The environment variable that overrides this key, e.g. {@code NETPULSE_HTTP_PORT}. */
    public String environmentName() {
        return environmentName(key);
    }

    /** {@code NETPULSE_} plus {@code key} uppercased with {@code .} and {@code -} turned into {@code _}. */
    static String environmentName(String key) {
        return "NETPULSE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The system property that overrides this key, e.g. {@code netpulse.http.port}. */
    public String systemPropertyName() {
        return "netpulse." + key;
    }

    @Override
    public String toString() {
        return key;
    }
}
