package io.netpulse.app;

import static io.netpulse.app.EmbeddedKafka.freePort;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Starts a real single-node KRaft broker (combined broker and controller, Kafka's own server classes) on loopback
 * for tests, with the settings one node needs so consumer groups and transactions do not wait for replicas that
 * will never exist. Kafka's {@code KafkaClusterTestKit} 4.4.0 cannot be used: it needs {@code TestSslUtils} from a
 * kafka-clients test jar that 4.4.0 no longer publishes on Maven Central.
 */
public final class EmbeddedBrokerSupport {

    private EmbeddedBrokerSupport() {
    }

    /** A started broker; closing it stops the broker and deletes its data. */
    public record Broker(String bootstrapServers, KafkaRaftServer server, Path dataDir) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            server.shutdown();
            server.awaitShutdown();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Formats a fresh data directory and starts a broker on two free loopback ports; returns once it serves. */
    public static Broker start() throws Exception {
        return start(Map.of());
    }

    /** {@link #start()} with broker properties of the test's own, e.g. {@code message.max.bytes}. */
    public static Broker start(Map<String, String> overrides) throws Exception {
        Path dataDir = Files.createTempDirectory("netpulse-broker-");
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.putAll(overrides);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER")
                .run();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, new Properties(), false), Time.SYSTEM);
        server.startup();
        return new Broker("127.0.0.1:" + brokerPort, server, dataDir);
    }
}
