package io.netpulse.query;

import io.helidon.webserver.http.ServerRequest;

/**
 * The hook for the bearer-token check (the security issue's): each API handler calls it first. An implementation
 * throws {@link io.netpulse.query.error.ApiException#unauthorized(String)} (401 with the API's body and
 * {@code WWW-Authenticate: Bearer}) when the token is missing or invalid. Until it lands, {@link #NONE} lets
 * every request through.
 */
@FunctionalInterface
public interface AccessCheck {

    /** No check: every request is allowed. */
    AccessCheck NONE = request -> { };

    /** Returns when {@code request} may be answered, throws otherwise. */
    void check(ServerRequest request);
}
