package io.netpulse.app;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.testkit.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two ways an instance trusts tokens, built from configuration as {@link Netpulse} builds them. */
class ApiAuthenticationTest {

    private static final Clock CLOCK = TestTime.fixedClock();
    private static final String SITE = "0b6f2a52-7c2e-4d8e-9a4b-1f2e3d4c5b6a";

    @TempDir
    Path dir;

    private static AuthConfig auth(Map<String, String> environment) {
        return AppConfig.load(Optional.empty(), environment, new Properties()).auth();
    }

    private static Caller authenticate(ApiAuthentication authentication, String token)
            throws AuthenticationException {
        return authentication.authenticator().authenticate(List.of("Bearer " + token));
    }

    @Test
    void embeddedIssuerWritesAnAllScopesDemoTokenAndTrustsOnlyItsOwnKey() throws Exception {
        Path stateDir = dir.resolve("state");
        LocalIssuer stranger = LocalIssuer.openOrCreate(dir.resolve("other-state"), CLOCK);

        try (ApiAuthentication authentication = ApiAuthentication.start(auth(Map.of()), stateDir, CLOCK)) {
            assertThat(authentication.demoToken()).contains(stateDir.resolve("demo-token.jwt"));
            String demo = Files.readString(stateDir.resolve("demo-token.jwt")).strip();
            assertThat(authenticate(authentication, demo)).isEqualTo(Caller.unrestricted("demo"));
            assertThat(authentication.localIssuer()).hasValueSatisfying(local ->
                    assertThat(local.jwksFile()).isEqualTo(stateDir.resolve("auth/jwks.json")));
            String foreign = stranger.mint(List.of("*"), List.of("*"), List.of("*"), Duration.ofHours(1));
            assertThatThrownBy(() -> authenticate(authentication, foreign))
                    .isInstanceOfSatisfying(AuthenticationException.class, e ->
                            assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.INVALID));
        }
        assertThat(stateDir.resolve("auth/signing-key.jwk.json")).exists();
    }

    @Test
    void instancesSharingASigningKeyAcceptEachOthersTokens() throws Exception {
        Path sharedKey = dir.resolve("shared/signing-key.jwk.json");
        AuthConfig auth = auth(Map.of("NETPULSE_AUTH_SIGNING_KEY", sharedKey.toString()));
        Path stateA = dir.resolve("a");
        Path stateB = dir.resolve("b");

        try (ApiAuthentication a = ApiAuthentication.start(auth, stateA, CLOCK);
             ApiAuthentication b = ApiAuthentication.start(auth, stateB, CLOCK)) {
            String fromA = a.localIssuer().orElseThrow().mint(List.of(SITE), List.of(), List.of(),
                    Duration.ofHours(1));
            String demoOfB = Files.readString(stateB.resolve("demo-token.jwt")).strip();

            assertThat(authenticate(b, fromA)).isEqualTo(new Caller("netpulse-token", Scope.of(Set.of(SITE)),
                    Scope.NONE, Scope.NONE));
            assertThat(authenticate(a, demoOfB)).isEqualTo(Caller.unrestricted("demo"));
            assertThat(a.localIssuer().orElseThrow().keyId()).isEqualTo(b.localIssuer().orElseThrow().keyId());
        }
        assertThat(sharedKey).exists();
        assertThat(stateA.resolve("auth/signing-key.jwk.json")).doesNotExist();
        assertThat(stateB.resolve("auth/signing-key.jwk.json")).doesNotExist();
    }

    @Test
    void externalIssuerIsTrustedThroughItsJwkSetAndNetpulseSignsNothing() throws Exception {
        RSAKey idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        Path jwks = Files.writeString(dir.resolve("idp-jwks.json"), new JWKSet(idpKey).toPublicJWKSet().toString());
        Path stateDir = dir.resolve("state");
        AuthConfig auth = auth(Map.of("NETPULSE_AUTH_JWKS", jwks.toString(),
                "NETPULSE_AUTH_ISSUER", "https://idp.example.net/realms/netops"));
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-1")
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder()
                .issuer("https://idp.example.net/realms/netops")
                .audience("netpulse")
                .subject("noc-operator")
                .expirationTime(Date.from(T0.plusSeconds(300)))
                .claim("sites", List.of(SITE))
                .claim("sources", "*")
                .build());
        token.sign(new RSASSASigner(idpKey));
        LocalIssuer embeddedElsewhere = LocalIssuer.openOrCreate(dir.resolve("other-state"), CLOCK);

        try (ApiAuthentication authentication = ApiAuthentication.start(auth, stateDir, CLOCK)) {
            assertThat(authenticate(authentication, token.serialize())).isEqualTo(new Caller("noc-operator",
                    Scope.of(Set.of(SITE)), Scope.NONE, Scope.ALL));
            assertThat(authentication.localIssuer()).isEmpty();
            assertThat(authentication.demoToken()).isEmpty();
            String embeddedToken = embeddedElsewhere.mint(List.of("*"), List.of("*"), List.of("*"),
                    Duration.ofHours(1));
            assertThatThrownBy(() -> authenticate(authentication, embeddedToken))
                    .isInstanceOf(AuthenticationException.class);
        }
        assertThat(stateDir).doesNotExist();
    }
}
