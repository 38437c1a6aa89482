package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.query.auth.AuthSettings;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.topology.BoundedRocksDbMemory;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings.RateSettings;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.alerts.AlertSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheEmbeddedSystemOnPort8080() {
        AppConfig config = AppConfig.defaults();

        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().port()).isEqualTo(9092);
        assertThat(config.kafka().controllerPort()).isZero();
        assertThat(config.kafka().passthrough()).isEmpty();
        assertThat(config.stateDir()).isEqualTo(Path.of(".netpulse").toAbsolutePath().normalize());
        assertThat(config.registry().url()).isEmpty();
        assertThat(config.streams()).isEqualTo(new StreamsInstanceConfig("netpulse", new HostInfo("localhost", 8081),
                "exactly_once_v2", 0, 268_435_456L, 100, false));
        assertThat(config.topics()).isEqualTo(new TopicLayout(TopicNames.defaults(), 4, (short) 1));
        assertThat(config.settings()).isEqualTo(TopologySettings.defaults());
        assertThat(config.demoExporter()).isTrue();
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultAuthenticationIsTheEmbeddedIssuer() {
        AppConfig config = AppConfig.load(Optional.empty(), Map.of("NETPULSE_STATE_DIR", "/srv/np"),
                new Properties());

        assertThat(config.auth()).isEqualTo(new AuthConfig(Optional.empty(), "netpulse-embedded", "netpulse",
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), Optional.empty()));
        assertThat(config.auth().embeddedIssuer()).isTrue();
        assertThat(config.auth().settings(URI.create("file:/srv/np/auth/jwks.json"))).isEqualTo(new AuthSettings(
                URI.create("file:/srv/np/auth/jwks.json"), "netpulse-embedded", "netpulse", Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }

    @Test
    void everyAuthKeyIsRead() throws IOException {
        Path file = write("""
                auth.jwks=https://idp.example.net/realms/netops/protocol/openid-connect/certs
                auth.issuer=https://idp.example.net/realms/netops
                auth.audience=netpulse-api
                auth.clock-skew=PT0S
                auth.jwks-cache-ttl=PT15M
                auth.jwks-refresh-min-interval=PT1M
                """);

        AuthConfig auth = AppConfig.load(Optional.of(file), Map.of(), new Properties()).auth();
        AuthConfig shared = AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_SIGNING_KEY",
                "/etc/netpulse/signing-key.jwk.json", "NETPULSE_AUTH_ISSUER", "netpulse-eu"), new Properties()).auth();
        AuthConfig keyFile = AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_JWKS", "/etc/np/jwks.json",
                "NETPULSE_AUTH_ISSUER", "https://issuer.example.net"), new Properties()).auth();

        assertThat(auth).isEqualTo(new AuthConfig(
                Optional.of(URI.create("https://idp.example.net/realms/netops/protocol/openid-connect/certs")),
                "https://idp.example.net/realms/netops", "netpulse-api", Duration.ZERO, Duration.ofMinutes(15),
                Duration.ofMinutes(1), Optional.empty()));
        assertThat(auth.embeddedIssuer()).isFalse();
        assertThat(shared).isEqualTo(new AuthConfig(Optional.empty(), "netpulse-eu", "netpulse",
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Optional.of(Path.of("/etc/netpulse/signing-key.jwk.json"))));
        assertThat(keyFile.jwks()).contains(URI.create("file:/etc/np/jwks.json"));
    }

    @Test
    void badAuthSettingsNameTheirKey() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_AUTH_JWKS", "https://idp.example.net/certs"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("auth.issuer: invalid value '' (from default): must be set with auth.jwks: the iss your"
                        + " issuer writes into its tokens");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_JWKS",
                "http://idp.example.net/certs", "NETPULSE_AUTH_ISSUER", "idp"), new Properties()))
                .hasMessage("auth.jwks: invalid value 'http://idp.example.net/certs' (from environment variable"
                        + " NETPULSE_AUTH_JWKS): auth.jwks over plain http is only accepted for a loopback host (a key"
                        + " set fetched in clear over a network can be replaced); use https:"
                        + " http://idp.example.net/certs");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_JWKS", "/etc/np/jwks.json",
                "NETPULSE_AUTH_ISSUER", "idp", "NETPULSE_AUTH_SIGNING_KEY", "/etc/np/key.json"), new Properties()))
                .hasMessage("auth.signing-key: invalid value '/etc/np/key.json' (from environment variable"
                        + " NETPULSE_AUTH_SIGNING_KEY): belongs to the embedded issuer; with auth.jwks set, netpulse"
                        + " signs no tokens");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_CLOCK_SKEW", "PT10M"),
                new Properties()))
                .hasMessage("auth.clock-skew must be between PT0S and PT5M, was PT10M");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_CLOCK_SKEW", "-PT1S"),
                new Properties()))
                .hasMessage("auth.clock-skew: invalid value '-PT1S' (from environment variable"
                        + " NETPULSE_AUTH_CLOCK_SKEW): must not be negative");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_JWKS_CACHE_TTL", "PT30S"),
                new Properties()))
                .hasMessage("auth.jwks-cache-ttl (PT30S) must be longer than auth.jwks-refresh-min-interval (PT30S)");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_AUTH_AUDIENCE", ""),
                new Properties()))
                .hasMessage("auth.audience: invalid value '' (from environment variable NETPULSE_AUTH_AUDIENCE):"
                        + " must not be empty");
    }

    @Test
    void environmentOverridesTheFileAndSystemPropertiesOverrideBoth() throws IOException {
        Path file = write("""
                http.port=9000
                kafka.bootstrap=file-broker:9092
                peer.key=a-shared-peer-key-of-the-file
                state.dir=/var/lib/netpulse
                rates.max-gap=PT20M
                """);
        Map<String, String> env = Map.of(
                "NETPULSE_HTTP_PORT", "9100",
                "NETPULSE_KAFKA_BOOTSTRAP", "env-broker:9092",
                "NETPULSE_RATES_MAX_GAP", "PT30M");
        Properties system = new Properties();
        system.setProperty("netpulse.http.port", "9200");

        AppConfig fileOnly = AppConfig.load(Optional.of(file), Map.of(), new Properties());
        AppConfig fileAndEnv = AppConfig.load(Optional.of(file), env, new Properties());
        AppConfig all = AppConfig.load(Optional.of(file), env, system);

        assertThat(fileOnly.http().port()).isEqualTo(9000);
        assertThat(fileOnly.kafka().bootstrap()).contains("file-broker:9092");
        assertThat(fileOnly.rates().maxGap()).isEqualTo(Duration.ofMinutes(20));
        assertThat(fileAndEnv.http().port()).isEqualTo(9100);
        assertThat(fileAndEnv.kafka().bootstrap()).contains("env-broker:9092");
        assertThat(fileAndEnv.rates().maxGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fileAndEnv.stateDir()).isEqualTo(Path.of("/var/lib/netpulse"));
        assertThat(all.http().port()).isEqualTo(9200);
        assertThat(all.streams().applicationServer())
                .as("application.server is on the port after the HTTP port unless set")
                .isEqualTo(new HostInfo("localhost", 9201));
    }

    @Test
    void everyKeyIsReadFromItsEnvironmentVariable() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("NETPULSE_STATE_DIR", "/data/np"),
                Map.entry("NETPULSE_REGISTRY_URL", "https://registry.example.net:8081"),
                Map.entry("NETPULSE_DEMO_EXPORTER", "false"),
                Map.entry("NETPULSE_APPLICATION_ID", "netpulse-eu"),
                Map.entry("NETPULSE_APPLICATION_SERVER", "np-1.internal:8081"),
                Map.entry("NETPULSE_KAFKA_CONTROLLER_PORT", "19093"),
                Map.entry("NETPULSE_TOPICS_FLOW_MESSAGES", "goflow2"),
                Map.entry("NETPULSE_TOPICS_PMACCT", "nfacctd.flows"),
                Map.entry("NETPULSE_TOPICS_PARTITIONS", "12"),
                Map.entry("NETPULSE_TOPICS_REPLICATION", "3"),
                Map.entry("NETPULSE_PROCESSING_GUARANTEE", "at_least_once"),
                Map.entry("NETPULSE_NUM_STANDBY_REPLICAS", "1"),
                Map.entry("NETPULSE_ROCKSDB_MEMORY", "1GiB"),
                Map.entry("NETPULSE_METRICS_MAX_SOURCES", "250"),
                Map.entry("NETPULSE_FLOWS_DEFAULT_SAMPLING_RATE", "1000"),
                Map.entry("NETPULSE_SHUTDOWN_TIMEOUT", "PT1M"));

        AppConfig config = AppConfig.load(Optional.empty(), env, new Properties());

        assertThat(config.stateDir()).isEqualTo(Path.of("/data/np"));
        assertThat(config.registry().url()).contains(URI.create("https://registry.example.net:8081"));
        assertThat(config.demoExporter()).isFalse();
        assertThat(config.kafka().controllerPort()).isEqualTo(19093);
        assertThat(config.streams()).isEqualTo(new StreamsInstanceConfig("netpulse-eu",
                new HostInfo("np-1.internal", 8081), "at_least_once", 1, 1_073_741_824L, 250, false));
        assertThat(config.topics().names().flowMessages()).isEqualTo("goflow2");
        assertThat(config.topics().names().pmacct()).isEqualTo("nfacctd.flows");
        assertThat(config.topics().partitions()).isEqualTo(12);
        assertThat(config.topics().replication()).isEqualTo((short) 3);
        assertThat(config.flows().defaultSamplingRate()).isEqualTo(1000);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void otherKafkaKeysPassThroughWithoutThePrefix() throws IOException {
        Path file = write("""
                kafka.bootstrap=broker-1:9093
                peer.key=a-shared-peer-key-of-the-file
                kafka.security.protocol=SASL_SSL
                kafka.num.stream.threads=2
                """);
        Map<String, String> env = Map.of("NETPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        Properties system = new Properties();
        system.setProperty("netpulse.kafka.ssl.truststore.location", "/etc/np/truststore.p12");

        AppConfig config = AppConfig.load(Optional.of(file), env, system);

        assertThat(config.kafka().passthrough()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "num.stream.threads", "2",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/np/truststore.p12"));
        assertThat(config.kafkaClientProperties("broker-1:9093")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker-1:9093",
                "security.protocol", "SASL_SSL",
                "num.stream.threads", "2",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/np/truststore.p12"));
        assertThat(config.streamsProperties("broker-1:9093"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("num.stream.threads", "2");
    }

    @Test
    void streamsPropertiesChooseEveryHandlerAndNoDefaultSerde() {
        AppConfig config = AppConfig.load(Optional.empty(), Map.of("NETPULSE_STATE_DIR", "/srv/np"),
                new Properties());

        Properties props = config.streamsProperties("127.0.0.1:9092");

        assertThat(props).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "netpulse"),
                Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"),
                Map.entry(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:8081"),
                Map.entry(StreamsConfig.STATE_DIR_CONFIG, "/srv/np/streams"),
                Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2"),
                Map.entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0),
                Map.entry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "netpulse.dead-letter"),
                Map.entry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        NetpulseDeserializationExceptionHandler.class.getName()),
                Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        NetpulseProcessingExceptionHandler.class.getName()),
                Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true),
                Map.entry("main.consumer.processing.exception.handler.global.enabled", true),
                Map.entry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterProductionExceptionHandler.class.getName()),
                Map.entry(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, NetpulseClientSupplier.class.getName()),
                Map.entry("netpulse.dead-letter.topic", "netpulse.dead-letter"),
                Map.entry("main.consumer.session.timeout.ms", 10_000),
                Map.entry("main.consumer.heartbeat.interval.ms", 1_000),
                Map.entry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName()),
                Map.entry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 268_435_456L),
                Map.entry(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO"),
                Map.entry(TopologyMetrics.MAX_SOURCES_CONFIG, 100),
                Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2),
                Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L),
                Map.entry(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L),
                Map.entry("global.consumer.fetch.max.wait.ms", 50),
                Map.entry("restore.consumer.fetch.max.wait.ms", 50)));
        // The configuration Kafka Streams builds from it is valid.
        new StreamsConfig(props);
    }

    @Test
    void thePartitionAssignorSeesTheGlobalProcessingHandlerEnabledAsTheStreamsConfigurationDoes() {
        StreamsConfig streams = new StreamsConfig(AppConfig.defaults().streamsProperties("127.0.0.1:9092"));

        // The assignor builds its StreamsConfig from these: without the key it would read false and warn.
        Map<String, Object> mainConsumer = streams.getMainConsumerConfigs("netpulse", "netpulse-main", 1);
        assertThat(new StreamsConfig(mainConsumer).getBoolean(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
    }

    @Test
    void theUncommittedBytesCheckIsOffUnlessTheStateStoresAreTransactional() {
        StreamsConfig plain = new StreamsConfig(AppConfig.defaults().streamsProperties("127.0.0.1:9092"));
        AppConfig transactional = AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_KAFKA_ENABLE_TRANSACTIONAL_STATESTORES", "true"), new Properties());
        StreamsConfig withTransactions = new StreamsConfig(transactional.streamsProperties("127.0.0.1:9092"));

        assertThat(plain.getLong(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG)).isEqualTo(-1L);
        assertThat(withTransactions.getBoolean(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isTrue();
        // Kafka's own default, 64 MB
        assertThat(withTransactions.getLong(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG))
                .isEqualTo(67_108_864L);
    }

    @Test
    void theGlobalAndRestoreConsumersWaitFiftyMillisecondsAtTheBrokerTheMainConsumerKafkasDefault() {
        StreamsConfig streams = new StreamsConfig(AppConfig.defaults().streamsProperties("127.0.0.1:9092"));

        assertThat(streams.getGlobalConsumerConfigs("netpulse")).containsEntry("fetch.max.wait.ms", 50);
        assertThat(streams.getRestoreConsumerConfigs("netpulse")).containsEntry("fetch.max.wait.ms", 50);
        assertThat(streams.getMainConsumerConfigs("netpulse", "netpulse-main", 1))
                .doesNotContainKey("fetch.max.wait.ms");
    }

    @Test
    void eachStreamThreadIsAStaticMemberWithATenSecondSessionAndTheProducerKnowsTheDeadLetterLimit() {
        AppConfig config = AppConfig.defaults();

        StreamsConfig streams = new StreamsConfig(config.streamsProperties("127.0.0.1:9092", "np-1.internal-8080",
                1_048_588));

        assertThat(config.membership()).isEqualTo(new MembershipConfig(Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(1)));
        assertThat(streams.getMainConsumerConfigs("netpulse", "netpulse-main", 1)).containsEntry(
                "group.instance.id", "np-1.internal-8080-1")
                .containsEntry("session.timeout.ms", 10_000)
                .containsEntry("heartbeat.interval.ms", 1_000);
        assertThat(streams.getRestoreConsumerConfigs("netpulse-restore")).doesNotContainKey("group.instance.id");
        assertThat(streams.getProducerConfigs("netpulse-producer"))
                .containsEntry("netpulse.dead-letter.topic", "netpulse.dead-letter")
                .containsEntry("netpulse.dead-letter.max.message.bytes", 1_048_588);
        assertThat(streams.getKafkaClientSupplier()).isInstanceOf(NetpulseClientSupplier.class);
    }

    @Test
    void membershipKeysAreRead() {
        AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_INSTANCE_ID", "netpulse-eu-1",
                "NETPULSE_SESSION_TIMEOUT", "PT20S",
                "NETPULSE_HEARTBEAT_INTERVAL", "PT5S"), new Properties());

        assertThat(config.membership()).isEqualTo(new MembershipConfig(Optional.of("netpulse-eu-1"),
                Duration.ofSeconds(20), Duration.ofSeconds(5)));
        assertThat(config.streamsProperties("127.0.0.1:9092"))
                .containsEntry("main.consumer.session.timeout.ms", 20_000)
                .containsEntry("main.consumer.heartbeat.interval.ms", 5_000);
    }

    @Test
    void inputsNameTheTopicsReadEachKindAtLeastOnce() {
        assertThat(AppConfig.defaults().topics().names().read()).isEqualTo(EnumSet.allOf(TopicNames.Input.class));
        AppConfig telegrafAndGoflow2 = AppConfig.load(Optional.empty(), Map.of("NETPULSE_INPUTS",
                "telegraf, flow-messages", "NETPULSE_DEMO_EXPORTER", "false"), new Properties());
        assertThat(telegrafAndGoflow2.topics().names().read())
                .isEqualTo(EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.FLOW_MESSAGES));
        assertThat(telegrafAndGoflow2.topics().names().inputs())
                .containsExactly("netpulse.inventory", "telegraf", "flow-messages");
        for (TopicNames.Input input : TopicNames.Input.values()) {
            assertThat(ConfigKey.topicOf(input).key()).as("the key of an input names its topic's key")
                    .isEqualTo("topics." + input.key());
        }

        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_INPUTS", "telegraf,sflow"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("inputs: invalid value 'telegraf,sflow' (from environment variable NETPULSE_INPUTS):"
                        + " unknown input 'sflow': the inputs are counters, telegraf, flows, flow-messages, pmacct");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_INPUTS", "telegraf,counters"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("inputs: invalid value 'telegraf,counters' (from environment variable NETPULSE_INPUTS):"
                        + " name at least one counter input (counters, telegraf) and one flow input (flows,"
                        + " flow-messages, pmacct)");
    }

    @Test
    void theDemoExporterNeedsEveryInputItWritesReadButOnlyOnTheEmbeddedBroker() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_INPUTS",
                "telegraf,flow-messages"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("inputs: the demo exporter (demo.exporter) writes [counters, telegraf, flows,"
                        + " flow-messages]: read them all, or set demo.exporter=false");
        AppConfig cluster = AppConfig.load(Optional.empty(), Map.of("NETPULSE_INPUTS", "telegraf,flow-messages",
                "NETPULSE_KAFKA_BOOTSTRAP", "kafka-1:9092", "NETPULSE_PEER_KEY", "0123456789abcdef0123456789abcdef"),
                new Properties());
        assertThat(cluster.topics().names().read())
                .isEqualTo(EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.FLOW_MESSAGES));
    }

    @Test
    void badMembershipSettingsNameTheirKey() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_INSTANCE_ID", "np 1"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("instance.id: invalid value 'np 1' (from environment variable NETPULSE_INSTANCE_ID): use at"
                        + " most 249 letters, digits, '.', '_' and '-'");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_HEARTBEAT_INTERVAL", "PT4S"),
                new Properties()))
                .hasMessage("heartbeat.interval: invalid value 'PT4S' (from environment variable"
                        + " NETPULSE_HEARTBEAT_INTERVAL): must be at most a third of session.timeout (PT10S)");
    }

    @Test
    void alertKeysAreReadWithTheirDefaultsOtherwise() {
        AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_ALERTS_UTILIZATION_PERCENT", "95.5",
                "NETPULSE_ALERTS_SILENCE", "PT10M",
                "NETPULSE_ALERTS_SPIKE_FLOOR_BYTES", "5000000",
                "NETPULSE_TOPICS_ALERTS", "noc.alerts"), new Properties());

        assertThat(config.settings().alerts()).isEqualTo(new AlertSettings(95.5, 80, 5, Duration.ofMinutes(10), 5,
                5_000_000, 6, 0.25, Duration.ofDays(7)));
        assertThat(config.settings().topics().alerts()).isEqualTo("noc.alerts");
        assertThat(AppConfig.defaults().settings().alerts()).isEqualTo(AlertSettings.defaults());
    }

    @Test
    void badAlertSettingsNameTheirKey() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_ALERTS_SPIKE_FACTOR", "x"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("alerts.spike-factor: invalid value 'x'");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_ALERTS_UTILIZATION_PERCENT",
                "101"), new Properties()))
                .hasMessageStartingWith("alerts.utilization-percent: invalid value '101'");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_ALERTS_UTILIZATION_CLEAR_PERCENT", "95"), new Properties()))
                .hasMessageStartingWith("alerts.utilization-clear-percent: invalid value '95'");
    }

    @Test
    void settingsCarryTheConfiguredDurations() {
        Map<String, String> env = Map.of(
                "NETPULSE_RATES_LATENESS", "PT2M",
                "NETPULSE_RATES_MINUTE_RETENTION", "P3D",
                "NETPULSE_RATES_FIVE_MINUTE_RETENTION", "P30D",
                "NETPULSE_RATES_HOUR_RETENTION", "P90D",
                "NETPULSE_RATES_SPEED_CEILING_BPS", "100000000000",
                "NETPULSE_FLOWS_GRACE", "PT1M",
                "NETPULSE_FLOWS_SECOND_RETENTION", "PT30M",
                "NETPULSE_FLOWS_MINUTE_RETENTION", "P1D",
                "NETPULSE_FLOWS_HOUR_RETENTION", "P30D",
                "NETPULSE_TOPICS_COUNTERS", "snmp.counters");

        TopologySettings settings = AppConfig.load(Optional.empty(), env, new Properties()).settings();

        assertThat(settings.rates()).isEqualTo(new RateSettings(Duration.ofMinutes(15), Duration.ofMinutes(2),
                Duration.ofDays(3), Duration.ofDays(30), Duration.ofDays(90), 100_000_000_000L));
        assertThat(settings.flows()).isEqualTo(new FlowSettings(Duration.ofMinutes(1), Duration.ofMinutes(30),
                Duration.ofDays(1), Duration.ofDays(30), 1));
        assertThat(settings.topics().counters()).isEqualTo("snmp.counters");
        assertThat(settings.topics().flows()).isEqualTo("netpulse.flows");
    }

    @Test
    void topTalkersCapacityIsReadAndBounded() {
        TopologySettings settings = AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_FLOWS_TOP_TALKERS_CAPACITY", "500"), new Properties()).settings();

        assertThat(settings.flows().topTalkersCapacity()).isEqualTo(500);
        assertThat(AppConfig.load(Optional.empty(), Map.of(), new Properties()).settings().flows()
                .topTalkersCapacity()).isEqualTo(200);
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_FLOWS_TOP_TALKERS_CAPACITY", "99"),
                new Properties()))
                .hasMessage("flows.top-talkers-capacity: invalid value '99' (from environment variable"
                        + " NETPULSE_FLOWS_TOP_TALKERS_CAPACITY): must be between 100 and 10000");
    }

    @Test
    void metricsMaxSourcesReachesKafkaStreamsAndIsBounded() {
        Properties props = AppConfig.load(Optional.empty(), Map.of("NETPULSE_METRICS_MAX_SOURCES", "7"),
                new Properties()).streamsProperties("127.0.0.1:9092");

        assertThat(props).containsEntry(TopologyMetrics.MAX_SOURCES_CONFIG, 7);
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_METRICS_MAX_SOURCES", "0"),
                new Properties()))
                .hasMessage("metrics.max-sources: invalid value '0' (from environment variable"
                        + " NETPULSE_METRICS_MAX_SOURCES): must be between 1 and 10000");
    }

    @Test
    void exporterSettingsAreReadFromTheirKeys() {
        Map<String, String> env = Map.of(
                "NETPULSE_TELEGRAF_TIMESTAMP_UNITS", "1ms",
                "NETPULSE_TELEGRAF_INTERFACE_MEASUREMENTS", "ifTable, ifXTable",
                "NETPULSE_TELEGRAF_UPTIME_MEASUREMENT", "system",
                "NETPULSE_TELEGRAF_UPTIME_FIELDS", "uptime",
                "NETPULSE_TELEGRAF_UPTIME_UNIT", "timeticks",
                "NETPULSE_TELEGRAF_POLL_WINDOW", "PT3S",
                "NETPULSE_TELEGRAF_COUNTER_WIDTH_MEMORY", "PT20M",
                "NETPULSE_GOFLOW2_FORMAT", "bin",
                "NETPULSE_GOFLOW2_SAMPLING_RATES", "10.0.0.1=1000, 2001:db8::1=512");

        ExporterSettings exporters = AppConfig.load(Optional.empty(), env, new Properties()).settings().exporters();

        assertThat(exporters).isEqualTo(new ExporterSettings(
                new ExporterSettings.Telegraf(Duration.ofMillis(1), Set.of("ifTable", "ifXTable"), "system",
                        List.of("uptime"), ExporterSettings.UptimeUnit.TIMETICKS, Duration.ofSeconds(3),
                        Duration.ofMinutes(20)),
                new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.PROTOBUF,
                        Map.of("10.0.0.1", 1000L, "2001:db8::1", 512L))));
        assertThat(AppConfig.defaults().settings().exporters()).isEqualTo(ExporterSettings.defaults());
    }

    @Test
    void badExporterSettingNamesItsKey() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_GOFLOW2_SAMPLING_RATES", "10.0.0.1:1000"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("goflow2.sampling-rates: invalid value '10.0.0.1:1000' (from environment variable"
                        + " NETPULSE_GOFLOW2_SAMPLING_RATES): expected address=rate, got '10.0.0.1:1000'");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_TELEGRAF_TIMESTAMP_UNITS", "1h"), new Properties()))
                .hasMessage("telegraf.timestamp-units: invalid value '1h' (from environment variable"
                        + " NETPULSE_TELEGRAF_TIMESTAMP_UNITS):"
                        + " not a Telegraf duration such as 1s, 1ms, 1us or 1ns: 1h");
    }

    @Test
    void registrySettingsCarryAuthenticationAndTruststore() throws IOException {
        Path file = write("""
                registry.url=https://registry.example.net
                registry.user=netpulse
                registry.password=s3cret
                registry.truststore=/etc/np/registry.p12
                registry.truststore-password=changeit
                """);

        RegistryConfig registry = AppConfig.load(Optional.of(file), Map.of(), new Properties()).registry();

        assertThat(registry.settings()).isEqualTo(RegistrySettings.of(URI.create("https://registry.example.net"))
                .withBasicAuth("netpulse", "s3cret")
                .withTrustStore(new RegistrySettings.TrustStore(Path.of("/etc/np/registry.p12"),
                        Optional.of("changeit"), "PKCS12")));
        assertThat(registry.toString()).isEqualTo("Registry[url=https://registry.example.net, user=netpulse,"
                + " password=***, truststore=/etc/np/registry.p12]");
    }

    @Test
    void kafkaSecretsAreMaskedWhenPrinted() throws IOException {
        Path file = write("""
                kafka.bootstrap=broker-1:9093
                peer.key=a-shared-peer-key-of-the-file
                kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
                kafka.ssl.truststore.password=changeit
                kafka.security.protocol=SASL_SSL
                """);

        KafkaConfig kafka = AppConfig.load(Optional.of(file), Map.of(), new Properties()).kafka();

        assertThat(kafka.toString()).isEqualTo("Kafka[bootstrap=broker-1:9093, port=9092, controllerPort=0,"
                + " passthrough={sasl.jaas.config=***, security.protocol=SASL_SSL, ssl.truststore.password=***}]");
    }

    @Test
    void badValueNamesTheKeyTheValueAndWhereItCameFrom() throws IOException {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PORT", "80a"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http.port: invalid value '80a' (from environment variable NETPULSE_HTTP_PORT):"
                        + " not a whole number");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PORT", "70000"),
                new Properties()))
                .hasMessage("http.port: invalid value '70000' (from environment variable NETPULSE_HTTP_PORT):"
                        + " must be between 1 and 65535");
        Path file = write("rates.max-gap=15m\n");
        assertThatThrownBy(() -> AppConfig.load(Optional.of(file), Map.of(), new Properties()))
                .hasMessage("rates.max-gap: invalid value '15m' (from file " + file + "):"
                        + " not an ISO-8601 duration such as PT30S, PT15M or P7D");
        Properties system = new Properties();
        system.setProperty("netpulse.rocksdb.memory", "lots");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of(), system))
                .hasMessage("rocksdb.memory: invalid value 'lots' (from system property netpulse.rocksdb.memory):"
                        + " not a size (expected bytes or a number with KiB, MiB, GiB)");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_REGISTRY_URL", "ftp://r"),
                new Properties()))
                .hasMessage("registry.url: invalid value 'ftp://r' (from environment variable"
                        + " NETPULSE_REGISTRY_URL): not an http or https URL");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_PROCESSING_GUARANTEE", "exactly_once"), new Properties()))
                .hasMessage("processing.guarantee: invalid value 'exactly_once' (from environment variable"
                        + " NETPULSE_PROCESSING_GUARANTEE): must be one of exactly_once_v2, at_least_once");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_APPLICATION_SERVER", "np-1.internal"), new Properties()))
                .hasMessage("application.server: invalid value 'np-1.internal' (from environment variable"
                        + " NETPULSE_APPLICATION_SERVER): expected host:port");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_DEMO_EXPORTER", "yes"),
                new Properties()))
                .hasMessage("demo.exporter: invalid value 'yes' (from environment variable NETPULSE_DEMO_EXPORTER):"
                        + " must be true or false");
    }

    @Test
    void queriesForwardWithinTenSecondsAndStandbysDoNotAnswerByDefault() {
        assertThat(AppConfig.defaults().query()).extracting(QueryConfig::allowStandby,
                QueryConfig::forwardTimeout).containsExactly(false, Duration.ofSeconds(10));

        AppConfig configured = AppConfig.load(Optional.empty(), Map.of(
                "NETPULSE_QUERY_ALLOW_STANDBY", "true",
                "NETPULSE_QUERY_FORWARD_TIMEOUT", "PT3S"), new Properties());

        assertThat(configured.query()).extracting(QueryConfig::allowStandby, QueryConfig::forwardTimeout)
                .containsExactly(true, Duration.ofSeconds(3));
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_QUERY_FORWARD_TIMEOUT", "PT0S"),
                new Properties()))
                .hasMessage("query.forward-timeout: invalid value 'PT0S' (from environment variable"
                        + " NETPULSE_QUERY_FORWARD_TIMEOUT): must be positive");
    }

    @Test
    void thePeerListenerIsApplicationServerOnThePortAfterHttpPortByDefault() {
        assertThat(AppConfig.defaults().streams().applicationServer()).isEqualTo(new HostInfo("localhost", 8081));
        assertThat(AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PORT", "9000"), new Properties())
                .streams().applicationServer()).isEqualTo(new HostInfo("localhost", 9001));
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PORT", "9000",
                "NETPULSE_APPLICATION_SERVER", "np-1.internal:9000"), new Properties()))
                .hasMessage("application.server: invalid value 'np-1.internal:9000' (from environment variable"
                        + " NETPULSE_APPLICATION_SERVER): its port is http.port's; the peer listener, which other"
                        + " instances reach at application.server, needs a port of its own");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PORT", "65535"),
                new Properties()))
                .hasMessage("http.port: invalid value '65535' (from environment variable NETPULSE_HTTP_PORT):"
                        + " leaves no port for the peer listener (http.port + 1); set application.server");
    }

    @Test
    void theEmbeddedBrokerRunsWithARandomPeerKeyAndASharedClusterNeedsOne() {
        AppConfig first = AppConfig.defaults();
        AppConfig second = AppConfig.defaults();
        String key = "sixteen-chars-ok";
        AppConfig shared = AppConfig.load(Optional.empty(), Map.of("NETPULSE_KAFKA_BOOTSTRAP", "broker:9092",
                "NETPULSE_PEER_KEY", key), new Properties());

        assertThat(first.query().peerKey().matches(key)).isFalse();
        assertThat(second.query().peerKey()).isNotSameAs(first.query().peerKey());
        assertThat(shared.query().peerKey().matches(key)).isTrue();
        assertThat(shared.query().peerKey().matches(key + " ")).isFalse();
        assertThat(shared.toString()).doesNotContain(key);
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_KAFKA_BOOTSTRAP", "broker:9092"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("peer.key: must be set with kafka.bootstrap: instances sharing a cluster forward queries"
                        + " to each other's peer listener, and each accepts only the key it holds. Give every"
                        + " instance the same secret of at least 16 characters (e.g. openssl rand -base64 32)");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_PEER_KEY", "fifteen-chars-x"),
                new Properties()))
                .hasMessage("peer.key: invalid value '***' (from environment variable NETPULSE_PEER_KEY): shorter"
                        + " than 16 characters");
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws IOException {
        Path file = write("http.prot=8081\n");

        assertThatThrownBy(() -> AppConfig.load(Optional.of(file), Map.of(), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown configuration key 'http.prot' in file " + file
                        + " (keys are listed in docs/configuration.md; Kafka properties take the prefix 'kafka.')");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigKey.HTTP_PORT.environmentName()).isEqualTo("NETPULSE_HTTP_PORT");
        assertThat(ConfigKey.KAFKA_BOOTSTRAP.environmentName()).isEqualTo("NETPULSE_KAFKA_BOOTSTRAP");
        assertThat(ConfigKey.STATE_DIR.environmentName()).isEqualTo("NETPULSE_STATE_DIR");
        assertThat(ConfigKey.REGISTRY_URL.environmentName()).isEqualTo("NETPULSE_REGISTRY_URL");
        assertThat(ConfigKey.DEMO_EXPORTER.environmentName()).isEqualTo("NETPULSE_DEMO_EXPORTER");
        assertThat(ConfigKey.KAFKA_CONTROLLER_PORT.environmentName()).isEqualTo("NETPULSE_KAFKA_CONTROLLER_PORT");
        assertThat(ConfigKey.REGISTRY_TRUSTSTORE_PASSWORD.systemPropertyName())
                .isEqualTo("netpulse.registry.truststore-password");
    }

    @Test
    void defaultDurationsAreWrittenAsOperatorsWriteThem() {
        assertThat(ConfigKey.RATES_MINUTE_RETENTION.defaultValue()).isEqualTo("P7D");
        assertThat(ConfigKey.RATES_HOUR_RETENTION.defaultValue()).isEqualTo("P400D");
        assertThat(ConfigKey.RATES_MAX_GAP.defaultValue()).isEqualTo("PT15M");
        assertThat(ConfigKey.FLOWS_SECOND_RETENTION.defaultValue()).isEqualTo("PT1H");
        assertThat(ValueType.DURATION.format(Duration.ofHours(36))).isEqualTo("PT36H");
    }

    @Test
    void sizesAreReadInBinaryUnits() {
        assertThat(ByteSize.parse("268435456")).isEqualTo(268_435_456L);
        assertThat(ByteSize.parse("256MiB")).isEqualTo(268_435_456L);
        assertThat(ByteSize.parse("512 KiB")).isEqualTo(524_288L);
        assertThat(ByteSize.parse("2g")).isEqualTo(2_147_483_648L);
        assertThat(ByteSize.parse("64MB")).isEqualTo(67_108_864L);
        assertThatThrownBy(() -> ByteSize.parse("1.5GiB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownKeyInASystemPropertyIsAnErrorAndUnknownVariablesAreSkipped() {
        Properties system = new Properties();
        system.setProperty("netpulse.http.prot", "8081");
        system.setProperty("other.tool.setting", "x");

        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of(), system))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown configuration key 'http.prot' in system property netpulse.http.prot"
                        + " (keys are listed in docs/configuration.md; Kafka properties take the prefix 'kafka.')");
        AppConfig config = AppConfig.load(Optional.empty(), Map.of("NETPULSE_HTTP_PROT", "8081",
                "NETPULSE_JAVA_OPTS", "-Xmx1g", "HTTP_PORT", "9999"), new Properties());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.kafka().passthrough()).isEmpty();
    }

    @Test
    void everyDefaultIsWrittenAsItsKeyReadsIt() {
        for (ConfigKey<?> key : ConfigKey.values()) {
            if (key != ConfigKey.APPLICATION_SERVER) {
                assertThat(readAndWrite(key)).as(key.key()).isEqualTo(key.defaultValue());
            }
        }
    }

    @Test
    void defaultsKeptByOtherModulesAreWrittenFromTheirConstants() {
        assertThat(ConfigKey.ROCKSDB_MEMORY.defaultValue()).isEqualTo("256MiB");
        assertThat(ConfigKey.TELEGRAF_TIMESTAMP_UNITS.defaultValue()).isEqualTo("1s");
        assertThat(ConfigKey.TELEGRAF_INTERFACE_MEASUREMENTS.defaultValue()).isEqualTo("interface");
        assertThat(ConfigKey.TELEGRAF_UPTIME_FIELDS.defaultValue()).isEqualTo("sysUpTime,sysUptime,uptime");
        assertThat(ConfigKey.TELEGRAF_UPTIME_UNIT.defaultValue()).isEqualTo("seconds");
        assertThat(ConfigKey.GOFLOW2_FORMAT.defaultValue()).isEqualTo("json");
        assertThat(ConfigKey.GOFLOW2_SAMPLING_RATES.defaultValue()).isEmpty();
        assertThat(ConfigKey.ALERTS_UTILIZATION_PERCENT.defaultValue()).isEqualTo("90");
        assertThat(ConfigKey.ALERTS_SPIKE_WEIGHT.defaultValue()).isEqualTo("0.25");
        assertThat(ConfigKey.AUTH_CLOCK_SKEW.defaultValue()).isEqualTo("PT30S");
        assertThat(ConfigKey.FLOWS_TOP_TALKERS_CAPACITY.defaultValue()).isEqualTo("200");
        assertThat(ConfigKey.STATE_DIR.defaultValue()).isEqualTo(".netpulse");
    }

    @Test
    void valuesBreakingTheirKeysRulesNameTheKey() {
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_ALERTS_SPIKE_WEIGHT", "1.5"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("alerts.spike-weight: invalid value '1.5' (from environment variable"
                        + " NETPULSE_ALERTS_SPIKE_WEIGHT): must be in (0, 1]");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_SESSION_TIMEOUT", "P30D"),
                new Properties()))
                .hasMessage("session.timeout: invalid value 'P30D' (from environment variable"
                        + " NETPULSE_SESSION_TIMEOUT): must be at most 2147483647 ms");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_TELEGRAF_UPTIME_UNIT", "SECONDS"),
                new Properties()))
                .hasMessage("telegraf.uptime-unit: invalid value 'SECONDS' (from environment variable"
                        + " NETPULSE_TELEGRAF_UPTIME_UNIT): must be one of seconds, timeticks");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_TELEGRAF_INTERFACE_MEASUREMENTS", "ifTable,,ifXTable"), new Properties()))
                .hasMessage("telegraf.interface-measurements: invalid value 'ifTable,,ifXTable' (from environment"
                        + " variable NETPULSE_TELEGRAF_INTERFACE_MEASUREMENTS): an item of the comma-separated list"
                        + " is empty");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(),
                Map.of("NETPULSE_TELEGRAF_UPTIME_MEASUREMENT", "interface"), new Properties()))
                .hasMessage("telegraf.*: Telegraf uptime measurement 'interface' is also an interface measurement");
        assertThatThrownBy(() -> AppConfig.load(Optional.empty(), Map.of("NETPULSE_KAFKA_PORT", "-1"),
                new Properties()))
                .hasMessage("kafka.port: invalid value '-1' (from environment variable NETPULSE_KAFKA_PORT): must be"
                        + " between 0 and 65535");
    }

    @Test
    void sizesAreWrittenInTheLargestWholeBinaryUnit() {
        assertThat(ByteSize.format(268_435_456L)).isEqualTo("256MiB");
        assertThat(ByteSize.format(1_073_741_824L)).isEqualTo("1GiB");
        assertThat(ByteSize.format(1_572_864L)).isEqualTo("1536KiB");
        assertThat(ByteSize.format(1_099_511_627_776L)).isEqualTo("1TiB");
        assertThat(ByteSize.format(1000)).isEqualTo("1000");
        assertThat(ByteSize.format(0)).isEqualTo("0");
    }

    private static <T> String readAndWrite(ConfigKey<T> key) {
        return key.type().format(key.type().parse(key.defaultValue()));
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("netpulse.properties");
        Files.writeString(file, content);
        return file;
    }
}
