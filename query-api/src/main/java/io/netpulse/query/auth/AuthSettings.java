package io.netpulse.query.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Which tokens netpulse accepts: those signed by a key of the JWK set at {@link #jwks()}, issued by
 * {@link #issuer()} for {@link #audience()}, and current within {@link #clockSkew()}.
 *
 * <p>The JWK set is a local file ({@code file:} URI) or an {@code https:} URL such as an OIDC provider's
 * {@code jwks_uri}. Plain {@code http:} is accepted only for a loopback host (the embedded issuer, tests): over
 * any other network a forged key set would let anyone mint tokens. The set is cached for {@link #jwksCacheTtl()};
 * a token whose key id is not in the cached set triggers an immediate re-read, at most twice per
 * {@link #jwksRefreshMinInterval()} so random key ids cannot make netpulse hammer the issuer.
 *
 * @param jwks                    where the JWK set is read from
 * @param issuer                  required {@code iss}, compared exactly
 * @param audience                required member of {@code aud}
 * @param clockSkew               tolerance on {@code exp} and {@code nbf}; at most {@link #MAX_CLOCK_SKEW}
 * @param jwksCacheTtl            how long a fetched JWK set is used before it is fetched again
 * @param jwksRefreshMinInterval  window of the refresh rate limit; shorter than {@code jwksCacheTtl}
 */
public record AuthSettings(URI jwks, String issuer, String audience, Duration clockSkew, Duration jwksCacheTtl,
                           Duration jwksRefreshMinInterval) {

    /** Default {@code auth.clock-skew}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Largest accepted clock skew: beyond it an expired token stays usable for too long. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Default {@code auth.jwks-cache-ttl}. */
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    /** Default {@code auth.jwks-refresh-min-interval}. */
    public static final Duration DEFAULT_JWKS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(30);
    /** Default {@code auth.audience}. */
    public static final String DEFAULT_AUDIENCE = "netpulse";

    public AuthSettings {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(jwksCacheTtl, "jwksCacheTtl");
        Objects.requireNonNull(jwksRefreshMinInterval, "jwksRefreshMinInterval");
        checkJwksLocation(jwks);
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("auth.issuer must not be blank");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("auth.audience must not be blank");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(
                    "auth.clock-skew must be between PT0S and " + MAX_CLOCK_SKEW + ", was " + clockSkew);
        }
        if (clockSkew.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("auth.clock-skew is counted in whole seconds, was " + clockSkew);
        }
        if (jwksRefreshMinInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "auth.jwks-refresh-min-interval must be at least PT1S, was " + jwksRefreshMinInterval);
        }
        if (jwksCacheTtl.compareTo(jwksRefreshMinInterval) <= 0) {
            throw new IllegalArgumentException("auth.jwks-cache-ttl (" + jwksCacheTtl
                    + ") must be longer than auth.jwks-refresh-min-interval (" + jwksRefreshMinInterval + ")");
        }
    }

    /** Settings with the default skew, cache time and refresh limit. */
    public static AuthSettings of(URI jwks, String issuer, String audience) {
        return new AuthSettings(jwks, issuer, audience, DEFAULT_CLOCK_SKEW, DEFAULT_JWKS_CACHE_TTL,
                DEFAULT_JWKS_REFRESH_MIN_INTERVAL);
    }

    /**
     * Reads the {@code auth.jwks} value: an {@code https://} (or loopback {@code http://}) URL, a {@code file:}
     * URI, or a plain file path.
     */
    public static URI jwksLocation(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("auth.jwks must name a JWK set file or URL");
        }
        URI uri = text.contains("://") || text.startsWith("file:") ? URI.create(text.trim()) : Path.of(text.trim())
                .toAbsolutePath().toUri();
        checkJwksLocation(uri);
        return uri;
    }

    /** Same settings with another clock skew. */
    public AuthSettings withClockSkew(Duration skew) {
        return new AuthSettings(jwks, issuer, audience, skew, jwksCacheTtl, jwksRefreshMinInterval);
    }

    /** Same settings with another JWK set cache time and refresh limit. */
    public AuthSettings withJwksRefresh(Duration cacheTtl, Duration refreshMinInterval) {
        return new AuthSettings(jwks, issuer, audience, clockSkew, cacheTtl, refreshMinInterval);
    }

    /** True when the JWK set is a local file rather than a URL. */
    public boolean jwksIsFile() {
        return "file".equals(jwks.getScheme());
    }

    private static void checkJwksLocation(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file", "https" -> {
            }
            case "http" -> {
                if (!isLoopback(uri.getHost())) {
                    throw new IllegalArgumentException("auth.jwks over plain http is only accepted for a loopback "
                            + "host (a key set fetched in clear over a network can be replaced); use https: " + uri);
                }
            }
            default -> throw new IllegalArgumentException(
                    "auth.jwks must be a file or an https URL, was " + uri);
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Caller.canonicalSource(literal).map(ip -> {
            try {
                return InetAddress.getByName(ip).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }).orElse(false);
    }
}
