package io.netpulse.query.ip;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.BearerChallenge;
import io.netpulse.query.iq.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A traffic statistics request that ends in an error answer in the seed's shape ({@link IpTrafficFault} under the
 * fault's name). Thrown by the service and written once by {@link IpTrafficService#registerErrorHandlers}. The
 * fault names follow the seed ({@code badRequest}, {@code overLimit}, {@code itemNotFound}) and, where the seed
 * shows none, the same family's names ({@code unauthorized}, {@code forbidden}, {@code badMethod},
 * {@code serviceUnavailable}).
 */
public final class IpTrafficException extends RuntimeException {

    /** Details of the 403 for a range over the limit, exactly as the seed writes them. */
    public static final String OVER_LIMIT = "The (startDate, endDate) range is too large. Maximum number of returned"
            + " data sets exceeded.";

    private final Status status;
    private final String fault;
    private final transient Object details;
    private final transient Map<HeaderName, String> headers;

    private IpTrafficException(Status status, String fault, Object details, Map<HeaderName, String> headers) {
        super(fault + ": " + details, null, false, false);
        this.status = status;
        this.fault = fault;
        this.details = details;
        this.headers = Map.copyOf(headers);
    }

    private static IpTrafficException of(Status status, String fault, Object details) {
        return new IpTrafficException(status, fault, details, Map.of());
    }

    /** 400 naming each invalid field (in the order given) with its reason. */
    public static IpTrafficException badRequest(Map<String, String> invalidFields) {
        return of(Status.BAD_REQUEST_400, "badRequest", new LinkedHashMap<>(invalidFields));
    }

    /** 401 with the Bearer challenge of {@code reason}. */
    public static IpTrafficException unauthorized(AuthenticationException.Reason reason) {
        return new IpTrafficException(Status.UNAUTHORIZED_401, "unauthorized",
                "The supplied credentials are invalid or do not provide permissions for this operation.",
                Map.of(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.headerValue(reason)));
    }

    /** 403: the caller may not see the account. */
    public static IpTrafficException forbidden() {
        return of(Status.FORBIDDEN_403, "forbidden",
                "The authorized user does not have permissions to access the resource.");
    }

    /** 404: the account, the server, or the address on that server does not exist. */
    public static IpTrafficException itemNotFound(String details) {
        return of(Status.NOT_FOUND_404, "itemNotFound", details);
    }

    /** 403: the range holds more hourly data sets than the limit. */
    public static IpTrafficException overLimit() {
        return of(Status.FORBIDDEN_403, "overLimit", OVER_LIMIT);
    }

    /** 405 for any method but GET. */
    public static IpTrafficException badMethod(String method) {
        return new IpTrafficException(Status.METHOD_NOT_ALLOWED_405, "badMethod",
                "Method " + method + " is not allowed on this resource; use GET.", Map.of(HeaderNames.ALLOW, "GET"));
    }

    /** 406: the Accept header allows neither JSON nor CSV. */
    public static IpTrafficException notAcceptable() {
        return of(Status.NOT_ACCEPTABLE_406, "notAcceptable",
                "The statistics are served as application/json or text/csv; the Accept header allows neither.");
    }

    /** 503 with Retry-After: the statistics cannot be read now; the cause is logged, not shown. */
    public static IpTrafficException unavailable() {
        return new IpTrafficException(Status.SERVICE_UNAVAILABLE_503, "serviceUnavailable",
                "The statistics cannot be read right now (instances are rebalancing or restoring); retry after "
                        + StoreUnavailableException.RETRY_AFTER.toSeconds() + " seconds.",
                Map.of(HeaderNames.RETRY_AFTER, Long.toString(StoreUnavailableException.RETRY_AFTER.toSeconds())));
    }

    /** 500: a fault of ours; the cause is logged, not shown. */
    public static IpTrafficException internal() {
        return of(Status.INTERNAL_SERVER_ERROR_500, "internalError",
                "An unexpected error occurred; it has been logged.");
    }

    public Status status() {
        return status;
    }

    /** Headers to answer with (Allow, Retry-After, WWW-Authenticate). */
    public Map<HeaderName, String> headers() {
        return headers;
    }

    /** The answer body for a request of {@code method}. */
    public Map<String, IpTrafficFault> body(String method) {
        return Map.of(fault, new IpTrafficFault(method + " data error", status.code(), details));
    }
}
