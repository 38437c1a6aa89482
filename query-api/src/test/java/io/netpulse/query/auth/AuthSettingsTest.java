package io.netpulse.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where a JWK set may come from, and the limits on skew and refresh. */
class AuthSettingsTest {

    private static final URI HTTPS = URI.create("https://idp.example.com/realms/netpulse/protocol/openid-connect/certs");

    @Test
    void defaults() {
        AuthSettings settings = AuthSettings.of(HTTPS, "https://idp.example.com/realms/netpulse", "netpulse");

        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.jwksIsFile()).isFalse();
    }

    @Test
    void jwksLocationAcceptsHttpsFileUrisAndPaths() {
        assertThat(AuthSettings.jwksLocation(HTTPS.toString())).isEqualTo(HTTPS);
        assertThat(AuthSettings.jwksLocation("file:/etc/netpulse/jwks.json"))
                .isEqualTo(URI.create("file:/etc/netpulse/jwks.json"));
        assertThat(AuthSettings.jwksLocation("/etc/netpulse/jwks.json"))
                .isEqualTo(Path.of("/etc/netpulse/jwks.json").toUri());
        assertThat(AuthSettings.jwksLocation("state/jwks.json"))
                .isEqualTo(Path.of("state/jwks.json").toAbsolutePath().toUri());
    }

    @Test
    void plainHttpOnlyForLoopback() {
        assertThat(AuthSettings.jwksLocation("http://127.0.0.1:8080/.well-known/jwks.json").getHost())
                .isEqualTo("127.0.0.1");
        assertThat(AuthSettings.jwksLocation("http://localhost:8080/.well-known/jwks.json").getHost())
                .isEqualTo("localhost");
        assertThat(AuthSettings.jwksLocation("http://[::1]:8080/.well-known/jwks.json").getHost())
                .isEqualTo("[::1]");
        assertThatThrownBy(() -> AuthSettings.jwksLocation("http://idp.example.com/certs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.jwks over plain http is only accepted for a loopback host (a key set fetched in "
                        + "clear over a network can be replaced); use https: http://idp.example.com/certs");
        assertThatThrownBy(() -> AuthSettings.jwksLocation("http://10.0.0.5/certs"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherSchemesAndBlanksAreRefused() {
        assertThatThrownBy(() -> AuthSettings.jwksLocation("ftp://idp.example.com/jwks.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.jwks must be a file or an https URL, was ftp://idp.example.com/jwks.json");
        assertThatThrownBy(() -> AuthSettings.jwksLocation(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.jwks must name a JWK set file or URL");
    }

    @Test
    void issuerAndAudienceMustNotBeBlank() {
        assertThatThrownBy(() -> AuthSettings.of(HTTPS, " ", "netpulse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("auth.issuer must not be blank");
        assertThatThrownBy(() -> AuthSettings.of(HTTPS, "iss", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("auth.audience must not be blank");
    }

    @Test
    void clockSkewIsBoundedAndWhole() {
        AuthSettings base = AuthSettings.of(HTTPS, "iss", "netpulse");

        assertThat(base.withClockSkew(Duration.ofMinutes(5)).clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(base.withClockSkew(Duration.ZERO).clockSkew()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> base.withClockSkew(Duration.ofSeconds(301)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.clock-skew must be between PT0S and PT5M, was PT5M1S");
        assertThatThrownBy(() -> base.withClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withClockSkew(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.clock-skew is counted in whole seconds, was PT1.5S");
    }

    @Test
    void refreshIntervalMustBeShorterThanTheCacheTime() {
        AuthSettings base = AuthSettings.of(HTTPS, "iss", "netpulse");

        assertThatThrownBy(() -> base.withJwksRefresh(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.jwks-cache-ttl (PT30S) must be longer than auth.jwks-refresh-min-interval (PT30S)");
        assertThatThrownBy(() -> base.withJwksRefresh(Duration.ofMinutes(5), Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.jwks-refresh-min-interval must be at least PT1S, was PT0.999S");
    }
}
