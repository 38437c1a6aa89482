package io.netpulse.query.ip;

import io.netpulse.topology.StoreNames;

/** The seed's {@code period}: the granularity of the data sets, and the store that holds it. */
public enum TrafficPeriod {
    /** One data set per hour, from {@link StoreNames#IP_TRAFFIC_HOUR}. */
    HOURLY("hourly", StoreNames.IP_TRAFFIC_HOUR),
    /** One data set per UTC day, from {@link StoreNames#IP_TRAFFIC_DAY}. */
    DAILY("daily", StoreNames.IP_TRAFFIC_DAY);

    private final String text;
    private final String store;

    TrafficPeriod(String text, String store) {
        this.text = text;
        this.store = store;
    }

    /** The query parameter value. */
    public String text() {
        return text;
    }

    /** The store holding this granularity. */
    public String store() {
        return store;
    }
}
