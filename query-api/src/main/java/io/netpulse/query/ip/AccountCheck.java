package io.netpulse.query.ip;

import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.auth.AuthenticationException;

/**
 * The hook where authentication and tenant scoping plug into the traffic statistics API (the security issue's
 * work): the service asks it first, before it looks anything up, so a 401 or a 403 reveals nothing about what
 * exists. An implementation authenticates the request ({@link io.netpulse.query.auth.Authenticator}) and asks
 * {@link io.netpulse.query.auth.Caller#maySeeAccount}. {@link #ALLOW_ALL} stands in until it is wired.
 */
@FunctionalInterface
public interface AccountCheck {

    /** Lets every request in. */
    AccountCheck ALLOW_ALL = (request, accountId) -> Verdict.ACCEPTED;

    /**
     * What the check made of {@code request} asking for the statistics of account {@code accountId} (the path's
     * text, not yet known to exist).
     */
    Verdict check(ServerRequest request, String accountId);

    /** The outcome of a check. */
    sealed interface Verdict {
        /** The caller may see the account. */
        Verdict ACCEPTED = new Accepted();
        /** The caller is authenticated but the account is outside its token: 403. */
        Verdict FORBIDDEN = new Forbidden();

        /** Go on. */
        record Accepted() implements Verdict {
        }

        /** 401 with the challenge of {@code reason}. */
        record Unauthenticated(AuthenticationException.Reason reason) implements Verdict {
        }

        /** 403, in the seed's shape. */
        record Forbidden() implements Verdict {
        }
    }
}
