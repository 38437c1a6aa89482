package io.netpulse.query.interfaces;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.error.AuthenticationErrorBodies;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.ISSUER;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer.Refused;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every credential netpulse refuses, on every route of the interface API (public and internal mirror): 401 with
 * the ErrorResponse of the refusal and its RFC 6750 challenge, and no store read (the stores here fail the test).
 */
@ServerTest
class InterfaceMetricsAuthTest {

    private static final String METRICS = "/metrics/interfaces/9f9510bd-1234-5678-a7cf-f845a39e26db/metrics";
    private static final String BODY = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}";

    private final URI server;

    private final URI peer;

    InterfaceMetricsAuthTest(URI server, @Socket(QueryRoutes.PEER_SOCKET) URI peer) {
        this.server = server;
        this.peer = peer;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, deps());
    }

    @SetUpRoute(QueryRoutes.PEER_SOCKET)
    static void peer(HttpRouting.Builder routing) {
        QueryRoutes.registerPeer(routing, deps());
    }

    private static QueryDeps deps() {
        LocalStores none = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new AssertionError("an unauthenticated request must not read " + name);
            }
        };
        return InterfaceMetricsFixture.deps(none, KeyLocator.local(new HostInfo("localhost", 0)));
    }

    static Stream<Arguments> refusals() {
        return AuthenticationErrorBodies.refusals();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRouteRefusesTheCredentialWithItsOwnBody(Refused kind, String body) {
        String authorization = ISSUER.authorization(kind).orElse(null);

        HttpAnswer metrics = send(server, "POST", METRICS, BODY, authorization);
        HttpAnswer list = send(server, "GET", "/interfaces", null, authorization);
        HttpAnswer forwarded = send(peer, "POST", "/internal/v1" + METRICS, BODY, authorization);

        for (HttpAnswer answer : new HttpAnswer[] {metrics, list, forwarded}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(kind.challenge());
            assertThat(answer.body()).isEqualTo(body);
        }
    }
}
