package io.netpulse.query.flows;

import io.netpulse.topology.StoreNames;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The seed's {@code stats_type}: which resolution answers, and from which store. */
public enum StatsType {
    FLOWS_PER_SECOND("flows_per_second", Duration.ofSeconds(1), StoreNames.SOURCE_STATS_SECOND),
    FLOWS_PER_MINUTE("flows_per_minute", Duration.ofMinutes(1), StoreNames.SOURCE_STATS_MINUTE),
    FLOWS_PER_HOUR("flows_per_hour", Duration.ofHours(1), StoreNames.SOURCE_STATS_HOUR);

    /** The accepted values, for error messages. */
    public static final String NAMES = Arrays.stream(values()).map(StatsType::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;
    private final Duration bucket;
    private final String store;

    StatsType(String wireName, Duration bucket, String store) {
        this.wireName = wireName;
        this.bucket = bucket;
        this.store = store;
    }

    /** The value as the API spells it. */
    public String wireName() {
        return wireName;
    }

    /** Length of one answer row's bucket. */
    public Duration bucket() {
        return bucket;
    }

    /** The store holding this resolution (the second store holds minute rows of second slots). */
    public String store() {
        return store;
    }

    /** The type spelled {@code text}, if any. */
    public static Optional<StatsType> of(String text) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(text)).findFirst();
    }
}
