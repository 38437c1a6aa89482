package io.netpulse.query.pipeline;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.BearerChallenge;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ProblemShape;
import io.netpulse.query.iq.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a request into its API's error answer, once for the whole routing ({@code error} lives on
 * {@link HttpRouting.Builder}): a {@link Problem} as its API's shape renders it; a store that cannot be read now
 * ({@link StoreUnavailableException}, or Kafka Streams' {@link InvalidStateStoreException} for a store closed or
 * migrated mid-read) as 503; Helidon's own 4xx rejections as a 400 or 404; anything else, a fault of netpulse, as
 * 500 after logging it once with its cause and the real path. The headers HTTP asks for are added here for every
 * API: WWW-Authenticate on 401, Allow on 405, Retry-After on 503.
 */
public final class ProblemAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAnswers.class);

    private final List<Api> apis;

    /** Answers for the routes of {@code apis}; any other path answers in the ErrorResponse shape. */
    public ProblemAnswers(List<Api> apis) {
        this.apis = List.copyOf(apis);
    }

    /** Adds the handlers to {@code routing}. */
    public void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, this::problem)
                .error(StoreUnavailableException.class, (request, response, e) -> unavailable(request, response, e))
                .error(InvalidStateStoreException.class, (request, response, e) -> unavailable(request, response, e))
                .error(HttpException.class, this::rejected)
                .error(Throwable.class, this::fault);
    }

    /** The shape of the API {@code path} belongs to; the ErrorResponse shape for any other path. */
    ProblemShape shapeOf(String path) {
        return apis.stream().filter(api -> api.owns(path)).findFirst().map(Api::shape)
                .orElse(ErrorResponseShape.INSTANCE);
    }

    /**
     * One error answer: the status and body of {@code problem} in {@code shape}, with the headers HTTP asks for.
     *
     * @param status  the status
     * @param headers WWW-Authenticate, Allow or Retry-After, and the JSON Content-Type
     * @param body    the JSON body
     */
    record Answer(Status status, Map<HeaderName, String> headers, byte[] body) {

        static Answer of(Problem problem, ProblemShape shape) {
            ProblemShape.Rendered rendered = shape.render(problem);
            Map<HeaderName, String> headers = new LinkedHashMap<>();
            switch (problem) {
                case Problem.Unauthenticated refused -> headers.put(HeaderNames.WWW_AUTHENTICATE,
                        BearerChallenge.headerValue(refused.reason()));
                case Problem.MethodNotAllowed method -> headers.put(HeaderNames.ALLOW,
                        String.join(", ", method.allowed()));
                case Problem.Unavailable unavailable -> headers.put(HeaderNames.RETRY_AFTER,
                        Long.toString(Problem.RETRY_AFTER_UNAVAILABLE.toSeconds()));
                case Problem.Busy busy -> headers.put(HeaderNames.RETRY_AFTER,
                        Long.toString(Problem.RETRY_AFTER_BUSY.toSeconds()));
                default -> {
                }
            }
            headers.put(HeaderNames.CONTENT_TYPE, Json.CONTENT_TYPE);
            return new Answer(rendered.status(), headers, Json.bytes(rendered.body()));
        }

        void sendTo(ServerResponse response) {
            headers.forEach(response::header);
            response.status(status).send(body);
        }
    }

    private void problem(ServerRequest request, ServerResponse response, Problem problem) {
        if (problem instanceof Problem.Unavailable || problem instanceof Problem.Busy) {
            LOG.info("503 for {} {}: {}", request.prologue().method().text(), request.path().path(),
                    problem.getMessage());
        }
        Answer.of(problem, shape(request)).sendTo(response);
    }

    private void unavailable(ServerRequest request, ServerResponse response, RuntimeException e) {
        problem(request, response, new Problem.Unavailable(e.getMessage()));
    }

    /** Helidon's rejections of a request it could not read: 4xx in the API's shape, without Helidon's wording. */
    private void rejected(ServerRequest request, ServerResponse response, HttpException e) {
        Status status = e.status();
        if (status.code() == Status.NOT_FOUND_404.code()) {
            problem(request, response, new Problem.NotFound("Nothing is served at this path."));
        } else if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            problem(request, response, Problem.invalidBody(ErrorCode.BODY_TOO_LARGE,
                    "The request body is larger than this server accepts.", "larger than this server accepts"));
        } else if (status.code() >= 400 && status.code() < 500) {
            LOG.debug("{} {} refused by the web server: {}", request.prologue().method().text(),
                    request.path().path(), e.getMessage());
            problem(request, response, Problem.invalid(ErrorCode.REQUEST_INVALID, "The request cannot be read"
                    + " (HTTP " + status.code() + " " + status.reasonPhrase() + ")."));
        } else {
            fault(request, response, e);
        }
    }

    private void fault(ServerRequest request, ServerResponse response, Throwable e) {
        LOG.error("500 for {} {}", request.prologue().method().text(), request.path().path(), e);
        Answer.of(new Problem.Internal(), shape(request)).sendTo(response);
    }

    private ProblemShape shape(ServerRequest request) {
        return request.context().get(Api.class).map(Api::shape).orElseGet(() -> shapeOf(request.path().path()));
    }
}
