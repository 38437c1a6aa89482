package io.netpulse.query.error;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.iq.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to answers, once for the whole routing ({@code error} lives on {@link HttpRouting.Builder}):
 * {@link ApiException} to its status and {@link ErrorResponse}, {@link StoreUnavailableException} to 503 with
 * Retry-After, Helidon's own {@link HttpException} (a malformed request) to its 4xx status, and anything else to
 * 500 after logging it once. No answer is ever an HTML page or an empty body.
 */
public final class ErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {
    }

    /** Adds the handlers to {@code routing}. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, ErrorHandlers::apiError)
                .error(StoreUnavailableException.class, ErrorHandlers::unavailable)
                .error(HttpException.class, ErrorHandlers::malformed)
                .error(Throwable.class, ErrorHandlers::unexpected);
    }

    private static void apiError(ServerRequest request, ServerResponse response, ApiException e) {
        e.headers().forEach((name, value) -> response.header(name, value));
        response.status(e.code().status()).send(e.body());
    }

    private static void unavailable(ServerRequest request, ServerResponse response, StoreUnavailableException e) {
        LOG.debug("503 for {} {}: {}", request.prologue().method(), request.path().path(), e.getMessage());
        answerUnavailable(response, "The data for this request cannot be read right now (instances are"
                + " rebalancing or restoring); retry after " + StoreUnavailableException.RETRY_AFTER.toSeconds()
                + " seconds.");
    }

    /** Answers 503 with Retry-After and {@code message}. */
    public static void answerUnavailable(ServerResponse response, String message) {
        response.header(HeaderNames.RETRY_AFTER, Long.toString(StoreUnavailableException.RETRY_AFTER.toSeconds()))
                .status(ErrorCode.SERVICE_UNAVAILABLE.status())
                .send(ErrorResponse.of(ErrorCode.SERVICE_UNAVAILABLE, message));
    }

    /** Helidon's own rejections (a malformed request) keep their status and get the ErrorResponse body. */
    private static void malformed(ServerRequest request, ServerResponse response, HttpException e) {
        if (e.status().code() >= 500) {
            unexpected(request, response, e);
            return;
        }
        response.status(e.status()).send(ErrorResponse.of(ErrorCode.REQUEST_INVALID, e.getMessage()));
    }

    private static void unexpected(ServerRequest request, ServerResponse response, Throwable e) {
        LOG.error("500 for {} {}", request.prologue().method(), request.path().path(), e);
        response.status(ErrorCode.INTERNAL_ERROR.status())
                .send(ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; it has been logged."));
    }
}
