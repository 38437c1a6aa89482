package io.netpulse.app.auth;

import static io.netpulse.app.auth.LocalIssuerTest.CLOCK_AT_T0;
import static io.netpulse.app.auth.LocalIssuerTest.SITE_A;
import static io.netpulse.app.auth.LocalIssuerTest.SITE_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.auth.TokenVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./netpulse token}: arguments in, one verifiable token out, clear errors otherwise. */
class TokenCommandTest {

    @TempDir
    Path stateDir;
    private LocalIssuer issuer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startedOnce() {
        issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);
    }

    @Test
    void printsATokenWithExactlyTheRequestedScopes() throws Exception {
        int code = run("--sites", SITE_A + "," + SITE_B, "--accounts", "acct-7", "--sources", "10.0.0.1",
                "--ttl", "PT1H", "--state-dir", stateDir.toString());

        assertThat(code).isZero();
        assertThat(stderr()).isEmpty();
        String token = stdout().strip();
        assertThat(stdout()).isEqualTo(token + System.lineSeparator());
        assertThat(verify(token)).isEqualTo(new Caller("netpulse-token",
                Scope.of(Set.of(SITE_A, SITE_B)), Scope.of(Set.of("acct-7")), Scope.of(Set.of("10.0.0.1"))));
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(Date.from(Instant.parse("2026-01-01T01:00:00Z")));
    }

    @Test
    void omittedScopesGrantNothingAndTheDefaultLifetimeIsOneHour() throws Exception {
        int code = run("--state-dir=" + stateDir, "--sites=*");

        assertThat(code).isZero();
        String token = stdout().strip();
        assertThat(verify(token)).isEqualTo(new Caller("netpulse-token", Scope.ALL, Scope.NONE, Scope.NONE));
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime())
                .isEqualTo(Date.from(Instant.parse("2026-01-01T01:00:00Z")));
    }

    @Test
    void stateDirectoryAndSharedKeyComeFromNetpulsesConfiguration(@TempDir Path other) throws Exception {
        Path sharedKey = other.resolve("shared/signing-key.jwk.json");
        LocalIssuer shared = LocalIssuer.openOrCreate(other.resolve("instance-1"), sharedKey,
                LocalIssuer.DEFAULT_ISSUER, AuthSettings.DEFAULT_AUDIENCE, CLOCK_AT_T0);

        int fromStateDir = run(Map.of("NETPULSE_STATE_DIR", stateDir.toString()), "--sites", "*");
        String ownKeyToken = stdout().strip();
        out.reset();
        int fromSharedKey = run(Map.of("NETPULSE_STATE_DIR", stateDir.toString(),
                "NETPULSE_AUTH_SIGNING_KEY", sharedKey.toString()), "--sources", "10.0.0.1");

        assertThat(fromStateDir).isZero();
        assertThat(fromSharedKey).isZero();
        assertThat(verify(ownKeyToken)).isEqualTo(new Caller("netpulse-token", Scope.ALL, Scope.NONE, Scope.NONE));
        assertThat(SignedJWT.parse(stdout().strip()).getHeader().getKeyID()).isEqualTo(shared.keyId());
        assertThat(stderr()).isEmpty();
    }

    @Test
    void configurationFileSetsTheAudience(@TempDir Path configDir) throws Exception {
        Path file = Files.writeString(configDir.resolve("netpulse.properties"),
                "state.dir=" + stateDir + "\nauth.audience=netpulse-api\n");

        int code = run(Map.of(), "--config", file.toString(), "--accounts", "acct-7");

        assertThat(code).isZero();
        assertThat(SignedJWT.parse(stdout().strip()).getJWTClaimsSet().getAudience()).containsExactly("netpulse-api");
    }

    @Test
    void anExternalIssuerMeansNoTokenIsMinted() {
        int code = run(Map.of("NETPULSE_STATE_DIR", stateDir.toString(), "NETPULSE_AUTH_JWKS",
                "https://idp.example.net/certs", "NETPULSE_AUTH_ISSUER", "https://idp.example.net"), "--sites", "*");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("netpulse token: auth.jwks is set, so netpulse trusts the tokens of"
                + " https://idp.example.net and mints none; ask that issuer for a token" + System.lineSeparator());
    }

    @Test
    void badConfigurationIsAUsageError() {
        int code = run(Map.of("NETPULSE_AUTH_CLOCK_SKEW", "soon"), "--sites", "*");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).startsWith("netpulse token: auth.clock-skew: invalid value 'soon' (from environment"
                + " variable NETPULSE_AUTH_CLOCK_SKEW): not an ISO-8601 duration such as PT30S, PT15M or P7D"
                + System.lineSeparator() + "Usage: netpulse token ");
    }

    @Test
    void wrongStateDirectoryFailsWithoutCreatingAKey(@TempDir Path empty) {
        int code = run("--sites", "*", "--state-dir", empty.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("netpulse token: no signing key at " + empty.resolve("auth/signing-key.jwk.json")
                + ": start netpulse once with this state directory, or pass the right one" + System.lineSeparator());
        assertThat(empty.resolve("auth")).doesNotExist();
    }

    @Test
    void badLifetimeIsAUsageError() {
        int code = run("--ttl", "1h", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("netpulse token: Text cannot be parsed to a Duration" + System.lineSeparator()
                + "Usage: netpulse token ");
    }

    @Test
    void lifetimeOverTheLimitIsAUsageError() {
        int code = run("--ttl", "P31D", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("netpulse token: token lifetime must be more than zero and at most PT720H, "
                + "was PT744H" + System.lineSeparator());
    }

    @Test
    void invalidSiteIsAUsageError() {
        int code = run("--sites", SITE_A + ",site-b", "--state-dir", stateDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("netpulse token: not a valid id for sites: \"site-b\"" + System.lineSeparator());
    }

    @Test
    void unknownRepeatedOrIncompleteOptionsAreUsageErrors() {
        assertThat(run("--site", SITE_A)).isEqualTo(2);
        assertThat(run("--sites", "*", "--sites", SITE_A)).isEqualTo(2);
        assertThat(run("--sites")).isEqualTo(2);
        assertThat(run("sites")).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("netpulse token: unknown option --site", "netpulse token: --sites given twice",
                "netpulse token: --sites needs a value", "netpulse token: unexpected argument \"sites\"");
    }

    @Test
    void helpGoesToStandardOutput() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("Usage: netpulse token [--sites UUID,...|*]");
        assertThat(stderr()).isEmpty();
    }

    private int run(String... args) {
        return TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK_AT_T0);
    }

    private int run(Map<String, String> environment, String... args) {
        return TokenCommand.run(args, environment, new Properties(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK_AT_T0);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Caller verify(String token) throws Exception {
        try (TokenVerifier verifier = new TokenVerifier(
                issuer.verifierSettings(AuthSettings.DEFAULT_CLOCK_SKEW), CLOCK_AT_T0)) {
            return verifier.verify(token);
        }
    }
}
