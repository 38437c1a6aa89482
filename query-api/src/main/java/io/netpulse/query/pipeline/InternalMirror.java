package io.netpulse.query.pipeline;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.iq.RemoteQueryClient;
import java.util.Objects;

/**
 * An API's service mounted for other instances under {@link RemoteQueryClient#INTERNAL_PREFIX} on the peer listener
 * (never the public one, see {@link io.netpulse.query.QueryRoutes#registerPeer}): the same routes, the same checks and limits,
 * its requests marked forwarded so that they are answered from this instance's stores or with 503 and never
 * forwarded again (two instances with stale metadata cannot ping-pong). Forwarded requests carry the caller's own
 * Authorization header and are authenticated and scoped again: the mark proves nothing about who is asking.
 */
public final class InternalMirror implements HttpService {

    private final HttpService api;

    /** The mirror of {@code api}, to be registered under {@link RemoteQueryClient#INTERNAL_PREFIX}. */
    public InternalMirror(HttpService api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any((request, response) -> {
            request.context().register(Forwarded.MARK);
            response.next();
        });
        api.routing(rules);
    }

    /** Whether {@code request} came in through a mirror. */
    static boolean isForwarded(ServerRequest request) {
        return request.context().get(Forwarded.class).isPresent();
    }

    /** The mark a mirror puts on its requests. */
    private enum Forwarded {
        MARK
    }
}
