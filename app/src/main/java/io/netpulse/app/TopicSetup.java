package io.netpulse.app;

import io.netpulse.topology.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics netpulse reads and writes when they are absent, with their partitions and cleanup policy,
 * and leaves existing ones alone (it logs when an existing topic differs from what netpulse would create).
 * Idempotent: run at every start, in embedded mode and against a real cluster alike.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * One topic as netpulse creates it.
     *
     * @param name          topic name
     * @param partitions    partition count
     * @param cleanupPolicy {@code compact} or {@code delete}
     */
    public record TopicSpec(String name, int partitions, String cleanupPolicy) {
    }

    /** What {@link #ensure} did. */
    public record Outcome(List<String> created, List<String> existing) {
    }

    private TopicSetup() {
    }

    /**
     * The topics of {@code names}, in data-flow order: inputs, the topology's own topics and outputs, with
     * {@code partitions} partitions; the inventory and the directory compacted (latest entry per key, a tombstone
     * deletes); the schemas topic compacted with one partition, for a total order of registrations, and only when
     * the embedded registry uses it.
     */
    public static List<TopicSpec> specs(TopicNames names, int partitions, boolean withSchemasTopic) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String input : names.inputs()) {
            String policy = input.equals(names.inventory())
                    ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
            specs.add(new TopicSpec(input, partitions, policy));
        }
        for (String internal : names.internals()) {
            specs.add(new TopicSpec(internal, partitions, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        for (String output : names.outputs()) {
            specs.add(new TopicSpec(output, partitions, TopicConfig.CLEANUP_POLICY_DELETE));
        }
        if (withSchemasTopic) {
            specs.add(new TopicSpec(names.schemas(), 1, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return specs;
    }

    /** Creates every topic of {@code specs} that {@code admin} does not find, with {@code replication}. */
    public static Outcome ensure(Admin admin, List<TopicSpec> specs, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (existing.contains(spec.name())) {
                    present.add(spec.name());
                    continue;
                }
                NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy()));
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(spec.name());
                    LOG.info("Created topic {} ({} partitions, replication {}, cleanup.policy={})",
                            spec.name(), spec.partitions(), replication, spec.cleanupPolicy());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    present.add(spec.name()); // another instance created it meanwhile
                }
            }
            awaitVisible(admin, created);
            warnAboutDifferences(admin, specs, present);
            return new Outcome(List.copyOf(created), List.copyOf(present));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the netpulse topics: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the netpulse topics: Kafka did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the netpulse topics", e);
        }
    }

    /**
     * The {@code max.message.bytes} the broker applies to {@code topic}: the topic's own setting, else the broker's
     * {@code message.max.bytes}. Dead letters are cut to it (see {@link DeadLetterBound}).
     */
    public static int maxMessageBytes(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the configuration of topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read the configuration of topic " + topic + ": Kafka did not "
                    + "answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration of topic " + topic, e);
        }
    }

    /**
     * Waits until the broker serves the new topics with a leader for every partition: creation returns once the
     * controller accepted it, and a client that describes or writes the topic a moment later could still be told
     * it does not exist.
     */
    private static void awaitVisible(Admin admin, List<String> topics)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!topics.isEmpty()) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null
                        && !p.leader().isEmpty()))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe the new topics " + topics, e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics + " not served within " + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }

    private static void warnAboutDifferences(Admin admin, List<TopicSpec> specs, List<String> present)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicSpec spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            if (description != null && description.partitions().size() != spec.partitions()) {
                LOG.warn("Topic {} exists with {} partitions where netpulse would create {}; left as it is",
                        spec.name(), description.partitions().size(), spec.partitions());
            } else if (description != null) {
                LOG.info("Topic {} exists", spec.name());
            }
        }
    }
}
