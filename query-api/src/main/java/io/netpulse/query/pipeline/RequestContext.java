package io.netpulse.query.pipeline;

import io.helidon.common.media.type.MediaType;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link ApiFilter} established about a request before its handler runs: which API it is for, who is
 * calling and what they may see, whether another instance forwarded it, and what it accepts. Handlers read it with
 * {@link #of(ServerRequest)}; they never authenticate themselves.
 *
 * @param api           the API the request is for
 * @param caller        the authenticated caller
 * @param forwarded     true on the internal mirror: answer from this instance's stores or 503, never forward again
 * @param authorization the caller's Authorization header, carried unchanged to other instances
 * @param accepted      the media ranges of the Accept header, empty without one
 * @param acceptHeader  the Accept header as sent, carried to other instances; empty without one
 */
public record RequestContext(Api api, Caller caller, boolean forwarded, Optional<String> authorization,
                             List<HttpMediaType> accepted, Optional<String> acceptHeader) {

    public RequestContext {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(caller, "caller");
        accepted = List.copyOf(accepted);
    }

    /**
     * The context of {@code request}.
     *
     * @throws IllegalStateException when no API filter ran: a route registered outside {@link Pipeline#routes}
     */
    public static RequestContext of(ServerRequest request) {
        return request.context().get(RequestContext.class).orElseThrow(() -> new IllegalStateException(
                "no API filter ran for " + request.path().path()));
    }

    /**
     * The type to answer with.
     *
     * @throws Problem.NotAcceptable when Accept allows none of the API's types
     */
    public MediaType negotiate() {
        return Accept.best(accepted, api.served()).orElseThrow(() -> new Problem.NotAcceptable(api.servedText()));
    }
}
