package io.netpulse.query.flows;

import io.helidon.http.Status;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.BearerChallenge;
import io.netpulse.query.iq.StoreUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An import_stats request that ends in an error answer, with the seed's error ids and texts. Thrown by the
 * service and written by {@link ImportStatsService#registerErrorHandlers} as {@link ImportStatsError}.
 */
public final class ImportStatsException extends RuntimeException {

    private final transient Status status;
    private final String errorId;
    private final String errorText;
    private final transient Map<String, Object> errorInfo;
    private final transient Optional<Duration> retryAfter;
    private final transient Optional<String> challenge;

    private ImportStatsException(Status status, String errorId, String errorText, Map<String, Object> errorInfo,
                                 Optional<Duration> retryAfter) {
        this(status, errorId, errorText, errorInfo, retryAfter, Optional.empty());
    }

    private ImportStatsException(Status status, String errorId, String errorText, Map<String, Object> errorInfo,
                                 Optional<Duration> retryAfter, Optional<String> challenge) {
        super(errorId + ": " + errorInfo);
        this.status = status;
        this.errorId = errorId;
        this.errorText = errorText;
        this.errorInfo = errorInfo;
        this.retryAfter = retryAfter;
        this.challenge = challenge;
    }

    /** 400 for a problem with the body as a whole. */
    public static ImportStatsException badBody(String reason) {
        return badRequest(info(null, "body", reason));
    }

    /** 400 for {@code field} of request {@code index} of the body. */
    public static ImportStatsException badField(int index, String field, String reason) {
        return badRequest(info(index, field, reason));
    }

    /**
     * 401 in the seed's terms: AUTH_REQUIRED without a bearer token, AUTH_INVALID_CREDENTIALS for one that was
     * refused (malformed or failing verification; why stays in the server's DEBUG log), with the RFC 6750
     * challenge of {@code reason}.
     */
    public static ImportStatsException unauthenticated(AuthenticationException.Reason reason) {
        Optional<String> challenge = Optional.of(BearerChallenge.headerValue(reason));
        if (reason == AuthenticationException.Reason.MISSING) {
            return new ImportStatsException(Status.UNAUTHORIZED_401, "AUTH_REQUIRED", "Authentication required.",
                    null, Optional.empty(), challenge);
        }
        return new ImportStatsException(Status.UNAUTHORIZED_401, "AUTH_INVALID_CREDENTIALS",
                "Make sure the user name is correct and type your password again. Be sure to use the correct"
                        + " case for the user name and password.", null, Optional.empty(), challenge);
    }

    /** 405 for any method but GET and POST. */
    public static ImportStatsException invalidMethod(String method) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("method", method);
        info.put("allowed", List.of("GET", "POST"));
        return new ImportStatsException(Status.METHOD_NOT_ALLOWED_405, "HTTP_INVALID_METHOD",
                "Requested method is not available for this resource.", info, Optional.empty());
    }

    /** 503: a store or an instance cannot answer now; the cause is logged, not shown. */
    public static ImportStatsException unavailable() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("retry_after_seconds", StoreUnavailableException.RETRY_AFTER.toSeconds());
        return new ImportStatsException(Status.SERVICE_UNAVAILABLE_503, "SERVICE_UNAVAILABLE",
                "Statistics are not available right now; retry later.", info,
                Optional.of(StoreUnavailableException.RETRY_AFTER));
    }

    /** 500: a fault of ours; the cause is logged, not shown. */
    public static ImportStatsException internal() {
        return new ImportStatsException(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL_ERROR", "Internal error.",
                null, Optional.empty());
    }

    public Status status() {
        return status;
    }

    /** The answer body. */
    public ImportStatsError body() {
        return new ImportStatsError(errorId, errorText, errorInfo);
    }

    /** WWW-Authenticate of a 401. */
    public Optional<String> challenge() {
        return challenge;
    }

    /** Retry-After of a 503. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    private static ImportStatsException badRequest(Map<String, Object> info) {
        return new ImportStatsException(Status.BAD_REQUEST_400, "BAD_REQUEST", "Invalid argument.", info,
                Optional.empty());
    }

    private static Map<String, Object> info(Integer index, String field, String reason) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (index != null) {
            info.put("request", index);
        }
        info.put("field", field);
        info.put("reason", reason);
        return info;
    }
}
