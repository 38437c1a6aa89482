package io.netpulse.query.error;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.BearerChallenge;
import java.util.Map;

/**
 * A request the ErrorResponse APIs answer with an error: thrown by parsing, lookups and access checks, and
 * turned into the status and body once, by {@link ErrorHandlers}.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<HeaderName, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<HeaderName, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /**
     * 401 for a refused token, with the RFC 6750 challenge; the message is the reason's generic text, never the
     * refusal's detail (which the authenticator logged at DEBUG).
     */
    public static ApiException unauthenticated(AuthenticationException refusal) {
        ErrorCode code = refusal.reason() == AuthenticationException.Reason.MISSING
                ? ErrorCode.AUTHENTICATION_REQUIRED : ErrorCode.INVALID_TOKEN;
        return new ApiException(code, refusal.reason().publicText(),
                Map.of(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.headerValue(refusal.reason())));
    }

    /** 405 with the Allow header. */
    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on this path;"
                + " use " + allowed + ".", Map.of(HeaderNames.ALLOW, allowed));
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** Headers to answer with (Allow, WWW-Authenticate). */
    public Map<HeaderName, String> headers() {
        return headers;
    }

    /** The body. */
    public ErrorResponse body() {
        return ErrorResponse.of(code, getMessage());
    }
}
