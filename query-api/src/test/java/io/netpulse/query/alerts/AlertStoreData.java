package io.netpulse.query.alerts;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.alerts.AlertRule;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology on a TopologyTestDriver whose alert store is filled through its own store step: each alert
 * goes to its rule's {@code alerts-<rule>-by-id} repartition topic as the rule writes it (a cleared one raised first). The rules
 * themselves are tested in the topology's AlertsFlowTest; the API tests need given alerts in the store.
 */
final class AlertStoreData implements AutoCloseable {

    /** The wall clock of the drivers and the API's "now". */
    static final Instant NOW = T0.plus(Duration.ofHours(2));

    final TopologyTestDriver driver;
    private final TopologyHarness harness;

    AlertStoreData(Alert... alerts) {
        harness = TopologyHarness.start(TopologySettings.defaults(), NOW);
        driver = harness.driver();
        for (Alert alert : alerts) {
            TestInputTopic<String, Alert> changes = harness.input(TopologyHarness.APPLICATION_ID + "-alerts-"
                    + ruleStep(alert) + "-by-id-repartition", new StringSerializer(),
                    harness.serdes().internal(Alert.class).serializer());
            if (alert.getEnd() != null) {
                changes.pipeInput(alert.getId(), Alert.newBuilder(alert).setEnd(null).build(), alert.getStart());
            }
            changes.pipeInput(alert.getId(), alert, alert.getStart());
        }
    }

    /** The name of the rule's step in the repartition topic its alerts go through. */
    private static String ruleStep(Alert alert) {
        return switch (AlertRule.of(alert.getRule()).orElseThrow()) {
            case INTERFACE_UTILIZATION -> "utilization";
            case SOURCE_SILENT -> "silence-" + alert.getSignal();
            case IP_SPIKE -> "ip-spike";
        };
    }

    /** An alert of {@code rule} about {@code subject}, started {@code start} minutes after T0, cleared at {@code end}. */
    static Alert.Builder alert(AlertRule rule, String subject, int start, Integer end) {
        Instant started = T0.plus(Duration.ofMinutes(start));
        return Alert.newBuilder()
                .setId(rule.idOf(subject, started.toEpochMilli()))
                .setRule(rule.wireName())
                .setSubject(subject)
                .setStart(started)
                .setEnd(end == null ? null : T0.plus(Duration.ofMinutes(end)))
                .setThreshold(0).setObserved(0).setUnit("")
                .setWindowStart(started).setWindowEnd(started.plus(Duration.ofMinutes(5)));
    }

    /** The JSON row {@code GET /alerts} answers for {@code alert}, written out by hand. */
    static String row(Alert alert) {
        return """
                {"id":"%s","rule":"%s","state":"%s","subject":"%s","start":"%s","end":%s,"threshold":%s,\
                "observed":%s,"unit":"%s","window_start":"%s","window_end":"%s","interface_id":%s,"site_id":%s,\
                "source":%s,"signal":%s,"address":%s,"account_id":%s}""".formatted(alert.getId(), alert.getRule(),
                alert.getEnd() == null ? "active" : "cleared", alert.getSubject(), alert.getStart(),
                text(alert.getEnd()), alert.getThreshold(), alert.getObserved(), alert.getUnit(),
                alert.getWindowStart(), alert.getWindowEnd(), text(alert.getInterfaceId()), text(alert.getSiteId()),
                text(alert.getSource()), text(alert.getSignal()), text(alert.getAddress()),
                text(alert.getAccountId()));
    }

    /** The whole answer body for these alerts, in this order. */
    static String answer(boolean truncated, Alert... alerts) {
        StringBuilder rows = new StringBuilder();
        for (Alert alert : alerts) {
            rows.append(rows.isEmpty() ? "" : ",").append(row(alert));
        }
        return "{\"alerts\":[" + rows + "],\"truncated\":" + truncated + "}";
    }

    private static String text(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Override
    public void close() {
        harness.close();
    }
}
