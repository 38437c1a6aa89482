package io.netpulse.query.flows;

import io.helidon.http.Status;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ProblemShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error shape of import_stats (seed 002): {@link ImportStatsError} with the seed's error ids and texts
 * (BAD_REQUEST, AUTH_REQUIRED, AUTH_INVALID_CREDENTIALS, HTTP_INVALID_METHOD, INTERNAL_ERROR), and ids in the same
 * style for the statuses the seed does not list. A bad request names the request of the body (when one is at fault),
 * the field and the reason in {@code error_info}.
 */
final class ImportStatsShape implements ProblemShape {

    static final ImportStatsShape INSTANCE = new ImportStatsShape();

    private ImportStatsShape() {
    }

    @Override
    public Rendered render(Problem problem) {
        return switch (problem) {
            case Problem.Unauthenticated refused -> refused.reason() == AuthenticationException.Reason.MISSING
                    ? error(Status.UNAUTHORIZED_401, "AUTH_REQUIRED", "Authentication required.", null)
                    : error(Status.UNAUTHORIZED_401, "AUTH_INVALID_CREDENTIALS", "Make sure the user name is"
                    + " correct and type your password again. Be sure to use the correct case for the user name and"
                    + " password.", null);
            case Problem.Forbidden forbidden -> error(Status.FORBIDDEN_403, "FORBIDDEN",
                    "The authorized user does not have permissions to access the resource.", reason(forbidden));
            case Problem.BadInput bad -> error(Status.BAD_REQUEST_400, "BAD_REQUEST", "Invalid argument.",
                    badInput(bad));
            case Problem.NotFound missing -> error(Status.NOT_FOUND_404, "RESOURCE_NOT_FOUND",
                    "Requested resource does not exist.", reason(missing));
            case Problem.MethodNotAllowed method -> {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("method", method.method());
                info.put("allowed", method.allowed());
                yield error(Status.METHOD_NOT_ALLOWED_405, "HTTP_INVALID_METHOD",
                        "Requested method is not available for this resource.", info);
            }
            case Problem.NotAcceptable notAcceptable -> error(Status.NOT_ACCEPTABLE_406, "NOT_ACCEPTABLE",
                    "Requested media type is not available for this resource.",
                    Map.of("served", List.copyOf(notAcceptable.served())));
            case Problem.Gone gone -> error(Status.GONE_410, "RESOURCE_NOT_FOUND",
                    "Requested resource does not exist.", reason(gone));
            case Problem.Unavailable unavailable -> error(Status.SERVICE_UNAVAILABLE_503, "SERVICE_UNAVAILABLE",
                    "Statistics are not available right now; retry later.",
                    Map.of("retry_after_seconds", Problem.RETRY_AFTER_UNAVAILABLE.toSeconds()));
            case Problem.Busy busy -> error(Status.SERVICE_UNAVAILABLE_503, "SERVICE_UNAVAILABLE",
                    "Statistics are not available right now; retry later.",
                    Map.of("retry_after_seconds", Problem.RETRY_AFTER_BUSY.toSeconds()));
            case Problem.Internal internal -> error(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL_ERROR",
                    "Internal error.", null);
        };
    }

    /** {@code request} (when one request of the body is at fault), {@code field} and {@code reason}. */
    private static Map<String, Object> badInput(Problem.BadInput bad) {
        Map<String, Object> info = new LinkedHashMap<>();
        bad.request().ifPresent(index -> info.put("request", index));
        Map.Entry<String, String> first = bad.fields().firstEntry();
        info.put("field", first == null ? "request" : first.getKey());
        info.put("reason", first == null ? bad.getMessage() : first.getValue());
        return info;
    }

    private static Map<String, Object> reason(Problem problem) {
        return Map.of("reason", problem.getMessage());
    }

    private static Rendered error(Status status, String id, String text, Map<String, Object> info) {
        return new Rendered(status, new ImportStatsError(id, text, info));
    }
}
