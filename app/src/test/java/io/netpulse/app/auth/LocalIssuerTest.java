package io.netpulse.app.auth;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.auth.TokenVerifier;
import io.netpulse.testkit.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded issuer's key lifecycle and the tokens it mints, verified by the same verifier the APIs use. */
class LocalIssuerTest {

    static final Clock CLOCK_AT_T0 = TestTime.fixedClock();
    static final String SITE_A = "0b6f2a52-7c2e-4d8e-9a4b-1f2e3d4c5b6a";
    static final String SITE_B = "9f9510bd-1234-5678-a7cf-f845a39e26db";

    @TempDir
    Path stateDir;

    @Test
    void firstStartGeneratesAnEs256KeyAndPublishesOnlyItsPublicHalf() throws Exception {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);

        JWK stored = JWK.parse(Files.readString(stateDir.resolve("auth/signing-key.jwk.json")));
        assertThat(stored).isInstanceOf(ECKey.class);
        assertThat(((ECKey) stored).getCurve()).isEqualTo(Curve.P_256);
        assertThat(stored.isPrivate()).isTrue();
        assertThat(stored.getKeyID()).isEqualTo(issuer.keyId()).isEqualTo(stored.computeThumbprint().toString());
        JWKSet published = JWKSet.parse(issuer.jwks());
        assertThat(published.getKeys()).hasSize(1);
        assertThat(published.getKeys().getFirst().isPrivate()).isFalse();
        assertThat(published.getKeys().getFirst().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(published.getKeys().getFirst().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(Files.readString(stateDir.resolve("auth/jwks.json"))).isEqualTo(issuer.jwks());
    }

    @Test
    void keyFileAndDirectoryAreOwnerOnly() throws Exception {
        assumeTrue(KeyFiles.posix(), "POSIX permissions");
        LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0).writeDemoToken();

        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir.resolve("auth/signing-key.jwk.json")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("auth"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("demo-token.jwt"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("auth/jwks.json"))))
                .isEqualTo("rw-r--r--");
        try (var files = Files.list(stateDir.resolve("auth"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("jwks.json", "signing-key.jwk.json");
        }
    }

    @Test
    void instancesStartingAtOnceOnASharedKeyFileAllGetTheSameKey(@TempDir Path shared) throws Exception {
        Path keyFile = shared.resolve("keys/signing-key.jwk.json");
        int instances = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> keyIds = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(instances)) {
            for (int i = 0; i < instances; i++) {
                Path instanceState = stateDir.resolve("instance-" + i);
                keyIds.add(executor.submit(() -> {
                    start.await();
                    return LocalIssuer.openOrCreate(instanceState, keyFile, LocalIssuer.DEFAULT_ISSUER,
                            AuthSettings.DEFAULT_AUDIENCE, CLOCK_AT_T0).keyId();
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> keyId : keyIds) {
                distinct.add(keyId.get());
            }

            assertThat(distinct).containsExactly(((ECKey) JWK.parse(Files.readString(keyFile))).getKeyID());
        }
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("no temporary file is left behind").containsExactly("signing-key.jwk.json");
        }
    }

    @Test
    void keyPersistsAcrossRestartsAndEarlierTokensStillVerify() throws Exception {
        LocalIssuer first = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);
        String token = first.mint(List.of(SITE_A), List.of("acct-7"), List.of("10.0.0.1"), Duration.ofHours(1));
        String keyFileBefore = Files.readString(stateDir.resolve("auth/signing-key.jwk.json"));

        LocalIssuer restarted = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);

        assertThat(restarted.keyId()).isEqualTo(first.keyId());
        assertThat(Files.readString(stateDir.resolve("auth/signing-key.jwk.json"))).isEqualTo(keyFileBefore);
        try (TokenVerifier verifier = verifierFor(restarted)) {
            assertThat(verifier.verify(token)).isEqualTo(new Caller("netpulse-token",
                    Scope.of(Set.of(SITE_A)), Scope.of(Set.of("acct-7")), Scope.of(Set.of("10.0.0.1"))));
        }
    }

    @Test
    void demoTokenHasEveryScopeForTwentyFourHours() throws Exception {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);

        Path file = issuer.writeDemoToken();

        assertThat(file).isEqualTo(stateDir.resolve("demo-token.jwt"));
        String token = Files.readString(file).strip();
        try (TokenVerifier verifier = verifierFor(issuer)) {
            assertThat(verifier.verify(token)).isEqualTo(Caller.unrestricted("demo"));
        }
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(claims.getStringListClaim("sites")).containsExactly("*");
        assertThat(claims.getStringListClaim("accounts")).containsExactly("*");
        assertThat(claims.getStringListClaim("sources")).containsExactly("*");
    }

    @Test
    void demoTokenIsRewrittenAtEachStart() throws Exception {
        LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0).writeDemoToken();
        Clock nextDay = TestTime.fixedAt(T0.plus(Duration.ofDays(1)));

        LocalIssuer.openOrCreate(stateDir, nextDay).writeDemoToken();

        JWTClaimsSet claims = SignedJWT.parse(Files.readString(stateDir.resolve("demo-token.jwt")).strip())
                .getJWTClaimsSet();
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-01-03T00:00:00Z")));
    }

    @Test
    void mintedTokenCarriesExactHeaderAndClaims() throws Exception {
        Clock midSecond = TestTime.fixedAt(T0.plusMillis(1500));
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, midSecond);

        SignedJWT jwt = SignedJWT.parse(issuer.mint(List.of(SITE_B.toUpperCase(), SITE_A, SITE_A), List.of(),
                List.of("2001:DB8::1", "*"), Duration.ofMinutes(15)));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("netpulse-embedded");
        assertThat(claims.getAudience()).containsExactly("netpulse");
        assertThat(claims.getSubject()).isEqualTo("netpulse-token");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-01-01T00:00:01Z")));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(Instant.parse("2026-01-01T00:00:01Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-01-01T00:15:01Z")));
        assertThat(claims.getJWTID()).hasSize(36);
        assertThat(claims.getStringListClaim("sites")).containsExactly(SITE_B, SITE_A);
        assertThat(claims.getStringListClaim("accounts")).isEmpty();
        assertThat(claims.getStringListClaim("sources")).containsExactly("*");
    }

    @Test
    void customIssuerAndAudienceAreUsedAndTrusted() throws Exception {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, "netpulse-lab", "lab-api", CLOCK_AT_T0);
        String token = issuer.mint(List.of("*"), List.of(), List.of(), Duration.ofHours(1));

        AuthSettings settings = issuer.verifierSettings(Duration.ofSeconds(30));

        assertThat(settings.issuer()).isEqualTo("netpulse-lab");
        assertThat(settings.audience()).isEqualTo("lab-api");
        assertThat(settings.jwks()).isEqualTo(stateDir.resolve("auth/jwks.json").toUri());
        try (TokenVerifier verifier = new TokenVerifier(settings, CLOCK_AT_T0)) {
            assertThat(verifier.verify(token).sites()).isEqualTo(Scope.ALL);
        }
    }

    @Test
    void lifetimeIsBounded() throws Exception {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);

        String longest = issuer.mint(List.of(), List.of(), List.of(), Duration.ofDays(30));
        assertThat(SignedJWT.parse(longest).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(Date.from(Instant.parse("2026-01-31T00:00:00Z")));
        assertThatThrownBy(() -> issuer.mint(List.of(), List.of(), List.of(), Duration.ofDays(30).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token lifetime must be more than zero and at most PT720H, was PT720H1S");
        assertThatThrownBy(() -> issuer.mint(List.of(), List.of(), List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token lifetime must be more than zero and at most PT720H, was PT0S");
    }

    @Test
    void invalidIdsAreRefusedBeforeSigning() {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);

        assertThatThrownBy(() -> issuer.mint(List.of("site-a"), List.of(), List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid id for sites: \"site-a\"");
        assertThatThrownBy(() -> issuer.mint(List.of(), List.of(), List.of("router1.example"), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid id for sources: \"router1.example\"");
        assertThatThrownBy(() -> issuer.mint(List.of(), List.of(" "), List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid id for accounts: \" \"");
    }

    @Test
    void unusableKeyFileIsAnErrorAndIsLeftAsItWas() throws Exception {
        Path keyFile = stateDir.resolve("auth/signing-key.jwk.json");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");

        assertThatThrownBy(() -> LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("signing key " + keyFile + " is unusable: not an EC P-256 private key; move it away to "
                        + "generate a new key (tokens signed with it will stop working)");
        assertThat(Files.readString(keyFile)).isEqualTo("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
    }

    @Test
    void publicKeyAloneIsNotASigningKey() throws Exception {
        LocalIssuer issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);
        Path keyFile = stateDir.resolve("auth/signing-key.jwk.json");
        Files.writeString(keyFile, JWKSet.parse(issuer.jwks()).getKeys().getFirst().toJSONString());

        assertThatThrownBy(() -> LocalIssuer.openExisting(stateDir, "netpulse-embedded", "netpulse", CLOCK_AT_T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is unusable: not an EC P-256 private key");
    }

    @Test
    void openExistingNeverCreatesAKey() {
        assertThatThrownBy(() -> LocalIssuer.openExisting(stateDir, "netpulse-embedded", "netpulse", CLOCK_AT_T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no signing key at " + stateDir.resolve("auth/signing-key.jwk.json")
                        + ": start netpulse once with this state directory, or pass the right one");
        assertThat(stateDir.resolve("auth")).doesNotExist();
    }

    @Test
    void anotherStateDirectorysKeyIsNotTrusted(@TempDir Path otherStateDir) throws Exception {
        LocalIssuer ours = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);
        LocalIssuer theirs = LocalIssuer.openOrCreate(otherStateDir, CLOCK_AT_T0);
        String foreign = theirs.mint(List.of("*"), List.of("*"), List.of("*"), Duration.ofHours(1));

        try (TokenVerifier verifier = verifierFor(ours)) {
            assertThatThrownBy(() -> verifier.verify(foreign))
                    .isInstanceOf(io.netpulse.query.auth.AuthenticationException.class)
                    .hasMessage("The bearer token is invalid or expired.");
        }
    }

    private static TokenVerifier verifierFor(LocalIssuer issuer) {
        return new TokenVerifier(issuer.verifierSettings(AuthSettings.DEFAULT_CLOCK_SKEW), CLOCK_AT_T0);
    }
}
