package io.netpulse.query.auth;

import static io.netpulse.query.auth.TestTokens.AUDIENCE;
import static io.netpulse.query.auth.TestTokens.CLOCK_AT_T0;
import static io.netpulse.query.auth.TestTokens.ISSUER;
import static io.netpulse.query.auth.TestTokens.SITE_A;
import static io.netpulse.query.auth.TestTokens.claims;
import static io.netpulse.query.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import io.netpulse.query.auth.AuthenticationException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Authorization header is read, before and around token verification. */
class AuthenticatorTest {

    private static final ECKey KEY = TestTokens.ecKey("k1");

    @TempDir
    Path dir;
    private TokenVerifier verifier;
    private Authenticator authenticator;

    @BeforeEach
    void setUp() {
        Path jwks = TestTokens.writeJwks(dir.resolve("jwks.json"), KEY);
        verifier = new TokenVerifier(AuthSettings.of(jwks.toUri(), ISSUER, AUDIENCE), CLOCK_AT_T0);
        authenticator = new Authenticator(verifier);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    @Test
    void validBearerTokenGivesTheCaller() throws Exception {
        String token = sign(KEY, claims().claim("sites", List.of(SITE_A)).build());

        Caller caller = authenticator.authenticate(List.of("Bearer " + token));

        assertThat(caller).isEqualTo(new Caller("alice", Scope.of(Set.of(SITE_A)), Scope.NONE, Scope.NONE));
    }

    @Test
    void schemeIsCaseInsensitive() throws Exception {
        String token = sign(KEY, claims().build());

        assertThat(authenticator.authenticate(List.of("bearer " + token)).subject()).isEqualTo("alice");
        assertThat(authenticator.authenticate(List.of("BEARER  " + token + " ")).subject()).isEqualTo("alice");
    }

    @Test
    void missingHeaderIsMissing() {
        assertRefused(List.of(), Reason.MISSING, "no Authorization header");
    }

    @Test
    void otherSchemeIsMissingAndItsCredentialIsNotLogged() {
        assertRefused(List.of("Basic YWxpY2U6c2VjcmV0"), Reason.MISSING, "Authorization scheme is not Bearer: Basic");
    }

    @Test
    void bearerWithoutTokenIsMalformed() {
        assertRefused(List.of("Bearer"), Reason.MALFORMED, "Bearer without a token");
        assertRefused(List.of("Bearer   "), Reason.MALFORMED, "Bearer without a token");
    }

    @Test
    void tokenOutsideB64TokenSyntaxIsMalformed() {
        assertRefused(List.of("Bearer a.b c"), Reason.MALFORMED, "token holds characters outside RFC 6750 b64token");
        assertRefused(List.of("Bearer {\"alg\":\"none\"}"), Reason.MALFORMED,
                "token holds characters outside RFC 6750 b64token");
    }

    @Test
    void tokenAtTheLengthLimitIsParsedAndOneLongerIsNot() {
        String atLimit = "a".repeat(Authenticator.MAX_TOKEN_CHARS);
        assertRefused(List.of("Bearer " + atLimit), Reason.MALFORMED,
                "not a JWT: Invalid JWT serialization: Missing dot delimiter(s)");
        assertRefused(List.of("Bearer " + atLimit + "a"), Reason.MALFORMED, "token of 8193 characters, limit 8192");
    }

    @Test
    void severalAuthorizationHeadersAreMalformed() {
        String token = sign(KEY, claims().build());

        assertRefused(List.of("Bearer " + token, "Bearer " + token), Reason.MALFORMED, "2 Authorization headers");
    }

    @Test
    void invalidTokenIsInvalid() {
        String token = sign(TestTokens.ecKey("k1"), claims().build());

        assertRefused(List.of("Bearer " + token), Reason.INVALID, "Signed JWT rejected: Invalid signature");
    }

    private void assertRefused(List<String> header, Reason reason, String detail) {
        assertThatThrownBy(() -> authenticator.authenticate(header))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.detail()).isEqualTo(detail);
                    assertThat(e.getMessage()).isEqualTo(reason.publicText());
                });
    }
}
