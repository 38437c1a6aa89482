package io.netpulse.app;

import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings.RateSettings;
import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

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
 * {@link ConfigSource} holds these layers; each part below reads itself from it, typed by its keys.
 *
 * @param http            where the HTTP server listens
 * @param kafka           the cluster, or the embedded broker's ports, and client properties passed through
 * @param stateDir        local state: Kafka Streams stores and the embedded broker's data
 * @param registry        the schema registry to use; an empty url means the embedded one
 * @param auth            which bearer tokens the APIs accept; no JWK set means the embedded issuer
 * @param streams         Kafka Streams settings of this instance
 * @param membership      how this instance belongs to the Kafka Streams group
 * @param topics          topic names and how netpulse creates the topics
 * @param rates           counter pipeline settings
 * @param flows           flow pipeline settings
 * @param exporters       how Telegraf's and goflow2's own topics are read
 * @param ip              per-IP traffic statistics settings
 * @param alerts          alert thresholds and how long cleared alerts are kept
 * @param demoExporter    whether the synthetic exporter runs (embedded mode only)
 * @param shutdownTimeout how long a clean shutdown may take
 * @param query           how queries use the other instances
 */
public record AppConfig(
        HttpConfig http,
        KafkaConfig kafka,
        Path stateDir,
        RegistryConfig registry,
        AuthConfig auth,
        StreamsInstanceConfig streams,
        MembershipConfig membership,
        TopicLayout topics,
        RateSettings rates,
        FlowSettings flows,
        ExporterSettings exporters,
        IpSettings ip,
        AlertSettings alerts,
        boolean demoExporter,
        Duration shutdownTimeout,
        QueryConfig query) {

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
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(query, "query");
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
        ConfigSource source = ConfigSource.load(file, environment, system);
        HttpConfig http = HttpConfig.read(source);
        KafkaConfig kafka = KafkaConfig.read(source);
        RegistryConfig registry = RegistryConfig.read(source);
        Path stateDir = source.get(ConfigKey.STATE_DIR).toAbsolutePath().normalize();
        TopicLayout topics = TopicLayout.read(source);
        boolean demoExporter = source.get(ConfigKey.DEMO_EXPORTER);
        if (kafka.embedded() && demoExporter && !topics.names().read().containsAll(DemoExporter.WRITES)) {
            throw new ConfigurationException(ConfigKey.INPUTS.key() + ": the demo exporter (demo.exporter) writes "
                    + DemoExporter.WRITES.stream().map(TopicNames.Input::key).toList()
                    + ": read them all, or set demo.exporter=false");
        }
        return new AppConfig(http, kafka, stateDir, registry,
                AuthConfig.read(source, stateDir),
                StreamsInstanceConfig.read(source, http.port()),
                MembershipConfig.read(source),
                topics,
                TopologyConfig.rates(source),
                TopologyConfig.flows(source),
                TopologyConfig.exporters(source),
                TopologyConfig.ip(source),
                TopologyConfig.alerts(source),
                demoExporter,
                source.get(ConfigKey.SHUTDOWN_TIMEOUT),
                QueryConfig.read(source, kafka));
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

    /** The Kafka Streams configuration, every handler chosen as {@link StreamsProperties} says why. */
    public Properties streamsProperties(String bootstrapServers) {
        return StreamsProperties.of(this, bootstrapServers);
    }

    /** {@link #streamsProperties(String)} with the static member id and the dead-letter topic's size limit. */
    public Properties streamsProperties(String bootstrapServers, String instanceId, int deadLetterMaxMessageBytes) {
        return StreamsProperties.of(this, bootstrapServers, instanceId, deadLetterMaxMessageBytes);
    }
}
