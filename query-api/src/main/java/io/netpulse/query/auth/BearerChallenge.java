package io.netpulse.query.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The {@code WWW-Authenticate} header of a 401 (RFC 6750 section 3), in one place so the four APIs send the same
 * challenge: {@code Bearer realm="netpulse"} when no credential was sent, plus {@code error="invalid_token"} when a
 * token was sent and refused. No {@code error_description}: the reason stays in the server's DEBUG log.
 */
public final class BearerChallenge {

    /** The protection space named in every challenge. */
    public static final String REALM = "netpulse";

    private BearerChallenge() {
    }

    /** Sets the challenge for this refusal on the response; call it before sending the 401 body. */
    public static void addTo(ServerResponse response, AuthenticationException refusal) {
        addTo(response, refusal.reason());
    }

    /** Sets the challenge for this reason on the response (for APIs that carry only the reason to their handler). */
    public static void addTo(ServerResponse response, AuthenticationException.Reason reason) {
        response.header(HeaderNames.WWW_AUTHENTICATE, headerValue(reason));
    }

    /** The header value for a reason. */
    public static String headerValue(AuthenticationException.Reason reason) {
        return switch (reason) {
            case MISSING -> "Bearer realm=\"" + REALM + "\"";
            case MALFORMED, INVALID -> "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"";
        };
    }
}
