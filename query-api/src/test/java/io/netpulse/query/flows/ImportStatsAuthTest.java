package io.netpulse.query.flows;

import static io.netpulse.query.flows.StatsRequests.ISSUER;
import static io.netpulse.testkit.TestTime.T0;
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
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every credential netpulse refuses, on GET and POST of import_stats, its internal mirror and a method it does
 * not serve: 401 with the seed's AUTH_REQUIRED or AUTH_INVALID_CREDENTIALS body and the RFC 6750 challenge, and
 * no store read (the stores here fail the test).
 */
@ServerTest
class ImportStatsAuthTest {

    private static final String PATH = ImportStatsService.PATH;
    private static final String BODY = """
            {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10, "source_ip": ""}""";

    private final Http1Client client;
    private final Http1Client peer;

    ImportStatsAuthTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
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
        return QueryDepsBuilder.over(none).at(T0.plus(Duration.ofMinutes(10))).issuer(ISSUER).build();
    }

    static Stream<Arguments> refusals() {
        String required = "{\"error_id\":\"AUTH_REQUIRED\",\"error_text\":\"Authentication required.\"}";
        String invalid = "{\"error_id\":\"AUTH_INVALID_CREDENTIALS\",\"error_text\":\"Make sure the user name is"
                + " correct and type your password again. Be sure to use the correct case for the user name and"
                + " password.\"}";
        return Refused.withBodies(required, invalid, invalid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRouteRefusesTheCredentialWithTheSeedsBody(Refused kind, String body) {
        String authorization = ISSUER.authorization(kind).orElse(null);

        HttpAnswer get = StatsRequests.send(client, Method.GET, PATH, BODY, authorization);
        HttpAnswer post = StatsRequests.send(client, Method.POST, PATH, BODY, authorization);
        HttpAnswer forwarded = StatsRequests.send(peer, Method.POST, RemoteQueryClient.INTERNAL_PREFIX + PATH, BODY,
                authorization);
        HttpAnswer put = StatsRequests.send(client, Method.PUT, PATH, BODY, authorization);

        for (HttpAnswer answer : new HttpAnswer[] {get, post, forwarded, put}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(kind.challenge());
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.body()).isEqualTo(body);
        }
    }
}
