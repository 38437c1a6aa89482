package io.netpulse.query.pipeline;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.netpulse.query.iq.PeerKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of every request on the peer listener: only an instance presenting the deployment's
 * {@link PeerKey} goes further (then the API's own pipeline authenticates and scopes the caller's token again).
 * Without the key the answer is 401, with another key 403, both in one small shape of their own, since the caller
 * is not an API client: {@code {"error":"peer_key_missing"|"peer_key_wrong","message":"..."}}, with
 * {@link PeerKey#REFUSED} set so that the asking instance reports a configuration fault rather than passing the
 * refusal on as an answer.
 */
public final class PeerAccess implements Filter {

    private final PeerKey key;

    /** Requires {@code key}. */
    public PeerAccess(PeerKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<String> presented = request.headers().first(PeerKey.HEADER);
        if (presented.isEmpty()) {
            refuse(response, Status.UNAUTHORIZED_401, "peer_key_missing", "This listener answers other netpulse "
                    + "instances only; they send the deployment's peer key in " + PeerKey.HEADER.defaultCase() + ".");
        } else if (!key.matches(presented.get())) {
            refuse(response, Status.FORBIDDEN_403, "peer_key_wrong", "The peer key differs from this instance's:"
                    + " every instance of a deployment must be configured with the same peer.key.");
        } else {
            chain.proceed();
        }
    }

    private static void refuse(RoutingResponse response, Status status, String error, String message) {
        response.status(status)
                .header(PeerKey.REFUSED, error)
                .header(HeaderNames.CONTENT_TYPE, Json.CONTENT_TYPE)
                .send(("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
