package io.netpulse.app;

import io.helidon.webserver.http.HttpRouting;
import io.netpulse.app.auth.JwksService;
import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.TokenVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which bearer tokens this instance accepts, built from the {@code auth.*} keys, and the open routes that go with
 * them. Two modes:
 * <ul>
 *   <li>embedded issuer ({@code auth.jwks} empty, the default): {@link LocalIssuer} keeps an ES256 key in the
 *       state directory (or in the shared {@code auth.signing-key} file), writes {@code demo-token.jwt} with every
 *       scope at each start, and its public JWK set is served at {@value JwksService#PATH}; the verifier trusts
 *       that key only;</li>
 *   <li>external issuer: the verifier trusts the JWK set at {@code auth.jwks} (a file, or an https URL such as an
 *       OIDC provider's {@code jwks_uri}) for {@code auth.issuer} and {@code auth.audience}; netpulse signs
 *       nothing and serves no key set.</li>
 * </ul>
 * Either way the APIs see one {@link Authenticator}, and every instance checks forwarded requests itself: several
 * instances must trust the same keys (a shared {@code auth.signing-key}, or the same {@code auth.jwks}).
 */
final class ApiAuthentication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthentication.class);

    private final TokenVerifier verifier;
    private final Authenticator authenticator;
    private final Optional<LocalIssuer> issuer;
    private final Optional<Path> demoToken;

    private ApiAuthentication(TokenVerifier verifier, Optional<LocalIssuer> issuer, Optional<Path> demoToken) {
        this.verifier = verifier;
        this.authenticator = new Authenticator(verifier);
        this.issuer = issuer;
        this.demoToken = demoToken;
    }

    /**
     * Sets up the configured mode; with the embedded issuer this creates or loads the key and writes the demo
     * token.
     *
     * @param clock "now" for token expiry and the demo token's lifetime
     */
    static ApiAuthentication start(AuthConfig auth, Path stateDir, Clock clock) {
        Objects.requireNonNull(auth, "auth");
        if (auth.jwks().isPresent()) {
            TokenVerifier verifier = new TokenVerifier(auth.settings(auth.jwks().get()), clock);
            LOG.info("APIs accept bearer tokens of {} for audience {}, signed by a key of {}", auth.issuer(),
                    auth.audience(), auth.jwks().get());
            return new ApiAuthentication(verifier, Optional.empty(), Optional.empty());
        }
        Path keyFile = auth.signingKey().orElse(stateDir.resolve(LocalIssuer.KEY_FILE));
        LocalIssuer local = LocalIssuer.openOrCreate(stateDir, keyFile, auth.issuer(), auth.audience(), clock);
        Path demo = local.writeDemoToken();
        TokenVerifier verifier = new TokenVerifier(auth.settings(local.jwksFile().toUri()), clock);
        LOG.info("APIs accept bearer tokens of the embedded issuer {} (key {} in {}); demo token with every scope"
                + " in {}", auth.issuer(), local.keyId(), keyFile, demo);
        return new ApiAuthentication(verifier, Optional.of(local), Optional.of(demo));
    }

    /** The one access hook of every API. */
    Authenticator authenticator() {
        return authenticator;
    }

    /** The embedded issuer, when netpulse issues its own tokens. */
    Optional<LocalIssuer> localIssuer() {
        return issuer;
    }

    /** The demo token file written at start (embedded issuer only). */
    Optional<Path> demoToken() {
        return demoToken;
    }

    /** Adds the open routes of this mode: the embedded issuer's public JWK set. */
    void registerOpenRoutes(HttpRouting.Builder routing) {
        issuer.ifPresent(local -> routing.register(new JwksService(local)));
    }

    @Override
    public void close() {
        verifier.close();
    }
}
