package io.netpulse.app.auth;

import static io.netpulse.app.auth.LocalIssuerTest.CLOCK_AT_T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.auth.TokenVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public JWK set over HTTP, without a token, usable by any verifier. */
class JwksServiceTest {

    @TempDir
    Path stateDir;
    private LocalIssuer issuer;
    private WebServer server;

    @BeforeEach
    void start() {
        issuer = LocalIssuer.openOrCreate(stateDir, CLOCK_AT_T0);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register(new JwksService(issuer)))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void servesThePublicSetWithoutAToken() {
        WebClient client = WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();

        try (HttpClientResponse response = client.get("/.well-known/jwks.json").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().first(HeaderNames.CONTENT_TYPE))
                    .isEqualTo(Optional.of("application/jwk-set+json"));
            assertThat(response.headers().first(HeaderNames.CACHE_CONTROL))
                    .isEqualTo(Optional.of("public, max-age=300"));
            assertThat(response.as(String.class)).isEqualTo(issuer.jwks());
        }
    }

    @Test
    void aVerifierFetchingTheServedSetAcceptsTheIssuersTokens() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.port() + JwksService.PATH);
        String token = issuer.mint(List.of("*"), List.of("*"), List.of("*"), java.time.Duration.ofMinutes(5));

        try (TokenVerifier verifier = new TokenVerifier(
                AuthSettings.of(url, LocalIssuer.DEFAULT_ISSUER, AuthSettings.DEFAULT_AUDIENCE), CLOCK_AT_T0)) {
            // every data scope, and no registry scope: none was asked for
            assertThat(verifier.verify(token)).isEqualTo(new Caller("netpulse-token", Scope.ALL, Scope.ALL,
                    Scope.ALL));
        }
    }
}
