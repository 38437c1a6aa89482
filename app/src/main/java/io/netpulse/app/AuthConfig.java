package io.netpulse.app;

import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.AuthSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which bearer tokens the APIs accept.
 *
 * @param jwks                   the issuer's JWK set (file or https URL); empty runs the embedded issuer
 * @param issuer                 required {@code iss}
 * @param audience               required member of {@code aud}
 * @param clockSkew              tolerance on {@code exp} and {@code nbf}
 * @param jwksCacheTtl           how long a fetched JWK set is used
 * @param jwksRefreshMinInterval window of the refresh rate limit for unknown key ids
 * @param signingKey             embedded issuer only: a signing key file shared by several instances;
 *                               empty keeps the key in the state directory
 */
public record AuthConfig(Optional<URI> jwks, String issuer, String audience, Duration clockSkew, Duration jwksCacheTtl,
                         Duration jwksRefreshMinInterval, Optional<Path> signingKey) {

    /**
     * The auth.* keys. With auth.jwks an issuer must be named (trusting any issuer of a shared IdP would let its
     * other clients in); auth.signing-key belongs to the embedded issuer only. The settings are checked whole
     * here (skew bound, cache longer than the refresh interval), so a bad combination stops the start.
     */
    static AuthConfig read(ConfigSource source, Path stateDir) {
        Optional<URI> jwks = source.get(ConfigKey.AUTH_JWKS);
        Optional<String> issuer = source.get(ConfigKey.AUTH_ISSUER);
        if (jwks.isPresent() && issuer.isEmpty()) {
            throw source.invalid(ConfigKey.AUTH_ISSUER, "must be set with auth.jwks: the iss your issuer writes into"
                    + " its tokens");
        }
        Optional<Path> signingKey = source.get(ConfigKey.AUTH_SIGNING_KEY).map(p -> p.toAbsolutePath().normalize());
        if (jwks.isPresent() && signingKey.isPresent()) {
            throw source.invalid(ConfigKey.AUTH_SIGNING_KEY, "belongs to the embedded issuer; with auth.jwks set,"
                    + " netpulse signs no tokens");
        }
        AuthConfig auth = new AuthConfig(jwks, issuer.orElse(LocalIssuer.DEFAULT_ISSUER),
                source.get(ConfigKey.AUTH_AUDIENCE), source.get(ConfigKey.AUTH_CLOCK_SKEW),
                source.get(ConfigKey.AUTH_JWKS_CACHE_TTL), source.get(ConfigKey.AUTH_JWKS_REFRESH_MIN_INTERVAL),
                signingKey);
        try {
            auth.settings(jwks.orElse(stateDir.resolve(LocalIssuer.JWKS_FILE).toUri()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        return auth;
    }

    /** True when netpulse issues (and trusts only) its own tokens. */
    public boolean embeddedIssuer() {
        return jwks.isEmpty();
    }

    /** The verifier's settings, with the JWK set read from {@code jwksLocation}. */
    public AuthSettings settings(URI jwksLocation) {
        return new AuthSettings(jwksLocation, issuer, audience, clockSkew, jwksCacheTtl, jwksRefreshMinInterval);
    }
}
