package io.netpulse.query.ip;

import static io.netpulse.query.ip.IpTrafficData.UNAUTHORIZED;
import static io.netpulse.query.ip.TrafficRequests.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer.Refused;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import java.util.Map;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every credential netpulse refuses, on the traffic statistics API and its internal mirror, with an account and
 * parameters that would each be an error of their own: 401 in the seed's shape with the RFC 6750 challenge comes
 * first, and no store is read (the stores here fail the test).
 */
@ServerTest
class IpTrafficAuthTest {

    private static final String UNKNOWN = "/accounts/acct-9/dedicatedServers/srv-7/ipAddresses/192.0.2.10"
            + "/statistics/traffic";

    private final Http1Client client;

    private final Http1Client peer;

    IpTrafficAuthTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
        this.client = client;
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
        return QueryDepsBuilder.over(none).at(ISSUER.now()).issuer(ISSUER).build();
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void everyRouteRefusesTheCredentialInTheSeedsShape(Refused kind) {
        String authorization = ISSUER.authorization(kind).orElse(null);

        HttpAnswer direct = TrafficRequests.send(client, Method.GET, UNKNOWN, "scope=inbound",
                Map.of("Accept", "text/html"), authorization);
        HttpAnswer forwarded = TrafficRequests.send(peer, Method.GET, RemoteQueryClient.INTERNAL_PREFIX + UNKNOWN,
                "scope=inbound", Map.of(), authorization);

        for (HttpAnswer answer : new HttpAnswer[] {direct, forwarded}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(kind.challenge());
            assertThat(answer.body()).isEqualTo(UNAUTHORIZED);
        }
    }
}
