package io.netpulse.topology.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** The three rules, by the name an alert carries in its {@code rule} field and the API filters on. */
public enum AlertRule {
    /** An interface above a share of its speed for several closed minutes. */
    INTERFACE_UTILIZATION("interface-utilization"),
    /** A source device that stopped sending counters or flows. */
    SOURCE_SILENT("source-silent"),
    /** A closed per-IP sample far above the address's own baseline. */
    IP_SPIKE("ip-spike");

    private final String wireName;

    AlertRule(String wireName) {
        this.wireName = wireName;
    }

    /** The name in alerts and in the API. */
    public String wireName() {
        return wireName;
    }

    /** The rule named {@code text}, if any. */
    public static Optional<AlertRule> of(String text) {
        return Arrays.stream(values()).filter(rule -> rule.wireName.equals(text)).findFirst();
    }

    /**
     * The id of this rule's alert about {@code subject} that started at {@code startMillis}: a name-based UUID, so
     * the same input gives the same id on every replay and every instance.
     */
    public String idOf(String subject, long startMillis) {
        return UUID.nameUUIDFromBytes(("netpulse:alert:" + wireName + "|" + subject + "|" + startMillis)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
