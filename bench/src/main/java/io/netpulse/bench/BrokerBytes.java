package io.netpulse.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/**
 * What the broker holds per topic, summed over partitions and log directories, as the broker itself reports it
 * ({@code describeLogDirs}): taken before and after a run, the difference is what the run made the broker write,
 * and against the input's own bytes it is the write amplification of the topology (changelogs, repartitions,
 * outputs, Kafka's transaction and offset logs). These are log sizes, record overhead included. A compacted topic
 * cleaned during the run, and a repartition topic Kafka Streams purged up to its committed offsets, show less than
 * was written: a long run understates its repartitions.
 */
record BrokerBytes(Map<String, Long> byTopic) {

    private static final int SHOWN = 8;

    /** The broker's bytes per topic now. */
    static BrokerBytes now(String bootstrap) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Long> byTopic = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            Map<Integer, Map<String, LogDirDescription>> dirs = admin
                    .describeLogDirs(nodes.stream().map(Node::id).toList()).allDescriptions()
                    .get(30, TimeUnit.SECONDS);
            dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos()
                    .forEach((partition, replica) -> byTopic.merge(partition.topic(), replica.size(), Long::sum))));
        }
        return new BrokerBytes(byTopic);
    }

    /** What each topic gained since {@code before}, topics that did not grow left out. */
    BrokerBytes since(BrokerBytes before) {
        Map<String, Long> grown = new TreeMap<>();
        byTopic.forEach((topic, bytes) -> {
            long gained = bytes - before.byTopic.getOrDefault(topic, 0L);
            if (gained > 0) {
                grown.put(topic, gained);
            }
        });
        return new BrokerBytes(grown);
    }

    /** The bytes of {@code topic}, 0 when the broker holds none. */
    long bytesOf(String topic) {
        return byTopic.getOrDefault(topic, 0L);
    }

    /** Prints the total against the input's {@code inputBytes}, the total per kind, and the largest topics. */
    void print(PrintStream out, long inputBytes) {
        Map<String, Long> byKind = new TreeMap<>();
        byTopic.forEach((topic, bytes) -> byKind.merge(kind(topic), bytes, Long::sum));
        long written = byKind.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  broker    wrote %,.1f MB for the input's %,.1f MB on disk (%.1f x): %s%n", written / 1e6,
                inputBytes / 1e6, inputBytes == 0 ? 0.0 : (double) written / inputBytes, String.join(", ",
                        byKind.entrySet().stream().map(kind -> String.format("%s %,.1f MB", kind.getKey(),
                                kind.getValue() / 1e6)).toList()));
        byTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(SHOWN)
                .forEach(topic -> out.printf("            %-72s %,10.1f MB%n", topic.getKey(),
                        topic.getValue() / 1e6));
    }

    private static String kind(String topic) {
        if (topic.endsWith("-changelog")) {
            return "changelogs";
        }
        if (topic.endsWith("-repartition")) {
            return "repartitions";
        }
        if (topic.startsWith("__")) {
            return "Kafka's transaction and offset logs";
        }
        return "outputs";
    }
}
