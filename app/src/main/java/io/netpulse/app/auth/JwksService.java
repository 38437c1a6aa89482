package io.netpulse.app.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Publishes the embedded issuer's public JWK set at {@value #PATH}, without authentication, so other tools (and
 * other netpulse instances, through a file copy or a TLS proxy) can verify its tokens. Mount it with
 * {@code routing.register(new JwksService(localIssuer))}.
 */
public final class JwksService implements HttpService {

    /** Where the JWK set is served: the conventional well-known location that Auth0 and others use. */
    public static final String PATH = "/.well-known/jwks.json";
    /** RFC 7517 section 8.5 media type of a JWK set. */
    public static final HttpMediaType JWK_SET_JSON = HttpMediaType.create("application/jwk-set+json");
    /** Clients may cache the set this long; the key only changes when the key file is replaced. */
    private static final String CACHE_CONTROL = "public, max-age=300";

    private final String jwks;

    public JwksService(LocalIssuer issuer) {
        this.jwks = issuer.jwks();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::jwks);
    }

    private void jwks(ServerRequest req, ServerResponse res) {
        res.headers().contentType(JWK_SET_JSON);
        res.header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        res.send(jwks);
    }
}
