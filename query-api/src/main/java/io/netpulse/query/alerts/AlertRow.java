package io.netpulse.query.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netpulse.schema.aggregate.Alert;
import java.time.Instant;
import java.util.Comparator;

/**
 * One alert as {@code GET /alerts} shows it: the topic's fields in snake case, times in ISO 8601 UTC, a
 * {@code state} of {@code active} or {@code cleared}, and null for what the rule does not set.
 */
@JsonPropertyOrder({"id", "rule", "state", "subject", "start", "end", "threshold", "observed", "unit",
        "window_start", "window_end", "interface_id", "site_id", "source", "signal", "address", "account_id"})
public record AlertRow(
        @JsonProperty("id") String id,
        @JsonProperty("rule") String rule,
        @JsonProperty("state") String state,
        @JsonProperty("subject") String subject,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("observed") double observed,
        @JsonProperty("unit") String unit,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("interface_id") String interfaceId,
        @JsonProperty("site_id") String siteId,
        @JsonProperty("source") String source,
        @JsonProperty("signal") String signal,
        @JsonProperty("address") String address,
        @JsonProperty("account_id") String accountId) {

    /** The answer's order: the latest start first, then by id. */
    static final Comparator<AlertRow> ORDER = Comparator.comparing((AlertRow row) -> Instant.parse(row.start))
            .reversed().thenComparing(AlertRow::id);

    /** The row of a stored alert. */
    static AlertRow of(Alert alert) {
        return new AlertRow(alert.getId(), alert.getRule(), alert.getEnd() == null ? "active" : "cleared",
                alert.getSubject(), alert.getStart().toString(),
                alert.getEnd() == null ? null : alert.getEnd().toString(), alert.getThreshold(),
                alert.getObserved(), alert.getUnit(), alert.getWindowStart().toString(),
                alert.getWindowEnd().toString(), alert.getInterfaceId(), alert.getSiteId(), alert.getSource(),
                alert.getSignal(), alert.getAddress(), alert.getAccountId());
    }
}
