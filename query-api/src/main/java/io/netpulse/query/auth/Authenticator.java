package io.netpulse.query.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code Authorization: Bearer <JWT>} and returns the {@link Caller}, or throws
 * {@link AuthenticationException}. The request pipeline's filter calls it first on every API path, public and
 * internal alike ({@link io.netpulse.query.pipeline.Pipeline#routes}), and answers a refusal with 401 in the API's
 * shape and the {@link BearerChallenge}: {@link io.netpulse.query.iq.RemoteQueryClient} carries the caller's header
 * to other instances, and the marker header of a forwarded request proves nothing about who sent it.
 */
public final class Authenticator {

    /** Longest accepted credential, in characters; a longer one is refused as MALFORMED before parsing. */
    public static final int MAX_TOKEN_CHARS = 8_192;

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String BEARER = "bearer";
    /** RFC 6750 b64token: the only characters a Bearer credential may hold. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Authenticates a request.
     *
     * @throws AuthenticationException MISSING without an Authorization header or with a scheme other than Bearer;
     *                                 MALFORMED for a Bearer credential that is not a JWT (or several
     *                                 Authorization headers); INVALID when verification fails
     */
    public Caller authenticate(ServerRequest request) throws AuthenticationException {
        return authenticate(request.headers().all(HeaderNames.AUTHORIZATION, List::of));
    }

    /**
     * Authenticates the values of the request's Authorization headers (for callers that hold no
     * {@link ServerRequest}).
     */
    public Caller authenticate(List<String> authorizationValues) throws AuthenticationException {
        if (authorizationValues.isEmpty()) {
            throw refused(AuthenticationException.Reason.MISSING, "no Authorization header");
        }
        if (authorizationValues.size() > 1) {
            throw refused(AuthenticationException.Reason.MALFORMED,
                    authorizationValues.size() + " Authorization headers");
        }
        String value = authorizationValues.getFirst().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!BEARER.equals(scheme.toLowerCase(Locale.ROOT))) {
            // Scheme only: the rest may be a password.
            throw refused(AuthenticationException.Reason.MISSING, "Authorization scheme is not Bearer: "
                    + (scheme.length() > 20 ? scheme.substring(0, 20) + "..." : scheme));
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw refused(AuthenticationException.Reason.MALFORMED, "Bearer without a token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused(AuthenticationException.Reason.MALFORMED,
                    "token of " + token.length() + " characters, limit " + MAX_TOKEN_CHARS);
        }
        if (!B64TOKEN.matcher(token).matches()) {
            throw refused(AuthenticationException.Reason.MALFORMED, "token holds characters outside RFC 6750 b64token");
        }
        return verifier.verify(token);
    }

    private static AuthenticationException refused(AuthenticationException.Reason reason, String detail) {
        LOG.debug("request refused ({}): {}", reason, detail);
        return new AuthenticationException(reason, detail);
    }
}
