package io.netpulse.query.flows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The seed's error body: {@code {"error_id", "error_text", "error_info"}}; error_info is left out when there is
 * nothing specific to say.
 */
@JsonPropertyOrder({"error_id", "error_text", "error_info"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportStatsError(
        @JsonProperty("error_id") String errorId,
        @JsonProperty("error_text") String errorText,
        @JsonProperty("error_info") Map<String, Object> errorInfo) {
}
