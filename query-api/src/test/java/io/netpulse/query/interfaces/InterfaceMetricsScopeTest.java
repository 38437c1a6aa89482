package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.BRANCH_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.DERIVED;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.ISSUER;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.OTHER_SITE_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.SITE_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryRoutes;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two tenants over the same interfaces: {@code siteA} may see {@link InterfaceMetricsFixture#SITE_ID} (edge-1's
 * uplink), {@code siteB} {@link InterfaceMetricsFixture#OTHER_SITE_ID} (edge-3's branch). An interface of another
 * site, and any interface without a site, answers exactly like an unknown one.
 */
@ServerTest
class InterfaceMetricsScopeTest {

    private static final String RANGE = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:02:00Z\"}";
    private static final String UPLINK_TWO_MINUTES = "{\"ifInOctets\":["
            + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000},"
            + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":1000000}],\"ifOutOctets\":["
            + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":500000},"
            + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":500000}]}";
    private static final String UPLINK = "{\"interface_id\":\"" + NAMED_ID + "\",\"derived_id\":\""
            + NAMED.derivedId() + "\",\"source\":\"inventory\",\"device\":\"edge-1\",\"if_index\":1,"
            + "\"name\":\"uplink\",\"site_id\":\"" + SITE_ID + "\",\"speed_bps\":10000000000}";
    private static final String BRANCH_ENTRY = "{\"interface_id\":\"" + BRANCH_ID + "\",\"derived_id\":\""
            + InterfaceMetricsFixture.BRANCH.derivedId() + "\",\"source\":\"inventory\",\"device\":\"edge-3\","
            + "\"if_index\":2,\"name\":\"branch\",\"site_id\":\"" + OTHER_SITE_ID + "\",\"speed_bps\":10000000000}";

    private static InterfaceMetricsFixture fixture;
    private final URI server;
    private final String siteA = ISSUER.sites(SITE_ID.toString());
    // Upper case on purpose: site ids compare in canonical (lower-case) form.
    private final String siteB = ISSUER.sites(OTHER_SITE_ID.toString().toUpperCase(java.util.Locale.ROOT));

    private final URI peer;

    InterfaceMetricsScopeTest(URI server, @Socket(QueryRoutes.PEER_SOCKET) URI peer) {
        this.server = server;
        this.peer = peer;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, fixture().deps());
    }

    @SetUpRoute(QueryRoutes.PEER_SOCKET)
    static void peer(HttpRouting.Builder routing) {
        QueryRoutes.registerPeer(routing, fixture().deps());
    }

    private static synchronized InterfaceMetricsFixture fixture() {
        if (fixture == null) {
            fixture = new InterfaceMetricsFixture();
        }
        return fixture;
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private HttpAnswer metrics(Object id, String authorization) {
        return send(server, "POST", "/metrics/interfaces/" + id + "/metrics", RANGE, authorization);
    }

    private static String gone(Object id) {
        return "{\"type\":\"invalid_request_error\",\"code\":\"interface_gone\",\"message\":\"The interface '" + id
                + "' is unknown to netpulse or no longer exists.\",\"doc_url\":\"/docs/errors/interface_gone\"}";
    }

    @Test
    void eachTenantGetsTheMetricsOfItsOwnSite() {
        HttpAnswer uplinkForA = metrics(NAMED_ID, siteA);
        HttpAnswer branchForB = metrics(BRANCH_ID, siteB);

        assertThat(uplinkForA.status()).isEqualTo(200);
        assertThat(uplinkForA.body()).isEqualTo(UPLINK_TWO_MINUTES);
        assertThat(branchForB.status()).isEqualTo(200);
        assertThat(branchForB.body()).isEqualTo("{\"ifInOctets\":[],\"ifOutOctets\":[]}");
    }

    @Test
    void anInterfaceOfAnotherSiteAnswersExactlyLikeAnUnknownOne() {
        String unknown = "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";

        HttpAnswer uplinkForB = metrics(NAMED_ID, siteB);
        HttpAnswer branchForA = metrics(BRANCH_ID, siteA);
        HttpAnswer unknownForB = metrics(unknown, siteB);

        assertThat(uplinkForB.status()).isEqualTo(410);
        assertThat(uplinkForB.body()).isEqualTo(gone(NAMED_ID));
        assertThat(branchForA.status()).isEqualTo(410);
        assertThat(branchForA.body()).isEqualTo(gone(BRANCH_ID));
        assertThat(unknownForB.status()).isEqualTo(410);
        assertThat(unknownForB.body()).isEqualTo(gone(unknown));
        assertThat(uplinkForB.headers().keySet())
                .isEqualTo(unknownForB.headers().keySet());
    }

    @Test
    void theDerivedIdOfANamedInterfaceBelongsToItsSite() {
        HttpAnswer derivedIdForA = metrics(NAMED.derivedId(), siteA);
        HttpAnswer derivedIdForB = metrics(NAMED.derivedId(), siteB);

        assertThat(derivedIdForA.status()).isEqualTo(200);
        assertThat(derivedIdForA.body()).isEqualTo(UPLINK_TWO_MINUTES);
        assertThat(derivedIdForB.status()).isEqualTo(410);
        assertThat(derivedIdForB.body()).isEqualTo(gone(NAMED.derivedId()));
    }

    @Test
    void anInterfaceWithoutASiteIsVisibleOnlyToEverySite() {
        HttpAnswer countersOnlyForA = metrics(DERIVED.derivedId(), siteA);
        HttpAnswer countersOnlyForEverySite = metrics(DERIVED.derivedId(), ISSUER.sites("*"));

        assertThat(countersOnlyForA.status()).isEqualTo(410);
        assertThat(countersOnlyForA.body()).isEqualTo(gone(DERIVED.derivedId()));
        assertThat(countersOnlyForEverySite.status()).isEqualTo(200);
        assertThat(send(server, "GET", "/interfaces?device=edge-2", null, siteA).body())
                .isEqualTo("{\"interfaces\":[]}");
    }

    @Test
    void theInternalMirrorScopesTheForwardedTokenToo() {
        HttpAnswer answer = send(peer, "POST", "/internal/v1/metrics/interfaces/" + NAMED_ID + "/metrics", RANGE,
                siteB);

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.body()).isEqualTo(gone(NAMED_ID));
    }

    @Test
    void eachTenantListsOnlyTheInterfacesOfItsSites() {
        assertThat(send(server, "GET", "/interfaces", null, siteA).body())
                .isEqualTo("{\"interfaces\":[" + UPLINK + "]}");
        assertThat(send(server, "GET", "/interfaces", null, siteB).body())
                .isEqualTo("{\"interfaces\":[" + BRANCH_ENTRY + "]}");
        assertThat(send(server, "GET", "/interfaces?device=edge-1", null, siteB).body())
                .isEqualTo("{\"interfaces\":[]}");
        assertThat(send(server, "GET", "/interfaces", null, ISSUER.sources("10.0.0.1")).body())
                .isEqualTo("{\"interfaces\":[]}");
    }
}
