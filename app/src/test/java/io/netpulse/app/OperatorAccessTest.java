package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.testkit.TestTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /observe/metrics behind {@link OperatorAccess}: two servers with the same routes, one that takes every peer for
 * this host and one that takes every peer for a remote one, so both sides of the rule run over real sockets.
 */
class OperatorAccessTest {

    private static final Clock CLOCK = TestTime.fixedClock();
    private static final String METRICS = "netpulse_records_total 1\n";
    private static final String REGISTER = "/registry/subjects/netpulse.flows-value/versions";

    @TempDir
    Path dir;

    private ApiAuthentication auth;
    private WebServer fromThisHost;
    private WebServer fromElsewhere;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        auth = ApiAuthentication.start(AppConfig.load(Optional.empty(), Map.of(), new Properties()).auth(),
                dir.resolve("state"), CLOCK);
        fromThisHost = server(new OperatorAccess(auth.authenticator(), address -> true));
        fromElsewhere = server(new OperatorAccess(auth.authenticator(), address -> false));
    }

    private static WebServer server(OperatorAccess access) {
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.addFilter(access.metrics())
                        .get(OperatorAccess.METRICS, (request, response) -> response.send(METRICS))
                        .post(REGISTER, (request, response) -> response.status(
                                access.permitsRegistryWrite(request) ? 200 : 401).send())
                        .get("/observe/health", (request, response) -> response.send("UP")))
                .build().start();
    }

    @AfterEach
    void stop() {
        fromThisHost.stop();
        fromElsewhere.stop();
        auth.close();
        http.close();
    }

    private HttpResponse<String> get(WebServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreOpenToThisHostAndNeedATokenFromElsewhere() throws Exception {
        String demo = "Bearer " + Files.readString(auth.demoToken().orElseThrow()).strip();

        HttpResponse<String> local = get(fromThisHost, OperatorAccess.METRICS, null);
        HttpResponse<String> remote = get(fromElsewhere, OperatorAccess.METRICS, null);
        HttpResponse<String> remoteForged = get(fromElsewhere, OperatorAccess.METRICS, "Bearer not-a-jwt");
        HttpResponse<String> remoteWithToken = get(fromElsewhere, OperatorAccess.METRICS, demo);

        assertThat(local.body()).isEqualTo(METRICS);
        assertThat(remote.statusCode()).isEqualTo(401);
        assertThat(remote.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"netpulse\"");
        assertThat(remote.body()).isEqualTo("Metrics need a bearer token, or a connection from this host.\n");
        assertThat(remoteForged.statusCode()).isEqualTo(401);
        assertThat(remoteWithToken.statusCode()).isEqualTo(200);
        assertThat(remoteWithToken.body()).isEqualTo(METRICS);
    }

    @Test
    void registryWritesAreOpenToThisHostAndNeedTheRegistryScopeFromElsewhere() throws Exception {
        AuthConfig config = AppConfig.load(Optional.empty(), Map.of(), new Properties()).auth();
        LocalIssuer issuer = LocalIssuer.openExisting(dir.resolve("state"), config.issuer(), config.audience(),
                CLOCK);
        String everySite = "Bearer " + issuer.mint(List.of("*"), List.of("*"), List.of("*"), Duration.ofHours(1));
        String registry = "Bearer " + issuer.mint(List.of(), List.of(), List.of(), List.of("write"),
                Duration.ofHours(1));

        assertThat(post(fromThisHost, null).statusCode()).isEqualTo(200);
        assertThat(post(fromElsewhere, null).statusCode()).isEqualTo(401);
        assertThat(post(fromElsewhere, everySite).statusCode()).isEqualTo(401);
        assertThat(post(fromElsewhere, registry).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(WebServer server, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + REGISTER)).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthStaysOpen() throws Exception {
        HttpResponse<String> health = get(fromElsewhere, "/observe/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("UP");
    }
}
