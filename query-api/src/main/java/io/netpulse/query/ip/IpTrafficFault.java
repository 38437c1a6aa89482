package io.netpulse.query.ip;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The inside of the seed's error body, {@code {"<fault>": {"message", "code", "details"}}}: details is a string, or
 * for a 400 an object naming each invalid field with its reason.
 *
 * @param message {@code "<METHOD> data error"}: the seed's {@code "GET data error"} for every GET
 * @param code    the HTTP status
 * @param details what went wrong
 */
@JsonPropertyOrder({"message", "code", "details"})
public record IpTrafficFault(String message, int code, Object details) {
}
