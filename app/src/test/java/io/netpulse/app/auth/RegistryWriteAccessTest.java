package io.netpulse.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.TokenVerifier;
import io.netpulse.registry.server.WriteAccess.Operation;
import io.netpulse.registry.server.WriteAccess.Refusal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may write to the embedded registry: this host, or a valid token with the registry scope. */
class RegistryWriteAccessTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Optional<String> FLOWS = Optional.of("netpulse.flows-value");

    @TempDir
    Path stateDir;

    private LocalIssuer issuer;
    private TokenVerifier verifier;
    private RegistryWriteAccess access;

    @BeforeEach
    void start() {
        issuer = LocalIssuer.openOrCreate(stateDir, CLOCK);
        verifier = new TokenVerifier(issuer.verifierSettings(AuthSettings.DEFAULT_CLOCK_SKEW), CLOCK);
        access = new RegistryWriteAccess(new Authenticator(verifier));
    }

    @AfterEach
    void stop() {
        verifier.close();
    }

    @Test
    void aLoopbackPeerMayWriteWithoutAToken() throws Exception {
        assertThat(access.decide(InetAddress.getByName("127.0.0.1"), List.of(), Operation.WRITE, FLOWS)).isEmpty();
        assertThat(access.decide(InetAddress.getByName("::1"), List.of(), Operation.DELETE, FLOWS)).isEmpty();
    }

    @Test
    void anotherPeerNeedsAValidTokenWithTheRegistryScope() throws Exception {
        InetAddress remote = InetAddress.getByName("192.0.2.7");
        String demo = Files.readString(issuer.writeDemoToken()).strip();
        String allSitesOnly = issuer.mint(List.of("*"), List.of("*"), List.of("*"), Duration.ofHours(1));

        assertThat(access.decide(remote, List.of("Bearer " + demo), Operation.WRITE, FLOWS)).isEmpty();
        assertThat(access.decide(remote, List.of("Bearer " + allSitesOnly), Operation.WRITE, FLOWS))
                .contains(new Refusal(403, 40301, "User is denied operation Write on Subject: netpulse.flows-value",
                        Optional.empty()));
        assertThat(access.decide(remote, List.of("Bearer " + allSitesOnly), Operation.ALTER_CONFIGS,
                Optional.empty())).contains(new Refusal(403, 40301, "User is denied operation AlterConfigs on Global",
                Optional.empty()));
        assertThat(access.decide(remote, List.of(), Operation.WRITE, FLOWS))
                .contains(new Refusal(401, 401, "Unauthorized", Optional.of("Bearer realm=\"netpulse\"")));
        assertThat(access.decide(remote, List.of("Bearer not.a.jwt"), Operation.DELETE, FLOWS))
                .contains(new Refusal(401, 401, "Unauthorized",
                        Optional.of("Bearer realm=\"netpulse\", error=\"invalid_token\"")));
    }
}
