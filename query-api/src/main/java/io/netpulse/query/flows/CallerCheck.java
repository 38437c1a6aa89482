package io.netpulse.query.flows;

import io.helidon.webserver.http.ServerRequest;

/**
 * The hook where authentication plugs into import_stats: the service asks it first, on every method, and answers
 * AUTH_REQUIRED or AUTH_INVALID_CREDENTIALS (401) in the seed's shape. How a token is checked is the security
 * feature's business, not this API's; {@link #ALLOW_ALL} stands in until it is wired.
 */
@FunctionalInterface
public interface CallerCheck {

    /** Lets every request in. */
    CallerCheck ALLOW_ALL = request -> Verdict.ACCEPTED;

    /** What the check made of a request's credentials. */
    enum Verdict {
        /** Valid credentials. */
        ACCEPTED,
        /** No credentials at all: AUTH_REQUIRED. */
        MISSING,
        /** Credentials that are not valid: AUTH_INVALID_CREDENTIALS. */
        INVALID
    }

    Verdict check(ServerRequest request);
}
