package io.netpulse.query.error;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
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

    /** 401 with {@code WWW-Authenticate: Bearer}; the token check (issue 8) throws it. */
    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message, Map.of(HeaderNames.WWW_AUTHENTICATE, "Bearer"));
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
