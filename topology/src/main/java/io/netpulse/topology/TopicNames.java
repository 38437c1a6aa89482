package io.netpulse.topology;

import java.util.List;

/**
 * The name of every topic netpulse reads or writes; each is configurable so several deployments can share a cluster.
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
        String billing) {

    /** The names without the alerts and billing topics, which take their defaults. */
    public TopicNames(String counters, String flows, String inventory, String telegraf, String flowMessages,
                      String pmacct, String interfaceRates, String siteVolume, String sourceStats, String ipStats,
                      String deadLetter, String schemas, String directory) {
        this(counters, flows, inventory, telegraf, flowMessages, pmacct, interfaceRates, siteVolume, sourceStats,
                ipStats, deadLetter, schemas, directory, DEFAULT_ALERTS, DEFAULT_BILLING);
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

    /** Topics the topology reads. */
    public List<String> inputs() {
        return List.of(counters, flows, inventory, telegraf, flowMessages, pmacct);
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
