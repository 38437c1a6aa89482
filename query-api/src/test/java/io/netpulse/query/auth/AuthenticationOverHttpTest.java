package io.netpulse.query.auth;

import static io.netpulse.query.auth.TestTokens.AUDIENCE;
import static io.netpulse.query.auth.TestTokens.CLOCK_AT_T0;
import static io.netpulse.query.auth.TestTokens.ISSUER;
import static io.netpulse.query.auth.TestTokens.claims;
import static io.netpulse.query.auth.TestTokens.sign;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server with one route shaped like an API handler: authenticate first, answer 401 with the challenge
 * header and a body of the route's own shape, never the refusal detail.
 */
class AuthenticationOverHttpTest {

    private static final ECKey KEY = TestTokens.ecKey("k1");

    @TempDir
    static Path dir;
    private static TokenVerifier verifier;
    private static WebServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        Path jwks = TestTokens.writeJwks(dir.resolve("jwks.json"), KEY);
        verifier = new TokenVerifier(AuthSettings.of(jwks.toUri(), ISSUER, AUDIENCE), CLOCK_AT_T0);
        Authenticator authenticator = new Authenticator(verifier);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/probe", (req, res) -> probe(authenticator, req, res)))
                .build()
                .start();
        client = WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        verifier.close();
    }

    private static void probe(Authenticator authenticator, ServerRequest req, ServerResponse res) {
        Caller caller;
        try {
            caller = authenticator.authenticate(req);
        } catch (AuthenticationException e) {
            BearerChallenge.addTo(res, e);
            res.status(Status.UNAUTHORIZED_401).send("{\"code\":\"" + e.reason() + "\",\"message\":\""
                    + e.getMessage() + "\"}");
            return;
        }
        res.send("hello " + caller.subject());
    }

    @Test
    void noHeaderIsChallengedWithoutErrorCode() {
        try (HttpClientResponse response = client.get("/probe").request()) {
            assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE))
                    .isEqualTo(Optional.of("Bearer realm=\"netpulse\""));
            assertThat(response.as(String.class))
                    .isEqualTo("{\"code\":\"MISSING\",\"message\":\"Authentication required.\"}");
        }
    }

    @Test
    void basicSchemeIsChallengedWithoutErrorCode() {
        try (HttpClientResponse response = client.get("/probe")
                .header(HeaderNames.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0").request()) {
            assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE))
                    .isEqualTo(Optional.of("Bearer realm=\"netpulse\""));
        }
    }

    @Test
    void expiredTokenIsChallengedAsInvalidAndTheReasonStaysOnTheServer() {
        String expired = sign(KEY, claims().expirationTime(Date.from(T0.minusSeconds(3600))).build());

        try (HttpClientResponse response = client.get("/probe")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + expired).request()) {
            assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE))
                    .isEqualTo(Optional.of("Bearer realm=\"netpulse\", error=\"invalid_token\""));
            assertThat(response.as(String.class))
                    .isEqualTo("{\"code\":\"INVALID\",\"message\":\"The bearer token is invalid or expired.\"}");
        }
    }

    @Test
    void malformedTokenIsChallengedAsInvalid() {
        try (HttpClientResponse response = client.get("/probe")
                .header(HeaderNames.AUTHORIZATION, "Bearer not-a-jwt").request()) {
            assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE))
                    .isEqualTo(Optional.of("Bearer realm=\"netpulse\", error=\"invalid_token\""));
            assertThat(response.as(String.class))
                    .isEqualTo("{\"code\":\"MALFORMED\",\"message\":\"The bearer token is malformed.\"}");
        }
    }

    @Test
    void validTokenReachesTheHandler() {
        String token = sign(KEY, claims().build());

        try (HttpClientResponse response = client.get("/probe")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().contains(HeaderNames.WWW_AUTHENTICATE)).isFalse();
            assertThat(response.as(String.class)).isEqualTo("hello alice");
        }
    }
}
