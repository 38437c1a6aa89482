package io.netpulse.query.error;

import io.netpulse.query.auth.AuthenticationException;

/**
 * The error shape of the interface metrics and data-transferred seeds (000, 001): {@link ErrorResponse}
 * ({@code type, code, message, doc_url}), its status given by the {@link ErrorCode}. Also the shape of paths that
 * belong to no API.
 */
public final class ErrorResponseShape implements ProblemShape {

    /** The one instance. */
    public static final ErrorResponseShape INSTANCE = new ErrorResponseShape();

    private ErrorResponseShape() {
    }

    @Override
    public Rendered render(Problem problem) {
        return switch (problem) {
            case Problem.Unauthenticated refused -> answer(
                    refused.reason() == AuthenticationException.Reason.MISSING
                            ? ErrorCode.AUTHENTICATION_REQUIRED : ErrorCode.INVALID_TOKEN,
                    refused.getMessage());
            case Problem.Forbidden forbidden -> answer(ErrorCode.SITE_FORBIDDEN, forbidden.getMessage());
            case Problem.BadInput bad -> answer(bad.code(), bad.getMessage());
            case Problem.NotFound missing -> answer(ErrorCode.RESOURCE_MISSING, missing.getMessage());
            case Problem.MethodNotAllowed method -> answer(ErrorCode.METHOD_NOT_ALLOWED, "Method "
                    + method.method() + " is not allowed on this path; use " + String.join(", ", method.allowed())
                    + ".");
            case Problem.NotAcceptable notAcceptable -> answer(ErrorCode.NOT_ACCEPTABLE,
                    notAcceptable.getMessage());
            case Problem.Gone gone -> answer(ErrorCode.INTERFACE_GONE, gone.getMessage());
            case Problem.Unavailable unavailable -> answer(ErrorCode.SERVICE_UNAVAILABLE, "The data for"
                    + " this request cannot be read right now (instances are rebalancing or restoring); retry after "
                    + Problem.RETRY_AFTER_UNAVAILABLE.toSeconds() + " seconds.");
            case Problem.Busy busy -> answer(ErrorCode.SERVICE_UNAVAILABLE, "This instance is answering"
                    + " as many expensive queries as it allows at once; retry after "
                    + Problem.RETRY_AFTER_BUSY.toSeconds() + " second.");
            case Problem.Internal internal -> answer(ErrorCode.INTERNAL_ERROR,
                    "An unexpected error occurred; it has been logged.");
        };
    }

    private static Rendered answer(ErrorCode code, String message) {
        return new Rendered(code.status(), ErrorResponse.of(code, message));
    }
}
