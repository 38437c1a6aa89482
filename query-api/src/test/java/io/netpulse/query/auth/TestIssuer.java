package io.netpulse.query.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netpulse.testkit.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The token issuer of the API tests: one EC key (ES256) whose public JWK set the {@link #authenticator()}
 * trusts, with the verifier's clock fixed at the query side's "now", tokens for any scope, and the eight kinds of
 * credential every API must refuse with 401 ({@link Refused}). Shared by the tests of every API package so they
 * all exercise the real {@link Authenticator} and {@link TokenVerifier}, never a stand-in.
 */
public final class TestIssuer {

    /** {@code iss} the verifier requires. */
    public static final String ISSUER = "https://issuer.test/realms/netpulse";
    /** {@code aud} the verifier requires. */
    public static final String AUDIENCE = "netpulse";
    /** How long a valid token lasts from {@link #now()}. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final String KEY_ID = "netpulse-test";
    /** Generated once per JVM: EC keys are cheap, but there is no reason to make one per test class. */
    private static final ECKey KEY = TestTokens.ecKey(KEY_ID);
    /** Not in the JWK set, but with the same key id: its signatures reach verification and fail there. */
    private static final ECKey FOREIGN_KEY = TestTokens.ecKey(KEY_ID);

    private final Instant now;
    private final Authenticator authenticator;

    private TestIssuer(Instant now, Authenticator authenticator) {
        this.now = now;
        this.authenticator = authenticator;
    }

    /**
     * An issuer whose verifier's clock stands at {@code now}: the instant the API under test treats as now.
     * The JWK set goes to a temporary file removed when the JVM exits.
     */
    public static TestIssuer at(Instant now) {
        Path jwks;
        try {
            jwks = Files.createTempFile("netpulse-test-jwks", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jwks.toFile().deleteOnExit();
        TestTokens.writeJwks(jwks, KEY);
        TokenVerifier verifier = new TokenVerifier(AuthSettings.of(jwks.toUri(), ISSUER, AUDIENCE),
                TestTime.fixedAt(now));
        return new TestIssuer(now, new Authenticator(verifier));
    }

    /** The verifier's "now". */
    public Instant now() {
        return now;
    }

    /** Authenticates requests against this issuer's key, for {@code QueryDeps}. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** {@code Bearer <token>} of a caller that may see every site, account and source. */
    public String everything() {
        return bearer(List.of(Scope.WILDCARD), List.of(Scope.WILDCARD), List.of(Scope.WILDCARD));
    }

    /** {@code Bearer <token>} of a caller that may see only these sites. */
    public String sites(String... sites) {
        return bearer(List.of(sites), List.of(), List.of());
    }

    /** {@code Bearer <token>} of a caller that may see only these accounts. */
    public String accounts(String... accounts) {
        return bearer(List.of(), List.of(accounts), List.of());
    }

    /** {@code Bearer <token>} of a caller that may see only these source devices. */
    public String sources(String... sources) {
        return bearer(List.of(), List.of(), List.of(sources));
    }

    /**
     * {@code Bearer <token>} with these scope claims (an empty collection grants nothing), valid from a minute
     * before {@link #now()} for {@link #LIFETIME}.
     */
    public String bearer(Collection<String> sites, Collection<String> accounts, Collection<String> sources) {
        return "Bearer " + TestTokens.sign(KEY, valid().claim(ScopeClaims.SITES, List.copyOf(sites))
                .claim(ScopeClaims.ACCOUNTS, List.copyOf(accounts))
                .claim(ScopeClaims.SOURCES, List.copyOf(sources))
                .build());
    }

    /** The Authorization header value for a credential of this kind; empty for {@link Refused#MISSING}. */
    public Optional<String> authorization(Refused kind) {
        JWTClaimsSet.Builder everything = valid().claim(ScopeClaims.SITES, List.of(Scope.WILDCARD))
                .claim(ScopeClaims.ACCOUNTS, List.of(Scope.WILDCARD))
                .claim(ScopeClaims.SOURCES, List.of(Scope.WILDCARD));
        String token = switch (kind) {
            case MISSING -> null;
            case MALFORMED -> "not-a-jwt";
            case EXPIRED -> TestTokens.sign(KEY, everything.notBeforeTime(Date.from(now.minus(Duration.ofHours(2))))
                    .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))).build());
            case NOT_YET_VALID -> TestTokens.sign(KEY, everything.notBeforeTime(Date.from(now.plus(
                    Duration.ofMinutes(10)))).expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build());
            case WRONG_ISSUER -> TestTokens.sign(KEY, everything.issuer("https://other-issuer.test").build());
            case WRONG_AUDIENCE -> TestTokens.sign(KEY, everything.audience("another-service").build());
            case NONE_ALGORITHM -> TestTokens.unsigned(everything.build());
            case WRONGLY_SIGNED -> TestTokens.sign(FOREIGN_KEY, JWSAlgorithm.ES256, everything.build());
        };
        return Optional.ofNullable(token).map(value -> "Bearer " + value);
    }

    private JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("tester")
                .issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(now.plus(LIFETIME)));
    }

    /** The credentials every data route refuses, and the refusal reason each must produce. */
    public enum Refused {
        MISSING(AuthenticationException.Reason.MISSING),
        MALFORMED(AuthenticationException.Reason.MALFORMED),
        EXPIRED(AuthenticationException.Reason.INVALID),
        NOT_YET_VALID(AuthenticationException.Reason.INVALID),
        WRONG_ISSUER(AuthenticationException.Reason.INVALID),
        WRONG_AUDIENCE(AuthenticationException.Reason.INVALID),
        NONE_ALGORITHM(AuthenticationException.Reason.INVALID),
        WRONGLY_SIGNED(AuthenticationException.Reason.INVALID);

        private final AuthenticationException.Reason reason;

        Refused(AuthenticationException.Reason reason) {
            this.reason = reason;
        }

        /** Why the authenticator refuses it. */
        public AuthenticationException.Reason reason() {
            return reason;
        }

        /** The WWW-Authenticate value the answer must carry. */
        public String challenge() {
            return BearerChallenge.headerValue(reason);
        }

        /**
         * Every kind with the body an API answers it with, chosen by its refusal reason: the arguments of a
         * parameterized test over all refused credentials.
         */
        public static Stream<Arguments> withBodies(String missing, String malformed, String invalid) {
            return Arrays.stream(values()).map(kind -> Arguments.of(kind, switch (kind.reason) {
                case MISSING -> missing;
                case MALFORMED -> malformed;
                case INVALID -> invalid;
            }));
        }
    }
}
