package io.netpulse.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run in-process from Kafka's own
 * server classes: the embedded default, so {@code ./netpulse demo} needs no cluster. Clients reach it on
 * {@code 127.0.0.1:<kafka.port>} like any broker (kcat works too).
 *
 * <p>Its data lives in {@code <state.dir>/kafka}. The directory is formatted once; its {@code meta.properties}
 * keeps the cluster id, so a restart finds its topics, offsets and changelogs again. Everything a single node
 * cannot replicate is set to replication 1, or consumer groups and transactions would wait for replicas forever.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    /** How many ports {@link #freePort()} remembers. */
    static final int REMEMBERED_PORTS = 1_024;
    private static final Set<Integer> HANDED_OUT = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > REMEMBERED_PORTS;
        }
    });

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    /**
     * @param dataDir        where the broker keeps its data (created when absent)
     * @param port           client port, 0 for a free one
     * @param controllerPort controller port, 0 for a free one
     */
    public EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this.logDir = dataDir.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
        this.controllerPort = controllerPort == 0 ? freePort() : controllerPort;
    }

    /** Formats the data directory unless it already holds a cluster, then starts the broker and waits for it. */
    public EmbeddedKafka start() {
        Properties props = brokerProperties();
        try {
            Files.createDirectories(logDir);
            Path propertiesFile = logDir.getParent().resolve("kafka-server.properties");
            try (Writer writer = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
                props.store(writer, "netpulse embedded broker; rewritten at every start");
            }
            if (Files.exists(logDir.resolve("meta.properties"))) {
                LOG.info("Embedded Kafka: reusing the cluster in {}", logDir);
            } else {
                format(propertiesFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's directory " + logDir, e);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server = null;
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("the embedded Kafka broker did not start on " + bootstrapServers()
                    + " (is the port in use? set kafka.port / NETPULSE_KAFKA_PORT): " + root.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker listening on {}", bootstrapServers());
        return this;
    }

    /** The address clients connect to. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Stops the broker and waits until it has; its data stays for the next start. */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Embedded Kafka broker stopped");
        }
    }

    Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // A single node: every internal topic with one replica, or groups and transactions stall.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // Nobody else joins: start the first rebalance at once.
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a crash, the restarted broker registers again with its own controller, which refuses it until the
        // dead incarnation's lease expires (9 s by default); on one node nothing gains from that wait. Three missed
        // heartbeats still end a lease, so a busy CPU does not make the broker fence itself.
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "3000");
        // A transaction left open by a killed instance holds back read_committed readers and the committed
        // offsets of its partitions until the coordinator aborts it: look for timed-out ones every second, not ten.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // The first batch a transaction sends to a partition makes the broker add the partition to the transaction,
        // and while the coordinator is still writing the previous transaction's markers it answers "concurrent
        // transactions". The broker retries that for 100 ms by default, then fails the batch; the producer retries it
        // with a backoff growing to a second, the batches pipelined behind it fail as out of sequence (logged at ERROR
        // by the broker), and the commit waits. Waiting up to a second on the broker instead, the producer's own
        // longest backoff, lets the markers land while the request is held.
        p.put("add.partitions.to.txn.retry.backoff.max.ms", "1000");
        // The cleaner's default 128 MiB dedupe buffer is sized for big clusters; 2 MiB cuts the heap by ~130 MB.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        // Topics are created on purpose (TopicSetup, Kafka Streams), never by a typo in a producer.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private void format(Path propertiesFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()}, out);
        }
        String printed = output.toString(StandardCharsets.UTF_8).trim();
        if (status != 0) {
            throw new IllegalStateException("formatting the embedded broker's directory " + logDir
                    + " failed (status " + status + "): " + printed);
        }
        LOG.info("Embedded Kafka: formatted {} for new cluster {}: {}", logDir, clusterId, printed);
    }

    /**
     * A free port on 127.0.0.1, the embedded broker's address, for everything started on loopback (the broker, a
     * scratch instance's listeners, the bench's and the tests' instances). Never one this JVM was handed in its
     * last {@value #REMEMBERED_PORTS}: the kernel may give a port it just gave again once its socket is closed, and
     * two listeners taken one after the other (an instance's HTTP and peer ports) must differ.
     */
    public static int freePort() {
        return unlike(HANDED_OUT, () -> {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port", e);
            }
        });
    }

    /** The first port {@code bound} gives that is not in {@code handedOut}, which then holds it. */
    static int unlike(Set<Integer> handedOut, IntSupplier bound) {
        synchronized (handedOut) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = bound.getAsInt();
                if (handedOut.add(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port on " + HOST + " in 100 tries that this JVM was not given");
    }
}
