package io.netpulse.query.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code GET /alerts}.
 *
 * @param alerts    the alerts, the latest start first, at most the request's {@code limit}
 * @param truncated true when more alerts matched than {@code limit}: the oldest were left out
 */
public record AlertsAnswer(@JsonProperty("alerts") List<AlertRow> alerts,
                           @JsonProperty("truncated") boolean truncated) {

    public AlertsAnswer {
        alerts = List.copyOf(alerts);
    }
}
