package io.netpulse.query.pipeline;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * Answers the requests the web server refuses before routing (a request line or headers it cannot parse, headers
 * over its size limit, a Content-Length that is not a number, a Content-Encoding it cannot decode, too many
 * requests at once) in the shape of the API whose path they name, instead of Helidon's empty 400. Authentication
 * still comes first when the headers could be read: a request without a valid token is a 401 whatever else is
 * wrong with it.
 */
final class DirectAnswers implements DirectHandler {

    private final ProblemAnswers answers;
    private final List<Api> apis;
    private final Authenticator authenticator;

    DirectAnswers(List<Api> apis, Authenticator authenticator) {
        this.apis = List.copyOf(apis);
        this.answers = new ProblemAnswers(apis);
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        String path = request.path() == null ? "" : request.path();
        Problem problem = unauthenticated(request, path).orElseGet(() -> problemOf(defaultStatus));
        ProblemAnswers.Answer answer = ProblemAnswers.Answer.of(problem, answers.shapeOf(path));
        TransportResponse.Builder response = TransportResponse.builder()
                .status(answer.status())
                .keepAlive(false);
        answer.headers().forEach((name, value) -> response.header(name, value));
        return response.entity(answer.body()).build();
    }

    /** The 401 of a request to an API whose headers were read and carry no valid token. */
    private Optional<Problem> unauthenticated(TransportRequest request, String path) {
        if (request.headers() == null || request.headers().size() == 0
                || apis.stream().noneMatch(api -> api.owns(path))) {
            return Optional.empty();
        }
        try {
            authenticator.authenticate(request.headers().all(HeaderNames.AUTHORIZATION, List::of));
            return Optional.empty();
        } catch (AuthenticationException e) {
            return Optional.of(new Problem.Unauthenticated(e.reason()));
        }
    }

    private static Problem problemOf(Status status) {
        return switch (status.code()) {
            case 404 -> new Problem.NotFound("Nothing is served at this path.");
            case 413 -> Problem.invalidBody(ErrorCode.BODY_TOO_LARGE,
                    "The request body is larger than this server accepts.", "larger than this server accepts");
            case 503 -> new Problem.Busy("the listener runs as many requests as it allows at once");
            default -> {
                if (status.code() >= 500) {
                    yield new Problem.Internal();
                }
                String reason = "its request line, headers or framing cannot be read (HTTP " + status.code() + ")";
                SequencedMap<String, String> fields = new LinkedHashMap<>();
                fields.put("request", reason);
                yield new Problem.Invalid(ErrorCode.REQUEST_INVALID, "The request is malformed: " + reason + ".",
                        OptionalInt.empty(), fields);
            }
        };
    }
}
