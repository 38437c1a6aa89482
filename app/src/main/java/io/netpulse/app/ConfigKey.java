package io.netpulse.app;

import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.topology.BoundedRocksDbMemory;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key netpulse reads, with its default and meaning: the one list that parsing, the
 * environment names and the configuration table in docs/configuration.md come from. Keys starting with {@code kafka.} that are not listed here
 * pass through to Kafka (see {@link AppConfig}).
 */
public enum ConfigKey {
    HTTP_HOST("http.host", "0.0.0.0", "Address the HTTP server binds to."),
    HTTP_PORT("http.port", "8080",
            "HTTP port of the APIs, /observe/health, /observe/metrics and (embedded mode) /registry."),
    KAFKA_BOOTSTRAP("kafka.bootstrap", "",
            "Kafka bootstrap servers. Empty starts the embedded single-node KRaft broker."),
    KAFKA_PORT("kafka.port", "9092", "Embedded broker only: its client port on 127.0.0.1 (0 = a free port)."),
    KAFKA_CONTROLLER_PORT("kafka.controller-port", "0",
            "Embedded broker only: its KRaft controller port on 127.0.0.1 (0 = a free port)."),
    STATE_DIR("state.dir", ".netpulse",
            "Local state: Kafka Streams stores and, in embedded mode, the broker's data. Relative to the working "
                    + "directory. Kept across restarts."),
    REGISTRY_URL("registry.url", "",
            "Confluent-compatible schema registry. Empty serves the embedded one at "
                    + "http://localhost:<http.port>/registry."),
    REGISTRY_USER("registry.user", "", "Registry basic-auth user (empty = no authentication)."),
    REGISTRY_PASSWORD("registry.password", "", "Registry basic-auth password."),
    REGISTRY_TRUSTSTORE("registry.truststore", "",
            "Truststore file for TLS to the registry (empty = the JDK's trusted certificates)."),
    REGISTRY_TRUSTSTORE_PASSWORD("registry.truststore-password", "", "Password of the registry truststore."),
    REGISTRY_TRUSTSTORE_TYPE("registry.truststore-type", "PKCS12", "Type of the registry truststore (PKCS12, JKS)."),
    AUTH_JWKS("auth.jwks", "",
            "JWK set that signs the bearer tokens: a file or an https URL (an OIDC provider's jwks_uri). Empty runs "
                    + "the embedded issuer: its key in <state.dir>/auth, a demo token in <state.dir>/demo-token.jwt."),
    AUTH_ISSUER("auth.issuer", "",
            "Required iss of every token, compared exactly; must be set with auth.jwks. Empty with the embedded "
                    + "issuer means " + LocalIssuer.DEFAULT_ISSUER + "."),
    AUTH_AUDIENCE("auth.audience", AuthSettings.DEFAULT_AUDIENCE, "Required member of every token's aud."),
    AUTH_CLOCK_SKEW("auth.clock-skew", text(AuthSettings.DEFAULT_CLOCK_SKEW),
            "Tolerance on exp and nbf for clocks that differ, in whole seconds, at most "
                    + text(AuthSettings.MAX_CLOCK_SKEW) + "."),
    AUTH_JWKS_CACHE_TTL("auth.jwks-cache-ttl", text(AuthSettings.DEFAULT_JWKS_CACHE_TTL),
            "How long a fetched JWK set is used before it is fetched again (key rotation needs no restart)."),
    AUTH_JWKS_REFRESH_MIN_INTERVAL("auth.jwks-refresh-min-interval",
            text(AuthSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL),
            "A token with an unknown key id refetches the JWK set at once, but at most twice per this interval."),
    AUTH_SIGNING_KEY("auth.signing-key", "",
            "Embedded issuer only: the signing key file (EC P-256 JWK), created if absent. Give every instance the "
                    + "same file so each trusts the others' tokens. Empty = <state.dir>/auth/signing-key.jwk.json."),
    APPLICATION_ID("application.id", "netpulse",
            "Kafka Streams application id: instances sharing it split the partitions; it prefixes internal topics."),
    APPLICATION_SERVER("application.server", "localhost:<http.port + 1>",
            "host:port of this instance's peer listener: it binds there, and other instances (told by Kafka Streams)"
                    + " forward queries there. Its port is never http.port's."),
    INSTANCE_ID("instance.id", "",
            "This instance's static member id in the Kafka Streams group (group.instance.id), unique per instance: a "
                    + "restarted instance takes its partitions back at once. Empty = the id kept in "
                    + "<state.dir>/instance.id, else application.server as host-port (localhost replaced by the "
                    + "machine's host name), then kept there."),
    SESSION_TIMEOUT("session.timeout", "PT10S",
            "How long the group waits for an instance that stopped heartbeating (killed, hung, cut off) before "
                    + "its partitions move to the others. Must lie within the brokers' group.min.session.timeout.ms "
                    + "and group.max.session.timeout.ms."),
    HEARTBEAT_INTERVAL("heartbeat.interval", "PT1S",
            "How often an instance heartbeats to the group, and so how soon it learns of a rebalance; at most a "
                    + "third of session.timeout."),
    TOPICS_PARTITIONS("topics.partitions", "4", "Partitions of the topics netpulse creates."),
    TOPICS_REPLICATION("topics.replication", "1", "Replication factor of the topics netpulse creates."),
    TOPICS_COUNTERS("topics.counters", TopicNames.defaults().counters(), "Input: interface counter samples (Avro)."),
    TOPICS_FLOWS("topics.flows", TopicNames.defaults().flows(), "Input: flow records (Avro)."),
    TOPICS_INVENTORY("topics.inventory", TopicNames.defaults().inventory(),
            "Input, compacted: interfaces and IP addresses (JSON or Avro)."),
    TOPICS_TELEGRAF("topics.telegraf", TopicNames.defaults().telegraf(), "Input: Telegraf SNMP metrics."),
    TOPICS_FLOW_MESSAGES("topics.flow-messages", TopicNames.defaults().flowMessages(),
            "Input: goflow2 flow messages."),
    TOPICS_PMACCT("topics.pmacct", TopicNames.defaults().pmacct(),
            "Input: pmacct flow records (nfacctd/sfacctd kafka plugin, JSON)."),
    TOPICS_INTERFACE_RATES("topics.interface-rates", TopicNames.defaults().interfaceRates(),
            "Output: per-interface rates (Avro)."),
    TOPICS_SITE_VOLUME("topics.site-volume", TopicNames.defaults().siteVolume(), "Output: per-site volume (Avro)."),
    TOPICS_SOURCE_STATS("topics.source-stats", TopicNames.defaults().sourceStats(),
            "Output: per-source flow statistics (Avro)."),
    TOPICS_IP_STATS("topics.ip-stats", TopicNames.defaults().ipStats(), "Output: per-IP traffic statistics (Avro)."),
    TOPICS_ALERTS("topics.alerts", TopicNames.defaults().alerts(), "Output: every alert raised and cleared (Avro)."),
    TOPICS_BILLING("topics.billing", TopicNames.defaults().billing(),
            "Output: 95th-percentile billing per interface, site and IP address and closed month (Avro)."),
    TOPICS_DEAD_LETTER("topics.dead-letter", TopicNames.defaults().deadLetter(),
            "Records that could not be used, with the reason in __streams.errors.* headers."),
    TOPICS_DIRECTORY("topics.directory", TopicNames.defaults().directory(),
            "Internal, compacted: every known interface and address, read back as a global table."),
    TOPICS_SCHEMAS("topics.schemas", TopicNames.defaults().schemas(),
            "Embedded registry only: compacted topic holding the registered schemas."),
    PROCESSING_GUARANTEE("processing.guarantee", "exactly_once_v2", "exactly_once_v2 or at_least_once."),
    NUM_STANDBY_REPLICAS("num.standby.replicas", "0", "Warm copies of each store kept on other instances."),
    QUERY_ALLOW_STANDBY("query.allow-standby", "false",
            "Whether this instance answers a key query from its own standby copy (or from an active copy still "
                    + "restoring) instead of forwarding it or answering 503: stale by up to the standby's lag. "
                    + "Fan-out queries always read active copies only."),
    QUERY_FORWARD_TIMEOUT("query.forward-timeout", "PT10S",
            "How long another instance may take to answer a forwarded query or its share of a fan-out; "
                    + "longer gives 503 with Retry-After."),
    PEER_KEY("peer.key", "",
            "Secret every instance of a deployment shares (at least 16 characters): the peer listener answers only"
                    + " callers sending it. Required with kafka.bootstrap; empty with the embedded broker means a"
                    + " random key per start (one instance, no peers)."),
    ROCKSDB_MEMORY("rocksdb.memory", "256MiB",
            "Bound of all RocksDB block cache plus memtables in the JVM (bytes, or with KiB, MiB, GiB)."),
    METRICS_MAX_SOURCES("metrics.max-sources", Integer.toString(TopologyMetrics.DEFAULT_MAX_SOURCES),
            "Per netpulse counter, the sources (devices, exporters, topics) with their own series at /observe/metrics"
                    + " (1 to 10000); further sources are counted under source=\"other\". The total is always exact."),
    RATES_MAX_GAP("rates.max-gap", text(TopologySettings.RateSettings.defaults().maxGap()),
            "No rate is computed across a longer silence between two polls."),
    RATES_LATENESS("rates.lateness", text(TopologySettings.RateSettings.defaults().lateness()),
            "How far behind its own device's latest poll a counter sample may arrive and still count."),
    RATES_MINUTE_RETENTION("rates.minute-retention",
            text(TopologySettings.RateSettings.defaults().minuteRetention()),
            "How long 1-minute interface and site buckets are kept."),
    RATES_FIVE_MINUTE_RETENTION("rates.five-minute-retention",
            text(TopologySettings.RateSettings.defaults().fiveMinuteRetention()),
            "How long 5-minute interface and site buckets are kept (the billing tier)."),
    RATES_HOUR_RETENTION("rates.hour-retention", text(TopologySettings.RateSettings.defaults().hourRetention()),
            "How long 1-hour interface and site buckets are kept."),
    RATES_SPEED_CEILING_BPS("rates.speed-ceiling-bps",
            Long.toString(TopologySettings.RateSettings.defaults().speedCeilingBitsPerSecond()),
            "Rate ceiling in bit/s when neither the counters nor the inventory give the interface speed."),
    FLOWS_GRACE("flows.grace", text(TopologySettings.FlowSettings.defaults().grace()),
            "How far behind its own exporter's latest receive time a flow record may arrive and still count."),
    FLOWS_SECOND_RETENTION("flows.second-retention",
            text(TopologySettings.FlowSettings.defaults().secondRetention()),
            "How long per-second flow slots are kept."),
    FLOWS_MINUTE_RETENTION("flows.minute-retention",
            text(TopologySettings.FlowSettings.defaults().minuteRetention()),
            "How long per-minute flow statistics are kept."),
    FLOWS_HOUR_RETENTION("flows.hour-retention", text(TopologySettings.FlowSettings.defaults().hourRetention()),
            "How long per-hour flow statistics are kept."),
    FLOWS_DEFAULT_SAMPLING_RATE("flows.default-sampling-rate",
            Long.toString(TopologySettings.FlowSettings.defaults().defaultSamplingRate()),
            "Sampling rate applied when a flow record says 0 (unknown)."),
    FLOWS_TOP_TALKERS_CAPACITY("flows.top-talkers-capacity",
            Integer.toString(TopologySettings.FlowSettings.DEFAULT_TOP_TALKERS_CAPACITY),
            "Top talkers: addresses kept per side, ranking and bucket (100 to 10000); a dropped address is off by at"
                    + " most its bucket's total / (capacity + 1)."),
    IP_SAMPLE_LENGTH("ip.sample-length", text(IpSettings.defaults().sampleLength()),
            "Length of a per-IP base sample; hourly and daily statistics are taken over these samples."),
    IP_SAMPLE_RETENTION("ip.sample-retention", text(IpSettings.defaults().sampleRetention()),
            "How long per-IP base samples are kept."),
    IP_HOUR_RETENTION("ip.hour-retention", text(IpSettings.defaults().hourRetention()),
            "How long per-IP hourly statistics are kept."),
    IP_DAY_RETENTION("ip.day-retention", text(IpSettings.defaults().dayRetention()),
            "How long per-IP daily statistics are kept."),
    ALERTS_UTILIZATION_PERCENT("alerts.utilization-percent", number(AlertSettings.defaults().utilizationPercent()),
            "An interface minute is hot above this percentage of its speed (in or out)."),
    ALERTS_UTILIZATION_CLEAR_PERCENT("alerts.utilization-clear-percent",
            number(AlertSettings.defaults().utilizationClearPercent()),
            "A utilization alert clears at the first closed minute at or below this percentage."),
    ALERTS_UTILIZATION_MINUTES("alerts.utilization-minutes",
            Integer.toString(AlertSettings.defaults().utilizationMinutes()),
            "Consecutive hot closed minutes that raise a utilization alert."),
    ALERTS_SILENCE("alerts.silence", text(AlertSettings.defaults().silence()),
            "A device that sent no counters (or an exporter no flows) for this long is silent."),
    ALERTS_SPIKE_FACTOR("alerts.spike-factor", number(AlertSettings.defaults().spikeFactor()),
            "A per-IP sample is a spike above this times the address's baseline (EWMA)..."),
    ALERTS_SPIKE_FLOOR_BYTES("alerts.spike-floor-bytes", Long.toString(AlertSettings.defaults().spikeFloorBytes()),
            "...and above this many bytes."),
    ALERTS_SPIKE_WARM_UP_SAMPLES("alerts.spike-warm-up-samples",
            Integer.toString(AlertSettings.defaults().spikeWarmUpSamples()),
            "Per-IP samples of an address before any is judged."),
    ALERTS_SPIKE_WEIGHT("alerts.spike-weight", number(AlertSettings.defaults().spikeWeight()),
            "Weight of the newest sample in the per-IP baseline (EWMA), in (0, 1]."),
    ALERTS_RETENTION("alerts.retention", text(AlertSettings.defaults().retention()),
            "How long a cleared alert stays queryable at GET /alerts after it cleared."),
    TELEGRAF_TIMESTAMP_UNITS("telegraf.timestamp-units", "1s",
            "Telegraf's json_timestamp_units: the unit of integer timestamps (1s, 1ms, 1us, 1ns...)."),
    TELEGRAF_INTERFACE_MEASUREMENTS("telegraf.interface-measurements",
            String.join(",", new java.util.TreeSet<>(Defaults.TELEGRAF.interfaceMeasurements())),
            "Comma-separated measurement names of interface rows (the ifTable/ifXTable inputs.snmp.table names)."),
    TELEGRAF_UPTIME_MEASUREMENT("telegraf.uptime-measurement", Defaults.TELEGRAF.uptimeMeasurement(),
            "Measurement name of the top-level SNMP fields carrying sysUpTime (inputs.snmp's name)."),
    TELEGRAF_UPTIME_FIELDS("telegraf.uptime-fields", String.join(",", Defaults.TELEGRAF.uptimeFields()),
            "Comma-separated field names tried in order for sysUpTime."),
    TELEGRAF_UPTIME_UNIT("telegraf.uptime-unit", Defaults.TELEGRAF.uptimeUnit().name().toLowerCase(Locale.ROOT),
            "seconds (Telegraf's float(2) conversion of sysUpTime) or timeticks (hundredths, unconverted)."),
    TELEGRAF_POLL_WINDOW("telegraf.poll-window", text(Defaults.TELEGRAF.pollWindow()),
            "Rows of one interface within this of the poll's first row belong to the same poll."),
    TELEGRAF_COUNTER_WIDTH_MEMORY("telegraf.counter-width-memory", text(Defaults.TELEGRAF.counterWidthMemory()),
            "After 64-bit counters, a poll with only 32-bit ones is held back this long."),
    GOFLOW2_FORMAT("goflow2.format", "json", "What goflow2 writes: json (its default) or protobuf (-format=bin)."),
    GOFLOW2_SAMPLING_RATES("goflow2.sampling-rates", "",
            "Sampling rate per exporter for flow records that carry none, of every flow input: "
                    + "address=rate,address=rate."),
    DEMO_EXPORTER("demo.exporter", "true", "Embedded mode only: run the synthetic exporter."),
    SHUTDOWN_TIMEOUT("shutdown.timeout", "PT30S", "How long a clean shutdown may take before it gives up.");

    static {
        if (!ExporterSettings.defaults().goflow2().samplingRateByExporter().isEmpty()
                || ExporterSettings.defaults().goflow2().format() != ExporterSettings.Goflow2Format.JSON
                || !ExporterSettings.Telegraf.timestampUnit("1s").equals(Defaults.TELEGRAF.timestampUnit())) {
            throw new IllegalStateException("goflow2 / telegraf defaults differ from ExporterSettings");
        }
        // The RocksDB bound is documented in one place; keep the two defaults in step.
        if (ByteSize.parse(ROCKSDB_MEMORY.defaultValue) != BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES) {
            throw new IllegalStateException("rocksdb.memory default differs from BoundedRocksDbMemory");
        }
    }

    /** Defaults the constants above are written from (an enum's own static fields are not ready for them). */
    private static final class Defaults {
        static final ExporterSettings.Telegraf TELEGRAF = ExporterSettings.Telegraf.defaults();
    }

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in a properties file, e.g. {@code http.port}. */
    public String key() {
        return key;
    }

    /** The default as text; {@code <http.port>} stands for the configured HTTP port. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One sentence for the configuration table. */
    public String description() {
        return description;
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

    /** A number as written in a configuration file: no ".0" for a whole one. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A duration as operators write it: whole days as {@code P7D} rather than {@code PT168H}. */
    static String text(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && !duration.isZero()
                ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /** The listed key named {@code key}, if any. */
    public static Optional<ConfigKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
