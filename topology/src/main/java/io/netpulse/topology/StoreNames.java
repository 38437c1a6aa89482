package io.netpulse.topology;

/**
 * Names of the state stores, shared by the topology (which creates them) and the query API (which reads them).
 * They are never used as topic names; Kafka Streams derives the changelog topics from them.
 */
public final class StoreNames {

    /**
     * The recent polls of each interface (key-value, keyed by {@link InterfaceKey}): those within its device's
     * lateness and the last one before, so a late poll can be put in its place.
     */
    public static final String INTERFACE_RECENT_SAMPLES = "interface-recent-samples";
    /** Counter samples: the latest poll time of each device, which its samples' lateness is judged against. */
    public static final String COUNTER_SOURCE_TIME = "counter-source-time";
    /** Per-interface rates: the latest interval end of each device, which closes its minutes. */
    public static final String INTERFACE_RATES_SOURCE_TIME = "interface-rates-source-time";
    /** Per-interface rates: the minutes with data not yet emitted to netpulse.interface-rates. */
    public static final String INTERFACE_RATES_CLOSING = "interface-rates-closing";
    /** Per-interface rates, 1-minute windows (also what an interface's first inventory version moves between sites). */
    public static final String INTERFACE_RATES_MINUTE = "interface-rates-minute";
    /** Per-interface rates, 5-minute windows (the billing tier). */
    public static final String INTERFACE_RATES_FIVE_MINUTE = "interface-rates-five-minute";
    /** Per-interface rates, 1-hour windows. */
    public static final String INTERFACE_RATES_HOUR = "interface-rates-hour";
    /** Every interface the topology knows, by interface id (global: on every instance). */
    public static final String DIRECTORY = "directory";
    /** Per-site volume, 1-minute windows. */
    public static final String SITE_VOLUME_MINUTE = "site-volume-minute";
    /** Per-site volume: the latest interval end of each device feeding the task, which closes the minutes. */
    public static final String SITE_VOLUME_SOURCE_TIME = "site-volume-source-time";
    /** Per-site volume: the minutes with data not yet emitted to netpulse.site-volume. */
    public static final String SITE_VOLUME_CLOSING = "site-volume-closing";
    /** Per-site volume, 5-minute windows. */
    public static final String SITE_VOLUME_FIVE_MINUTE = "site-volume-five-minute";
    /** Per-site volume, 1-hour windows. */
    public static final String SITE_VOLUME_HOUR = "site-volume-hour";
    /** Per-site volume: every site of the task's partition with a window, by site (the first minute it had). */
    public static final String SITE_VOLUME_SITES = "site-volume-sites";
    /** Sites: each inventory interface entry's last state, by its directory key (to retract its old device|ifIndex). */
    public static final String SITE_INTERFACE_BY_ID = "site-interface-by-id";
    /** Sites: which inventory entry currently claims each device|ifIndex (keyed by {@link InterfaceKey}). */
    public static final String SITE_INTERFACE_OWNER = "site-interface-owner";
    /** Site volume: each site's bytes per device, minute and second since the last commit, before the repartition. */
    public static final String SITE_VOLUME_SUMS = "site-volume-sums";
    /** Sites: versioned interface-to-site table, keyed by {@link InterfaceKey}, joined at each sample's poll time. */
    public static final String SITE_INTERFACE_HISTORY = "site-interface-history";
    /** Per-source flow statistics: each exporter's counts per second since the last commit, before the repartition. */
    public static final String SOURCE_STATS_SUMS = "source-stats-sums";
    /** Per-source flow statistics: one row per source and minute holding its sixty one-second slots. */
    public static final String SOURCE_STATS_SECOND = "source-stats-second";
    /** Per-source flow statistics, 1-minute windows. */
    public static final String SOURCE_STATS_MINUTE = "source-stats-minute";
    /** Per-source flow statistics, 1-hour windows. */
    public static final String SOURCE_STATS_HOUR = "source-stats-hour";
    /** Per-source flow statistics: the latest receive time of each source, its flows' lateness and closing. */
    public static final String SOURCE_STATS_SOURCE_TIME = "source-stats-source-time";
    /** Per-source flow statistics: the minutes with data not yet emitted to netpulse.source-stats. */
    public static final String SOURCE_STATS_CLOSING = "source-stats-closing";
    /** Flow statistics: every source device of the task's partition with a window, by source (its first minute). */
    public static final String SOURCE_STATS_SOURCES = "source-stats-sources";
    /** Per-IP statistics: each address's bytes per exporter and second since the last commit, before the repartition. */
    public static final String IP_TRAFFIC_SUMS = "ip-traffic-sums";
    /** Per-IP base samples (default 10 minutes). */
    public static final String IP_TRAFFIC_SAMPLE = "ip-traffic-sample";
    /** Per-IP statistics: the latest receive time of each exporter feeding the task (lateness and closing). */
    public static final String IP_TRAFFIC_SOURCE_TIME = "ip-traffic-source-time";
    /** Per-IP statistics: the base samples with data not yet rolled into their hour and day. */
    public static final String IP_TRAFFIC_CLOSING = "ip-traffic-closing";
    /** Per-IP bytes received and transmitted, 5-minute windows (the billing tier, kept like the other 5-minute tiers). */
    public static final String IP_TRAFFIC_FIVE_MINUTE = "ip-traffic-five-minute";
    /** Per-IP hourly statistics over base samples. */
    public static final String IP_TRAFFIC_HOUR = "ip-traffic-hour";
    /** Per-IP daily statistics over base samples. */
    public static final String IP_TRAFFIC_DAY = "ip-traffic-day";
    /** Top talkers: each scope's flows since the last commit, joined before the repartition by scope. */
    public static final String TOP_TALKERS_BATCHES = "top-talkers-batches";
    /** Top talkers: exact counts of the minutes still open, per scope, minute and batch, folded per address. */
    public static final String TOP_TALKERS_OPEN = "top-talkers-open";
    /** Top talkers, 1-minute lists per scope ({@code source:<ip>} or {@code site:<uuid>}). */
    public static final String TOP_TALKERS_MINUTE = "top-talkers-minute";
    /** Top talkers, 1-hour lists per scope. */
    public static final String TOP_TALKERS_HOUR = "top-talkers-hour";
    /** Top talkers: the latest receive time of each exporter feeding the task (lateness and closing). */
    public static final String TOP_TALKERS_SOURCE_TIME = "top-talkers-source-time";
    /** Top talkers: the open minutes not yet cut to their lists. */
    public static final String TOP_TALKERS_CLOSING = "top-talkers-closing";

    /** Alerts: every alert by id, active ones and those cleared within the retention (the API reads it). */
    public static final String ALERTS = "alerts";
    /** Alerts: the utilization rule's run and active alert per interface (keyed by {@link InterfaceKey}). */
    public static final String ALERTS_UTILIZATION = "alerts-utilization";
    /** Alerts: the silent-source rule's last seen time and active alert per counter device. */
    public static final String ALERTS_SILENCE_COUNTERS = "alerts-silence-counters";
    /** Alerts: the silent-source rule's last seen time and active alert per flow exporter. */
    public static final String ALERTS_SILENCE_FLOWS = "alerts-silence-flows";
    /** Alerts: the spike rule's baseline and active alert per inventory IP address. */
    public static final String ALERTS_IP_SPIKE = "alerts-ip-spike";

    /** Billing of interfaces: the latest interval end of each device, which closes its months. */
    public static final String BILLING_INTERFACES_SOURCE_TIME = "billing-interfaces-source-time";
    /** Billing of interfaces: the months with samples not yet emitted to netpulse.billing. */
    public static final String BILLING_INTERFACES_CLOSING = "billing-interfaces-closing";
    /** Billing of sites: the latest interval end of each device feeding the task, which closes the months. */
    public static final String BILLING_SITES_SOURCE_TIME = "billing-sites-source-time";
    /** Billing of sites: the months with samples not yet emitted to netpulse.billing. */
    public static final String BILLING_SITES_CLOSING = "billing-sites-closing";
    /** Billing of IP addresses: the latest receive time of each exporter feeding the task. */
    public static final String BILLING_IP_ADDRESSES_SOURCE_TIME = "billing-ip-addresses-source-time";
    /** Billing of IP addresses: the months with samples not yet emitted to netpulse.billing. */
    public static final String BILLING_IP_ADDRESSES_CLOSING = "billing-ip-addresses-closing";

    /** Telegraf: each device's rows since the last commit, joined before the repartition by device. */
    public static final String TELEGRAF_BATCHES = "telegraf-batches";
    /** Telegraf: per device, the last sysUpTime reading that arrived (key-value, keyed by device). */
    public static final String TELEGRAF_DEVICE_UPTIME = "telegraf-device-uptime";
    /** Telegraf: per interface, the poll being merged from its table rows and what was last emitted. */
    public static final String TELEGRAF_INTERFACE_POLLS = "telegraf-interface-polls";
    /** Telegraf: per device, ifName and ifDescr to ifIndex, for rows that carry no index. */
    public static final String TELEGRAF_INTERFACE_NAMES = "telegraf-interface-names";

    private StoreNames() {
    }
}
