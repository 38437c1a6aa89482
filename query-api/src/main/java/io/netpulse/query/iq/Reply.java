package io.netpulse.query.iq;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * An answer as bytes, from this instance or another, sent to the caller exactly as it is: a forwarded request's
 * answer passes through byte for byte, errors included.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type, or null for none
 * @param retryAfter  the Retry-After of a 503, or null for none
 * @param body        the body bytes
 */
public record Reply(int status, String contentType, String retryAfter, byte[] body) {

    /** A 200 answer. */
    public static Reply ok(String contentType, byte[] body) {
        return new Reply(Status.OK_200.code(), contentType, null, body);
    }

    /** Sends this answer. */
    public void sendTo(ServerResponse response) {
        response.status(Status.create(status));
        if (retryAfter != null) {
            response.header(HeaderNames.RETRY_AFTER, retryAfter);
        }
        if (contentType != null) {
            response.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        response.send(body);
    }
}
