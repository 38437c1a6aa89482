package io.netpulse.query.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The error body of the interface metrics and data-transferred APIs, field for field as their seeds write it.
 *
 * @param type    a broad category, e.g. {@code invalid_request_error}
 * @param code    a short string identifying the error, e.g. {@code parameter_invalid}
 * @param message what went wrong, naming the offending field
 * @param docUrl  the page of this app that explains the code
 */
public record ErrorResponse(String type, String code, String message, @JsonProperty("doc_url") String docUrl) {

    /** The body for {@code code} with {@code message}. */
    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(code.type(), code.code(), message, code.docPath());
    }
}
