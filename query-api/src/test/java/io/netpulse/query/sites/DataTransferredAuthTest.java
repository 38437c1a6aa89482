package io.netpulse.query.sites;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.error.AuthenticationErrorBodies;
import static io.netpulse.query.sites.SitesFixture.ISSUER;
import static io.netpulse.query.sites.SitesFixture.sendAs;
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
 * Every credential netpulse refuses, on the data-transferred API and its internal mirror: 401 with the
 * ErrorResponse of the refusal and its RFC 6750 challenge, and no store read (the stores here fail the test).
 */
@ServerTest
class DataTransferredAuthTest {

    private static final String QUERY = DataTransferredService.PATH + "?start_time=2026-01-01T00:10:00"
            + "&end_time=2026-01-01T00:20:00&bucket_interval_minutes=10&site_ids%5B%5D="
            + SitesFixture.SITE_A;

    private final URI server;
    private final URI peer;

    DataTransferredAuthTest(URI server, @Socket(QueryRoutes.PEER_SOCKET) URI peer) {
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
        return SitesFixture.deps(none, KeyLocator.local(new HostInfo("localhost", 0)));
    }

    static Stream<Arguments> refusals() {
        return AuthenticationErrorBodies.refusals();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRouteRefusesTheCredentialWithItsOwnBody(Refused kind, String body) {
        String authorization = ISSUER.authorization(kind).orElse(null);

        HttpAnswer direct = sendAs(authorization, server, "GET", QUERY);
        HttpAnswer forwarded = sendAs(authorization, peer, "GET", "/internal/v1" + QUERY + "&resolution=minute");

        for (HttpAnswer answer : new HttpAnswer[] {direct, forwarded}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(kind.challenge());
            assertThat(answer.body()).isEqualTo(body);
        }
    }
}
