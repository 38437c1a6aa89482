package io.netpulse.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The name of every topic netpulse reads or writes; each is configurable so several deployments can share a cluster.
 *
 * <p>{@code read} names the counter and flow inputs an operator's exporters write. Kafka Streams checks each empty
 * input partition of a task on every record it processes (and formats a log line for it whatever the log level), so
 * a task reading three flow formats where one is used pays for two on every flow: the others are left out of the
 * topology, and not created.
 */
public record TopicNames(
        String counters,
        String flows,
        String inventory,
        String telegraf,
        String flowMessages,
        String pmacct,
        String interfaceRates,
        String siteVolume,
        String sourceStats,
        String ipStats,
        String deadLetter,
        String schemas,
        String directory,
        String alerts,
        String billing,
        Set<Input> read) {

    /** An input netpulse can read besides the inventory, by its key in the configuration ({@code topics.<key>}). */
    public enum Input {
        /** netpulse's counter samples (Avro). */
        COUNTERS("counters", Kind.COUNTER, TopicNames::counters),
        /** Telegraf's SNMP metrics. */
        TELEGRAF("telegraf", Kind.COUNTER, TopicNames::telegraf),
        /** netpulse's flow records (Avro). */
        FLOWS("flows", Kind.FLOW, TopicNames::flows),
        /** goflow2's flow messages. */
        FLOW_MESSAGES("flow-messages", Kind.FLOW, TopicNames::flowMessages),
        /** pmacct's flow records. */
        PMACCT("pmacct", Kind.FLOW, TopicNames::pmacct);

        /** What an input carries: every topology needs at least one input of each kind. */
        public enum Kind { COUNTER, FLOW }

        private final String key;
        private final Kind kind;
        private final Function<TopicNames, String> topic;

        Input(String key, Kind kind, Function<TopicNames, String> topic) {
            this.key = key;
            this.kind = kind;
            this.topic = topic;
        }

        /** Its name in the configuration, as in {@code topics.<key>}. */
        public String key() {
            return key;
        }

        /** What it carries. */
        public Kind kind() {
            return kind;
        }

        /** The input named {@code key}, or empty. */
        public static Optional<Input> byKey(String key) {
            return Arrays.stream(values()).filter(input -> input.key.equals(key)).findFirst();
        }

        /** The inputs named by {@code keys}; refuses an unknown key and a set without an input of each kind. */
        public static Set<Input> ofKeys(Collection<String> keys) {
            Set<Input> inputs = EnumSet.noneOf(Input.class);
            for (String key : keys) {
                inputs.add(byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown input '" + key
                        + "': the inputs are " + keysOf(Arrays.asList(values())))));
            }
            requireEachKind(inputs);
            return inputs;
        }

        /** Refuses {@code read} unless it holds an input of each kind: a topology needs counters and flows. */
        static void requireEachKind(Set<Input> read) {
            if (Arrays.stream(Kind.values()).allMatch(kind -> read.stream().anyMatch(input -> input.kind == kind))) {
                return;
            }
            throw new IllegalArgumentException("name at least " + Arrays.stream(Kind.values())
                    .map(kind -> "one " + kind.name().toLowerCase(Locale.ROOT) + " input (" + keysOf(
                            Arrays.stream(values()).filter(input -> input.kind == kind).toList()) + ")")
                    .collect(Collectors.joining(" and ")));
        }

        private static String keysOf(Collection<Input> inputs) {
            return inputs.stream().map(Input::key).collect(Collectors.joining(", "));
        }
    }

    public TopicNames {
        read = Set.copyOf(read);
        Input.requireEachKind(read);
    }

    /** The names reading every input. */
    public TopicNames(String counters, String flows, String inventory, String telegraf, String flowMessages,
                      String pmacct, String interfaceRates, String siteVolume, String sourceStats, String ipStats,
                      String deadLetter, String schemas, String directory, String alerts, String billing) {
        this(counters, flows, inventory, telegraf, flowMessages, pmacct, interfaceRates, siteVolume, sourceStats,
                ipStats, deadLetter, schemas, directory, alerts, billing, EnumSet.allOf(Input.class));
    }

    /** The default name of the alerts topic. */
    public static final String DEFAULT_ALERTS = "netpulse.alerts";
    /** The default name of the billing topic. */
    public static final String DEFAULT_BILLING = "netpulse.billing";

    /** The defaults documented in docs/configuration.md. */
    public static TopicNames defaults() {
        return new TopicNames(
                "netpulse.counters",
                "netpulse.flows",
                "netpulse.inventory",
                "telegraf",
                "flow-messages",
                "pmacct.acct",
                "netpulse.interface-rates",
                "netpulse.site-volume",
                "netpulse.source-stats",
                "netpulse.ip-stats",
                "netpulse.dead-letter",
                "_netpulse-schemas",
                "netpulse.directory",
                DEFAULT_ALERTS,
                DEFAULT_BILLING);
    }

    /** These names reading only {@code inputs} (and the inventory). */
    public TopicNames reading(Set<Input> inputs) {
        return new TopicNames(counters, flows, inventory, telegraf, flowMessages, pmacct, interfaceRates, siteVolume,
                sourceStats, ipStats, deadLetter, schemas, directory, alerts, billing, inputs);
    }

    /** Whether the topology reads {@code input}. */
    public boolean reads(Input input) {
        return read.contains(input);
    }

    /** The topic of {@code input}. */
    public String topic(Input input) {
        return input.topic.apply(this);
    }

    /** Topics the topology reads: the inventory and the inputs it reads, in the order of {@link Input}. */
    public List<String> inputs() {
        List<String> topics = new ArrayList<>(List.of(inventory));
        for (Input input : Input.values()) {
            if (reads(input)) {
                topics.add(topic(input));
            }
        }
        return topics;
    }

    /**
     * Topics the topology writes and reads back itself: the compacted {@code netpulse.directory} (every known
     * interface and address, read as a global table by every instance).
     */
    public List<String> internals() {
        return List.of(directory);
    }

    /** Topics the topology writes for downstream consumers, dead letters included. */
    public List<String> outputs() {
        return List.of(interfaceRates, siteVolume, sourceStats, ipStats, alerts, billing, deadLetter);
    }
}
