package io.netpulse.query.ip;

import io.helidon.http.Status;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ProblemShape;
import java.util.Map;

/**
 * The error shape of the traffic statistics seed (003): {@code {"<fault>": {"message", "code", "details"}}}. The
 * fault names follow the seed ({@code badRequest}, {@code overLimit}, {@code itemNotFound}) and, where the seed shows
 * none, the same family's names ({@code unauthorized}, {@code forbidden}, {@code badMethod}, {@code notAcceptable},
 * {@code serviceUnavailable}, {@code internalError}). The message is always the seed's {@value #MESSAGE}: it names
 * the resource's operation, whatever the method of the refused request. A range over the limit is the seed's 403.
 */
public final class IpTrafficShape implements ProblemShape {

    /** The one instance (also the shape of the billing API's address route). */
    public static final IpTrafficShape INSTANCE = new IpTrafficShape();
    /** The message of every error. */
    static final String MESSAGE = "GET data error";

    private IpTrafficShape() {
    }

    @Override
    public Rendered render(Problem problem) {
        return switch (problem) {
            case Problem.Unauthenticated refused -> fault(Status.UNAUTHORIZED_401, "unauthorized",
                    "The supplied credentials are invalid or do not provide permissions for this operation.");
            case Problem.Forbidden forbidden -> fault(Status.FORBIDDEN_403, "forbidden", forbidden.getMessage());
            case Problem.OverLimit over -> fault(Status.FORBIDDEN_403, "overLimit", over.getMessage());
            case Problem.Invalid invalid -> fault(Status.BAD_REQUEST_400, "badRequest",
                    invalid.fields().isEmpty() ? invalid.getMessage() : invalid.fields());
            case Problem.NotFound missing -> fault(Status.NOT_FOUND_404, "itemNotFound", missing.getMessage());
            case Problem.MethodNotAllowed method -> fault(Status.METHOD_NOT_ALLOWED_405, "badMethod", "Method "
                    + method.method() + " is not allowed on this resource; use " + String.join(", ", method.allowed())
                    + ".");
            case Problem.NotAcceptable notAcceptable -> fault(Status.NOT_ACCEPTABLE_406, "notAcceptable",
                    "The statistics are served as application/json or text/csv; the Accept header allows neither.");
            case Problem.Gone gone -> fault(Status.NOT_FOUND_404, "itemNotFound", gone.getMessage());
            case Problem.Unavailable unavailable -> fault(Status.SERVICE_UNAVAILABLE_503, "serviceUnavailable",
                    "The statistics cannot be read right now (instances are rebalancing or restoring); retry after "
                            + Problem.RETRY_AFTER_UNAVAILABLE.toSeconds() + " seconds.");
            case Problem.Busy busy -> fault(Status.SERVICE_UNAVAILABLE_503, "serviceUnavailable",
                    "This instance is answering as many expensive requests as it allows at once; retry after "
                            + Problem.RETRY_AFTER_BUSY.toSeconds() + " second.");
            case Problem.Internal internal -> fault(Status.INTERNAL_SERVER_ERROR_500, "internalError",
                    "An unexpected error occurred; it has been logged.");
        };
    }

    private static Rendered fault(Status status, String name, Object details) {
        return new Rendered(status, Map.of(name, new IpTrafficFault(MESSAGE, status.code(), details)));
    }
}
