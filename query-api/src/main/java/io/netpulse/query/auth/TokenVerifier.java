package io.netpulse.query.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens with nimbus-jose-jwt and turns them into {@link Caller}s. Only RS256 and ES256
 * signatures by a key of the configured JWK set are accepted, so unsigned ({@code "alg":"none"}) tokens and
 * HS256 tokens "signed" with a public key as the shared secret are refused before any key is looked up.
 * {@code exp}, {@code iss} and {@code aud} are required; the issuer must match exactly, the audience must include
 * the configured one, and {@code exp}/{@code nbf} hold within the clock skew. Netpulse writes no crypto of its own.
 *
 * <p>The JWK set is fetched lazily, cached ({@link AuthSettings#jwksCacheTtl()}) and re-read when a token names an
 * unknown key id, so an issuer's key rotation needs no restart. Fetches time out after {@link #FETCH_TIMEOUT} and
 * read at most {@value #MAX_JWKS_BYTES} bytes.
 *
 * <p>A verified token is remembered, by its exact text, for at most {@link AuthSettings#jwksCacheTtl()} (no longer than
 * its signing key itself stays in the cached JWK set), and {@code exp} and {@code nbf} are checked again on every use:
 * checking an ES256 signature costs about half of the CPU of a small query, and a client sends the same token
 * again and again. At most {@value #MAX_REMEMBERED} tokens are remembered; beyond that the memory is emptied.
 *
 * <p>Why a token was refused goes to the DEBUG log; the exception carries it in {@link
 * AuthenticationException#detail()} and the caller sees only the generic {@link AuthenticationException.Reason}.
 * A JWK set that cannot be fetched is logged at WARN (an operator problem, not the caller's).
 */
public final class TokenVerifier implements Closeable {

    /** The only signature algorithms accepted. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Connect and read timeout of each JWK set fetch. */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    /** Largest JWK set read, in bytes. */
    public static final int MAX_JWKS_BYTES = 51_200;

    /** Most verified tokens remembered at once. */
    static final int MAX_REMEMBERED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    /** How long requests wait for another thread's JWK set fetch. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(5);

    private final AuthSettings settings;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong verifications = new AtomicLong();

    /**
     * A token that passed every check.
     *
     * @param caller      who it says is calling
     * @param notBefore   its nbf, or null
     * @param expires     its exp
     * @param rememberedUntil when it must be verified in full again
     */
    private record Verified(Caller caller, Instant notBefore, Instant expires, Instant rememberedUntil) {
    }

    /**
     * @param settings which issuer, audience and keys to trust
     * @param clock    "now" for expiry and not-before
     */
    public TokenVerifier(AuthSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        int timeoutMillis = Math.toIntExact(FETCH_TIMEOUT.toMillis());
        try {
            this.keys = JWKSourceBuilder.<SecurityContext>create(settings.jwks().toURL(),
                            new DefaultResourceRetriever(timeoutMillis, timeoutMillis, MAX_JWKS_BYTES))
                    .cache(settings.jwksCacheTtl().toMillis(), REFRESH_WAIT.toMillis())
                    .rateLimited(settings.jwksRefreshMinInterval().toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("auth.jwks is not a URL: " + settings.jwks(), e);
        }
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens say typ at+jwt; most issuers say JWT or nothing.
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(null, JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt")));
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Mutable sets: nimbus asks them contains(null), which Set.of refuses.
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(Set.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new HashSet<>(Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE)),
                new HashSet<>()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    /**
     * Verifies a compact-serialized JWT.
     *
     * @param token the credential of an {@code Authorization: Bearer} header
     * @return who the token says is calling and what it may see
     * @throws AuthenticationException MALFORMED when it is not a JWT, INVALID when it fails any check
     */
    public Caller verify(String token) throws AuthenticationException {
        Objects.requireNonNull(token, "token");
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.rememberedUntil())) {
            if (!now.isBefore(known.expires().plus(settings.clockSkew()))) {
                throw refused(AuthenticationException.Reason.INVALID, "Expired JWT", null);
            }
            if (known.notBefore() != null && now.isBefore(known.notBefore().minus(settings.clockSkew()))) {
                throw refused(AuthenticationException.Reason.INVALID, "JWT before use time", null);
            }
            return known.caller();
        }
        try {
            verifications.incrementAndGet();
            JWTClaimsSet claims = processor.process(token, null);
            Caller caller = ScopeClaims.caller(claims);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, new Verified(caller,
                    claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant(),
                    claims.getExpirationTime().toInstant(), now.plus(settings.jwksCacheTtl())));
            return caller;
        } catch (ParseException e) {
            throw refused(AuthenticationException.Reason.MALFORMED, "not a JWT: " + e.getMessage(), e);
        } catch (RateLimitReachedException e) {
            throw refused(AuthenticationException.Reason.INVALID,
                    "no key matches and the JWK set was refreshed too recently to fetch it again", e);
        } catch (KeySourceException e) {
            LOG.warn("JWK set {} unavailable, refusing tokens until it answers: {}", settings.jwks(), e.getMessage());
            throw refused(AuthenticationException.Reason.INVALID, "JWK set unavailable: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException | ScopeClaims.InvalidScopeException e) {
            throw refused(AuthenticationException.Reason.INVALID, e.getMessage(), e);
        }
    }

    /** How many tokens were verified in full (signature and claims), for tests of the memory of verified ones. */
    long verifications() {
        return verifications.get();
    }

    /** The settings this verifier enforces. */
    public AuthSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static AuthenticationException refused(AuthenticationException.Reason reason, String detail,
                                                   Throwable cause) {
        LOG.debug("token refused ({}): {}", reason, detail);
        return new AuthenticationException(reason, detail, cause);
    }
}
