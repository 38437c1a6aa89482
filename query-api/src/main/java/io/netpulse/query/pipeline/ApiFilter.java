package io.netpulse.query.pipeline;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of every request to an API path, answered or not: it marks the request as the API's (so any error
 * comes out in the API's shape), authenticates it (401 before anything else), reads the Accept header (400 when
 * malformed) and puts the {@link RequestContext} on the request for the handler. Registered by
 * {@link Pipeline#routes} ahead of the API's routes. Every request it sees is counted and timed once its answer is
 * sent ({@link RequestMetrics}), refusals included.
 */
final class ApiFilter implements Handler {

    private final Api api;
    private final Authenticator authenticator;
    private final RequestMetrics requests;

    ApiFilter(Api api, Authenticator authenticator, RequestMetrics requests) {
        this.api = Objects.requireNonNull(api, "api");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        boolean forwarded = InternalMirror.isForwarded(request);
        response.whenSent(() -> requests.record(api, forwarded, response.status().code(), System.nanoTime() - start));
        request.context().register(api);
        Caller caller;
        try {
            caller = authenticator.authenticate(request);
        } catch (AuthenticationException e) {
            throw new Problem.Unauthenticated(e.reason());
        }
        List<String> accept = request.headers().all(HeaderNames.ACCEPT, List::of);
        request.context().register(new RequestContext(api, caller, InternalMirror.isForwarded(request),
                request.headers().first(HeaderNames.AUTHORIZATION), Accept.parse(request),
                accept.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", accept))));
        response.next();
    }
}
