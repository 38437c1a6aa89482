package io.netpulse.query.auth;

import static io.netpulse.query.auth.TestTokens.AUDIENCE;
import static io.netpulse.query.auth.TestTokens.CLOCK_AT_T0;
import static io.netpulse.query.auth.TestTokens.ISSUER;
import static io.netpulse.query.auth.TestTokens.SITE_A;
import static io.netpulse.query.auth.TestTokens.SITE_B;
import static io.netpulse.query.auth.TestTokens.claims;
import static io.netpulse.query.auth.TestTokens.sign;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.netpulse.query.auth.AuthenticationException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check of the verifier against a JWK set file, at a fixed clock (T0) with the default 30 s skew. */
class TokenVerifierTest {

    private static final ECKey EC = TestTokens.ecKey("ec-1");
    private static final RSAKey RSA = TestTokens.rsaKey("rsa-1");

    @TempDir
    Path dir;
    private Path jwksFile;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() {
        jwksFile = TestTokens.writeJwks(dir.resolve("jwks.json"), EC, RSA);
        verifier = new TokenVerifier(AuthSettings.of(jwksFile.toUri(), ISSUER, AUDIENCE), CLOCK_AT_T0);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    @Test
    void es256TokenGivesCallerWithExactScopes() throws Exception {
        String token = sign(EC, claims()
                .claim("sites", List.of(SITE_A, SITE_B))
                .claim("accounts", List.of("acct-7"))
                .claim("sources", List.of("10.0.0.1", "2001:db8::1"))
                .build());

        Caller caller = verifier.verify(token);

        assertThat(caller).isEqualTo(new Caller("alice",
                Scope.of(Set.of(SITE_A, SITE_B)),
                Scope.of(Set.of("acct-7")),
                Scope.of(Set.of("10.0.0.1", "2001:db8::1"))));
    }

    @Test
    void rs256TokenIsAccepted() throws Exception {
        String token = sign(RSA, claims().claim("sites", List.of(SITE_A)).build());

        assertThat(verifier.verify(token)).isEqualTo(
                new Caller("alice", Scope.of(Set.of(SITE_A)), Scope.NONE, Scope.NONE));
    }

    @Test
    void wildcardGrantsEverythingInItsDimensionOnly() throws Exception {
        String token = sign(EC, claims()
                .claim("sites", "*")
                .claim("accounts", List.of("acct-7", "*"))
                .claim("sources", List.of("10.0.0.1"))
                .build());

        Caller caller = verifier.verify(token);

        assertThat(caller.sites()).isEqualTo(Scope.ALL);
        assertThat(caller.accounts()).isEqualTo(Scope.ALL);
        assertThat(caller.sources()).isEqualTo(Scope.of(Set.of("10.0.0.1")));
        assertThat(caller.maySeeSite(SITE_B)).isTrue();
        assertThat(caller.maySeeAccount("acct-9")).isTrue();
        assertThat(caller.maySeeSource("10.0.0.2")).isFalse();
    }

    @Test
    void absentScopeClaimsGrantNothing() throws Exception {
        Caller caller = verifier.verify(sign(EC, claims().build()));

        assertThat(caller).isEqualTo(new Caller("alice", Scope.NONE, Scope.NONE, Scope.NONE));
        assertThat(caller.sites().isEmpty()).isTrue();
    }

    @Test
    void scopeClaimValuesAreCanonicalized() throws Exception {
        String token = sign(EC, claims()
                .claim("sites", SITE_B.toUpperCase())
                .claim("sources", List.of("::ffff:10.0.0.1", "2001:DB8:0:0::1"))
                .build());

        Caller caller = verifier.verify(token);

        assertThat(caller.sites()).isEqualTo(Scope.of(Set.of(SITE_B)));
        assertThat(caller.sources()).isEqualTo(Scope.of(Set.of("10.0.0.1", "2001:db8::1")));
    }

    @Test
    void invalidScopeValueRefusesTheToken() {
        assertRefused(sign(EC, claims().claim("sites", List.of(SITE_A, "site-a")).build()),
                Reason.INVALID, "claim sites holds an invalid id: site-a");
        assertRefused(sign(EC, claims().claim("sources", List.of("gateway.example")).build()),
                Reason.INVALID, "claim sources holds an invalid id: gateway.example");
        assertRefused(sign(EC, claims().claim("accounts", List.of(7)).build()),
                Reason.INVALID, "claim accounts holds a non-string value");
        assertRefused(sign(EC, claims().claim("registry", List.of("admin")).build()),
                Reason.INVALID, "claim registry holds an invalid id: admin");
    }

    @Test
    void registryScopeLetsACallerWriteToTheRegistryAndNothingElse() throws Exception {
        Caller writer = verifier.verify(sign(EC, claims().claim("registry", List.of("write")).build()));
        Caller reader = verifier.verify(sign(EC, claims().claim("sites", "*").build()));

        assertThat(writer).isEqualTo(new Caller("alice", Scope.NONE, Scope.NONE, Scope.NONE,
                Scope.of(Set.of("write"))));
        assertThat(writer.mayWriteRegistry()).isTrue();
        assertThat(writer.maySeeSite(SITE_A)).isFalse();
        assertThat(reader.mayWriteRegistry()).isFalse();
    }

    @Test
    void expiredBeyondClockSkewIsInvalid() {
        String token = sign(EC, claims().expirationTime(Date.from(T0.minusSeconds(31))).build());

        assertRefused(token, Reason.INVALID, "Expired JWT");
    }

    @Test
    void expiredWithinClockSkewIsAccepted() throws Exception {
        String token = sign(EC, claims().expirationTime(Date.from(T0.minusSeconds(29))).build());

        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void notYetValidBeyondClockSkewIsInvalid() {
        String token = sign(EC, claims().notBeforeTime(Date.from(T0.plusSeconds(31))).build());

        assertRefused(token, Reason.INVALID, "JWT before use time");
    }

    @Test
    void notYetValidWithinClockSkewIsAccepted() throws Exception {
        String token = sign(EC, claims().notBeforeTime(Date.from(T0.plusSeconds(29))).build());

        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void configuredClockSkewIsUsed() throws Exception {
        String expiredFiveSecondsAgo = sign(EC, claims().expirationTime(Date.from(T0.minusSeconds(5))).build());
        try (TokenVerifier strict = new TokenVerifier(
                AuthSettings.of(jwksFile.toUri(), ISSUER, AUDIENCE).withClockSkew(java.time.Duration.ZERO),
                CLOCK_AT_T0)) {
            assertThatThrownBy(() -> strict.verify(expiredFiveSecondsAgo))
                    .isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.detail()).isEqualTo("Expired JWT"));
        }
        assertThat(verifier.verify(expiredFiveSecondsAgo).subject()).isEqualTo("alice");
    }

    @Test
    void wrongIssuerIsInvalid() {
        String token = sign(EC, claims().issuer("https://evil.test").build());

        assertRefused(token, Reason.INVALID, "JWT iss claim has value https://evil.test, must be " + ISSUER);
    }

    @Test
    void wrongAudienceIsInvalid() {
        String token = sign(EC, claims().audience("another-api").build());

        assertRefused(token, Reason.INVALID, "JWT audience rejected: [another-api]");
    }

    @Test
    void audienceListHoldingOursIsAccepted() throws Exception {
        String token = sign(EC, claims().audience(List.of("account", AUDIENCE)).build());

        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void missingRequiredClaimsAreInvalid() {
        assertRefused(sign(EC, claims().expirationTime(null).build()), Reason.INVALID,
                "JWT missing required claims: [exp]");
        assertRefused(sign(EC, claims().issuer(null).build()), Reason.INVALID,
                "JWT missing required claims: [iss]");
        assertRefused(sign(EC, claims().audience((String) null).build()), Reason.INVALID,
                "JWT missing required audience");
    }

    @Test
    void algNoneIsInvalid() {
        String token = TestTokens.unsigned(claims().claim("sites", "*").build());

        assertThat(token).endsWith(".").startsWith("eyJhbGciOiJub25lIn0.");
        assertRefused(token, Reason.INVALID, "Unsecured (plain) JWTs are rejected, extend class to handle");
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsInvalid() throws Exception {
        // The classic confusion attack: HMAC keyed with the PEM text of the issuer's public RSA key.
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(RSA.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(),
                claims().claim("sites", "*").build());
        jwt.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));

        assertRefused(jwt.serialize(), Reason.INVALID,
                "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void algorithmOutsideTheAllowListIsInvalidEvenWithTheRightKey() {
        String token = sign(RSA, JWSAlgorithm.RS512, claims().build());

        assertRefused(token, Reason.INVALID,
                "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void signedByAnotherKeyWithTheSameKidIsInvalid() {
        String token = sign(TestTokens.ecKey("ec-1"), claims().claim("sites", "*").build());

        assertRefused(token, Reason.INVALID, "Signed JWT rejected: Invalid signature");
    }

    @Test
    void tamperedPayloadIsInvalid() {
        String token = sign(EC, claims().claim("sites", List.of(SITE_A)).build());
        String[] parts = token.split("\\.");
        String widened = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().claim("sites", "*").build().toString().getBytes(StandardCharsets.UTF_8));

        assertRefused(parts[0] + "." + widened + "." + parts[2], Reason.INVALID,
                "Signed JWT rejected: Invalid signature");
    }

    @Test
    void unknownKeyIdIsInvalid() {
        String token = sign(TestTokens.ecKey("ec-unknown"), claims().build());

        assertRefused(token, Reason.INVALID,
                "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void jwkSetFileIsReadAgainWhenAKeyIdIsUnknown() throws Exception {
        assertThat(verifier.verify(sign(EC, claims().build())).subject()).isEqualTo("alice");
        ECKey rotated = TestTokens.ecKey("ec-2");
        TestTokens.writeJwks(jwksFile, rotated);

        assertThat(verifier.verify(sign(rotated, claims().subject("bob").build())).subject()).isEqualTo("bob");
    }

    @Test
    void notAJwtIsMalformed() {
        assertRefused("not-a-jwt", Reason.MALFORMED,
                "not a JWT: Invalid JWT serialization: Missing dot delimiter(s)");
        assertRefused("eyJhbGciOiJFUzI1NiJ9.e30", Reason.MALFORMED,
                "not a JWT: Invalid serialized unsecured/JWS/JWE object: Missing second delimiter");
        assertRefused("aGVsbG8.d29ybGQ.c2ln", Reason.MALFORMED,
                "not a JWT: Invalid unsecured/JWS/JWE header: Invalid JSON object");
    }

    @Test
    void refusalMessageIsGenericAndCarriesNoStackTrace() {
        String token = sign(EC, claims().issuer("https://evil.test").build());

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The bearer token is invalid or expired.");
                    assertThat(e.getStackTrace()).isEmpty();
                    assertThat(e.detail()).doesNotContain(token);
                });
    }

    @Test
    void aVerifiedTokenIsRememberedUntilTheJwksCacheTtlAndStillExpiresOnTime() throws Exception {
        MovingClock clock = new MovingClock(T0);
        try (TokenVerifier remembering = new TokenVerifier(AuthSettings.of(jwksFile.toUri(), ISSUER, AUDIENCE),
                clock)) {
            String token = sign(EC, claims().build()); // exp T0 + 1 h
            String other = sign(EC, claims().claim("sites", List.of(SITE_A)).build());
            String shortLived = sign(EC, claims().expirationTime(Date.from(T0.plusSeconds(60))).build());

            Caller first = remembering.verify(token);
            Caller again = remembering.verify(token);
            remembering.verify(other);
            remembering.verify(shortLived);
            assertThat(again).isEqualTo(first);
            assertThat(remembering.verifications()).as("the second use of a token is not verified again")
                    .isEqualTo(3);

            clock.now = T0.plusSeconds(60 + 29); // within exp + the 30 s skew
            assertThat(remembering.verify(shortLived).subject()).isEqualTo("alice");
            clock.now = T0.plusSeconds(60 + 30);
            assertThatThrownBy(() -> remembering.verify(shortLived))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID);
                        assertThat(e.detail()).isEqualTo("Expired JWT");
                    });
            assertThat(remembering.verifications()).as("expired while remembered: refused without a verification")
                    .isEqualTo(3);

            clock.now = T0.plus(AuthSettings.DEFAULT_JWKS_CACHE_TTL).minusSeconds(1);
            remembering.verify(token);
            assertThat(remembering.verifications()).isEqualTo(3);
            clock.now = T0.plus(AuthSettings.DEFAULT_JWKS_CACHE_TTL);
            remembering.verify(token);
            assertThat(remembering.verifications()).as("after the JWK set's cache time: verified in full again")
                    .isEqualTo(4);
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends java.time.Clock {
        private volatile java.time.Instant now;

        MovingClock(java.time.Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private void assertRefused(String token, Reason reason, String detail) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }

}
