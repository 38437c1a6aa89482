package io.netpulse.app;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Starts a real single-node KRaft broker (combined broker and controller) for tests, with the settings one node
 * needs so consumer groups and transactions do not wait for replicas that will never exist.
 */
public final class EmbeddedBrokerSupport {

    private EmbeddedBrokerSupport() {
    }

    /** A formatted, started and ready broker; the caller closes it. {@code bootstrapServers()} is its address. */
    public static KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", 1)
                .setConfigProp("transaction.state.log.replication.factor", 1)
                .setConfigProp("transaction.state.log.min.isr", 1)
                .setConfigProp("group.initial.rebalance.delay.ms", 0)
                .setConfigProp("log.cleaner.dedupe.buffer.size", 2097152)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }
}
