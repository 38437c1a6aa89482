package io.netpulse.query.flows;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.flows.StatsRequests.ISSUER;
import static io.netpulse.query.flows.ImportStatsServiceTest.row;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two tenants over the data of {@link ImportStatsServiceTest}: {@code tenantA} may see 10.0.0.1,
 * {@code tenantB} 10.0.0.2 and 2001:db8::1 (its token spells it 2001:DB8:0::1). "Every source" means every
 * source of the token; a named source outside it answers no rows, like a source that sent nothing.
 */
@ServerTest
class ImportStatsScopeTest {

    private static final SourceStatsHarness HARNESS = new SourceStatsHarness();
    private static final String PATH = ImportStatsService.PATH;
    private static final String MINUTE_00_A = row("2026-01-01 00:00:00+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30);
    private static final String MINUTE_00_B = row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30);
    private static final String MINUTE_01_A = row("2026-01-01 00:01:00+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5);
    private static final String MINUTE_02_V6 = row("2026-01-01 00:02:00+00:00", "2001:db8::1", 1, 400, 4, 1, 400, 4);

    static {
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusMillis(10_500)).setBytes(2000).setPackets(20).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(70)).setBytes(500).setPackets(5).build());
        HARNESS.pipe(flow("10.0.0.2", T0.plusSeconds(10)).setBytes(3000).setPackets(30).build());
        HARNESS.pipe(flow("2001:0DB8:0:0:0:0:0:1", T0.plusSeconds(125)).setBytes(400).setPackets(4).build());
    }

    private final Http1Client client;
    private final String tenantA = ISSUER.sources("10.0.0.1");
    private final String tenantB = ISSUER.sources("10.0.0.2", "2001:DB8:0::1");

    private final Http1Client peer;

    ImportStatsScopeTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
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
        return QueryDepsBuilder.over(DriverStores.of(HARNESS.driver)).at(T0.plus(Duration.ofMinutes(10)))
                .issuer(ISSUER).build();
    }

    @AfterAll
    static void closeDriver() {
        HARNESS.close();
    }

    private HttpAnswer get(String body, String authorization) {
        return StatsRequests.send(client, Method.GET, PATH, body, authorization);
    }

    private static String minutes(String source) {
        return """
                {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10, \
                "source_ip": "%s"}""".formatted(source);
    }

    @Test
    void anEmptySourceIpMeansEverySourceOfTheToken() {
        HttpAnswer forA = get(minutes(""), tenantA);
        HttpAnswer forB = get(minutes(""), tenantB);

        assertThat(forA.status()).isEqualTo(200);
        assertThat(forA.body()).isEqualTo("[" + MINUTE_00_A + "," + MINUTE_01_A + "]");
        assertThat(forB.status()).isEqualTo(200);
        assertThat(forB.body()).isEqualTo("[" + MINUTE_00_B + "," + MINUTE_02_V6 + "]");
    }

    @Test
    void secondsOfEverySourceAreScopedToo() {
        HttpAnswer forA = get("""
                {"stats_type": "flows_per_second", "start_time": 1767225600, "end_time": 1767226200,
                 "source_ip": ""}""", tenantA);

        assertThat(forA.body()).isEqualTo("[" + row("2026-01-01 00:00:10+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30)
                + "," + row("2026-01-01 00:01:10+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5) + "]");
    }

    @Test
    void aNamedSourceOutsideTheTokenAnswersNoRows() {
        HttpAnswer otherForA = get(minutes("10.0.0.2"), tenantA);
        HttpAnswer otherForB = get(minutes("10.0.0.1"), tenantB);
        HttpAnswer ownForB = get(minutes("2001:db8:0:0::1"), tenantB);

        assertThat(otherForA.status()).isEqualTo(200);
        assertThat(otherForA.body()).isEqualTo("[]");
        assertThat(otherForB.status()).isEqualTo(200);
        assertThat(otherForB.body()).isEqualTo("[]");
        assertThat(ownForB.body()).isEqualTo("[" + MINUTE_02_V6 + "]");
    }

    @Test
    void eachRequestOfABodyIsScoped() {
        HttpAnswer forA = get("[" + minutes("10.0.0.2") + "," + minutes("") + "," + minutes("10.0.0.1") + "]",
                tenantA);

        assertThat(forA.body()).isEqualTo("[" + MINUTE_00_A + "," + MINUTE_01_A + "," + MINUTE_00_A + ","
                + MINUTE_01_A + "]");
    }

    @Test
    void aTokenWithoutSourcesSeesNoSource() {
        String sitesOnly = ISSUER.bearer(List.of("*"), List.of("*"), List.of());

        assertThat(get(minutes(""), sitesOnly).body()).isEqualTo("[]");
        assertThat(get(minutes("10.0.0.1"), sitesOnly).body()).isEqualTo("[]");
    }

    @Test
    void theInternalMirrorScopesTheForwardedToken() {
        HttpAnswer answer = StatsRequests.send(peer, Method.POST, RemoteQueryClient.INTERNAL_PREFIX + PATH, """
                [{"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767226200,
                  "source_ip": ""}]""", tenantB);

        assertThat(answer.body()).isEqualTo("[" + MINUTE_00_B + "," + MINUTE_02_V6 + "]");
    }
}
