package io.netpulse.query.ip;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.ip.IpTrafficData.SEED_DAILY;
import static io.netpulse.query.ip.IpTrafficData.THREE_DAYS;
import static io.netpulse.query.ip.IpTrafficData.TRAFFIC;
import static io.netpulse.query.ip.TrafficRequests.ISSUER;
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
import io.netpulse.topology.ip.IpTrafficHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two tenants over the data of {@link IpTrafficData}: {@code tenant42} may see acct-42 (192.0.2.10 and its
 * seed-like statistics), {@code tenant77} acct-77 (192.0.2.20, no traffic on 2026-01-01). An account outside the
 * token is a 403 in the seed's shape, checked right after authentication: before the Accept header (406), the
 * directory (404) and the parameters (400), so it reveals nothing about what exists.
 */
@ServerTest
class IpTrafficScopeTest {

    private static final IpTrafficHarness HARNESS = new IpTrafficHarness();
    private static final String DAILY_AVG = "scope=receive&" + THREE_DAYS + "&period=daily&method=avg";
    private static final String FORBIDDEN = "{\"forbidden\":{\"message\":\"GET data error\",\"code\":403,\"details\":"
            + "\"The authorized user does not have permissions to access the resource.\"}}";
    private static final String TRAFFIC_77 = "/accounts/acct-77/dedicatedServers/srv-9/ipAddresses/192.0.2.20"
            + "/statistics/traffic";

    static {
        IpTrafficData.fill(HARNESS);
    }

    private final Http1Client client;
    private final String tenant42 = ISSUER.accounts("acct-42");
    private final String tenant77 = ISSUER.accounts("acct-77");

    private final Http1Client peer;

    IpTrafficScopeTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
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
        return QueryDepsBuilder.over(DriverStores.of(HARNESS.driver)).at(ISSUER.now()).issuer(ISSUER).build();
    }

    @AfterAll
    static void closeDriver() {
        HARNESS.close();
    }

    private HttpAnswer get(String authorization, String path, String query) {
        return get(authorization, path, query, Map.of());
    }

    private HttpAnswer get(String authorization, String path, String query, Map<String, String> headers) {
        return TrafficRequests.send(client, Method.GET, path, query, headers, authorization);
    }

    @Test
    void eachTenantGetsItsOwnAccountsStatistics() {
        HttpAnswer for42 = get(tenant42, TRAFFIC, DAILY_AVG);
        HttpAnswer for77 = get(tenant77, TRAFFIC_77,
                "scope=receive&startDate=2026-01-01&endDate=2026-01-01&period=daily&method=sum");

        assertThat(for42.status()).isEqualTo(200);
        assertThat(for42.body()).isEqualTo(SEED_DAILY);
        assertThat(for77.status()).isEqualTo(200);
        assertThat(for77.body()).isEqualTo("[]");
    }

    @Test
    void theOtherTenantsAccountIs403InTheSeedsShape() {
        HttpAnswer fortyTwoFor77 = get(tenant77, TRAFFIC, DAILY_AVG);
        HttpAnswer seventySevenFor42 = get(tenant42, TRAFFIC_77, DAILY_AVG);

        assertThat(fortyTwoFor77.status()).isEqualTo(403);
        assertThat(fortyTwoFor77.contentType()).isEqualTo("application/json");
        assertThat(fortyTwoFor77.body()).isEqualTo(FORBIDDEN);
        assertThat(seventySevenFor42.status()).isEqualTo(403);
        assertThat(seventySevenFor42.body()).isEqualTo(FORBIDDEN);
    }

    @Test
    void theScopeIsCheckedBeforeTheAcceptHeaderTheDirectoryAndTheParameters() {
        // An unknown account (404), an unacceptable type (406) and bad parameters (400): all answered 403 alike.
        HttpAnswer unknownAccount = get(tenant42, "/accounts/acct-9/dedicatedServers/srv-7/ipAddresses/"
                + "192.0.2.10/statistics/traffic", DAILY_AVG);
        HttpAnswer notAcceptable = get(tenant77, TRAFFIC, DAILY_AVG, Map.of("Accept", "text/html"));
        HttpAnswer badParameters = get(tenant77, TRAFFIC, "scope=inbound&period=weekly");

        for (HttpAnswer answer : List.of(unknownAccount, notAcceptable, badParameters)) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).isEqualTo(FORBIDDEN);
        }
    }

    @Test
    void withinTheTokenTheUsualOrderHolds() {
        HttpAnswer unknownServer = get(tenant42, "/accounts/acct-42/dedicatedServers/srv-9/ipAddresses/"
                + "192.0.2.10/statistics/traffic", DAILY_AVG);
        HttpAnswer beforeCreation = get(tenant42, TRAFFIC, "scope=receive&startDate=2011-01-01"
                + "&endDate=2015-05-05&period=daily&method=sum");

        assertThat(unknownServer.status()).isEqualTo(404);
        assertThat(unknownServer.body())
                .isEqualTo(IpTrafficData.notFound("Dedicated server srv-9 does not exist in account acct-42."));
        assertThat(beforeCreation.status()).isEqualTo(400);
        assertThat(beforeCreation.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"startDate\":\"2011-01-01 is less than minimum value 2015-01-01\"}}}");
    }

    @Test
    void aTokenWithoutAccountsSeesNoAccount() {
        assertThat(get(ISSUER.sites("*"), TRAFFIC, DAILY_AVG).body()).isEqualTo(FORBIDDEN);
    }

    @Test
    void theInternalMirrorScopesTheForwardedToken() {
        HttpAnswer answer = TrafficRequests.send(peer, Method.GET, RemoteQueryClient.INTERNAL_PREFIX + TRAFFIC,
                DAILY_AVG, Map.of(), tenant77);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(FORBIDDEN);
    }
}
