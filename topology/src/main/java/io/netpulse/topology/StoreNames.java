package io.netpulse.topology;

/**
 * Names of the state stores, shared by the topology (which creates them) and the query API (which reads them).
 * They are never used as topic names; Kafka Streams derives the changelog topics from them.
 */
public final class StoreNames {

    /** Last accepted counter sample per interface (key-value, keyed by {@link InterfaceKey}). */
    public static final String INTERFACE_LAST_SAMPLE = "interface-last-sample";
    /** Per-interface rates, 1-minute windows. */
    public static final String INTERFACE_RATES_MINUTE = "interface-rates-minute";
    /** Per-interface rates, 1-hour windows. */
    public static final String INTERFACE_RATES_HOUR = "interface-rates-hour";
    /** Every interface the topology knows, by interface id (global: on every instance). */
    public static final String DIRECTORY = "directory";
    /** Per-site volume, 1-minute windows. */
    public static final String SITE_VOLUME_MINUTE = "site-volume-minute";
    /** Per-site volume, 1-hour windows. */
    public static final String SITE_VOLUME_HOUR = "site-volume-hour";
    /** Sites: each inventory interface entry's last state, by its directory key (to retract its old device|ifIndex). */
    public static final String SITE_INTERFACE_BY_ID = "site-interface-by-id";
    /** Sites: which inventory entry currently claims each device|ifIndex (keyed by {@link InterfaceKey}). */
    public static final String SITE_INTERFACE_OWNER = "site-interface-owner";
    /** Sites: versioned interface-to-site table, keyed by {@link InterfaceKey}, joined at each sample's poll time. */
    public static final String SITE_INTERFACE_HISTORY = "site-interface-history";
    /** Per-source flow statistics: one row per source and minute holding its sixty one-second slots. */
    public static final String SOURCE_STATS_SECOND = "source-stats-second";
    /** Per-source flow statistics, 1-minute windows. */
    public static final String SOURCE_STATS_MINUTE = "source-stats-minute";
    /** Per-source flow statistics, 1-hour windows. */
    public static final String SOURCE_STATS_HOUR = "source-stats-hour";
    /** Internal: the latest statistics of each open minute, held until it closes for netpulse.source-stats. */
    public static final String SOURCE_STATS_MINUTE_CLOSING = "source-stats-minute-closing";
    /** Per-IP base samples (default 10 minutes). */
    public static final String IP_TRAFFIC_SAMPLE = "ip-traffic-sample";
    /** Per-IP hourly statistics over base samples. */
    public static final String IP_TRAFFIC_HOUR = "ip-traffic-hour";
    /** Per-IP daily statistics over base samples. */
    public static final String IP_TRAFFIC_DAY = "ip-traffic-day";

    /** Telegraf: per device, the last sysUpTime reading that arrived (key-value, keyed by device). */
    public static final String TELEGRAF_DEVICE_UPTIME = "telegraf-device-uptime";
    /** Telegraf: per interface, the poll being merged from its table rows and what was last emitted. */
    public static final String TELEGRAF_INTERFACE_POLLS = "telegraf-interface-polls";
    /** Telegraf: when each poll being merged is complete, ordered by device and time. */
    public static final String TELEGRAF_POLL_DEADLINES = "telegraf-poll-deadlines";
    /** Telegraf: per device, ifName and ifDescr to ifIndex, for rows that carry no index. */
    public static final String TELEGRAF_INTERFACE_NAMES = "telegraf-interface-names";

    private StoreNames() {
    }
}
