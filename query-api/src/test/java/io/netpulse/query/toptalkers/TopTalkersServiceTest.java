package io.netpulse.query.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.toptalkers.TopTalkersHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.toptalkers.TopTalkersHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Top talkers over a real Helidon server, answered from the stores of the whole topology on a TopologyTestDriver.
 * The flows, all of router 10.0.0.1, whose interfaces are in {@link #SITE}:
 * <ul>
 *   <li>00:00 192.0.2.1 to 198.51.100.1, 1000 bytes, 10 packets; 192.0.2.2 to 198.51.100.1, 3000 / 5;</li>
 *   <li>00:01 192.0.2.1 to 198.51.100.2, 500 / 50;</li>
 *   <li>01:10 192.0.2.3 to 198.51.100.2, 200 / 2;</li>
 *   <li>01:30 192.0.2.3 to 198.51.100.3, 100 / 1: the router's clock then closes every minute up to 01:25, so
 *       hour 00 and minute 01:10 are read from their lists and minute 01:30 from its open counts. The site's
 *       minutes close by the wall clock, which stands still: every one is read from the open counts.</li>
 * </ul>
 * The query clock is 01:30:30.
 */
@ServerTest
class TopTalkersServiceTest {

    private static final String ROUTER = "10.0.0.1";
    private static final UUID SITE = UUID.fromString("6f1c1c9e-0a41-4c43-9a53-1f2d3b4c5d6e");
    private static final String OTHER_SITE = "0d5b4e1a-7c2f-4f4e-8d7c-2b1a3c4d5e6f";
    private static final Instant NOW = T0.plus(Duration.ofMinutes(90)).plusSeconds(30);
    private static final TestIssuer ISSUER = TestIssuer.at(NOW);
    private static final String RANGE = "start=2026-01-01T00:00:00Z&end=2026-01-01T01:31:00Z";
    private static final List<String> STORES_READ = new CopyOnWriteArrayList<>();
    private static TopTalkersHarness harness;

    private final URI server;

    TopTalkersServiceTest(URI server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        QueryRoutes.listener(server, ISSUER.authenticator());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        harness = new TopTalkersHarness();
        harness.interfaceIn(ROUTER, 1, SITE);
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(1)).build());
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.1", 3000, 5, T0.plusSeconds(2)).build());
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.2", 500, 50, T0.plusSeconds(61)).build());
        harness.pipe(flow(ROUTER, "192.0.2.3", "198.51.100.2", 200, 2, T0.plus(Duration.ofMinutes(70))).build());
        harness.pipe(flow(ROUTER, "192.0.2.3", "198.51.100.3", 100, 1, T0.plus(Duration.ofMinutes(90))).build());
        LocalStores driverStores = DriverStores.of(harness.driver);
        LocalStores stores = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                STORES_READ.add(name);
                return driverStores.store(name, type);
            }
        };
        QueryRoutes.register(routing, QueryDepsBuilder.over(stores)
                .locator(KeyLocator.local(new HostInfo("localhost", 0))).remoteTimeout(Duration.ofSeconds(5)).at(NOW)
                .issuer(ISSUER).build());
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @BeforeEach
    void forgetStoresRead() {
        STORES_READ.clear();
    }

    private HttpAnswer get(String pathAndQuery) {
        return send(ISSUER.everything(), "GET", pathAndQuery);
    }

    private HttpAnswer send(String authorization, String method, String pathAndQuery) {
        return HttpAnswer.send(HttpRequest.newBuilder(server.resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization).build());
    }

    private static String talker(String address, long bytes, long packets) {
        return "{\"address\":\"" + address + "\",\"bytes\":" + bytes + ",\"bytes_error\":0,\"packets\":" + packets
                + ",\"packets_error\":0,\"guaranteed\":true}";
    }

    private static String answer(String scope, String id, String start, String end, String by, int n, long bytes,
                                 long packets, List<String> sources, List<String> destinations) {
        return "{\"scope\":\"" + scope + "\",\"id\":\"" + id + "\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"by\":\"" + by + "\",\"n\":" + n + ",\"total_bytes\":" + bytes + ",\"total_packets\":"
                + packets + ",\"sources\":[" + String.join(",", sources) + "],\"destinations\":["
                + String.join(",", destinations) + "]}";
    }

    private static String invalid(String message) {
        return "{\"type\":\"invalid_request_error\",\"code\":\"parameter_invalid\",\"message\":\"" + message
                + "\",\"doc_url\":\"/docs/errors/parameter_invalid\"}";
    }

    @Test
    void aSourceDeviceAnswersItsBusiestAddressesMergedFromHoursMinutesAndOpenMinutes() {
        HttpAnswer answer = get("/top/sources/" + ROUTER + "?" + RANGE + "&n=2");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        // sources: .2 3000 / 5, .1 1000 + 500 / 10 + 50, .3 200 + 100 / 2 + 1 (not among the first two);
        // destinations: 100.1 4000 / 15, 100.2 500 + 200 / 50 + 2, 100.3 100 / 1; 4800 bytes, 68 packets in all
        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2026-01-01T00:00:00Z",
                "2026-01-01T01:31:00Z", "bytes", 2, 4800, 68,
                List.of(talker("192.0.2.2", 3000, 5), talker("192.0.2.1", 1500, 60)),
                List.of(talker("198.51.100.1", 4000, 15), talker("198.51.100.2", 700, 52))));
        // hour 00 from its list, 01:00 to 01:31 from minute lists, then the open minutes
        assertThat(STORES_READ).containsExactly(StoreNames.TOP_TALKERS_HOUR, StoreNames.TOP_TALKERS_MINUTE,
                StoreNames.TOP_TALKERS_OPEN);
    }

    @Test
    void byPacketsRanksByPackets() {
        HttpAnswer answer = get("/top/sources/" + ROUTER + "?" + RANGE + "&n=1&by=packets");

        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2026-01-01T00:00:00Z",
                "2026-01-01T01:31:00Z", "packets", 1, 4800, 68,
                List.of(talker("192.0.2.1", 1500, 60)), List.of(talker("198.51.100.2", 700, 52))));
    }

    @Test
    void theLastMinuteIsTheCurrentOneStillOpen() {
        HttpAnswer answer = get("/top/sources/" + ROUTER + "?range=minute");

        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2026-01-01T01:30:00Z",
                "2026-01-01T01:31:00Z", "bytes", 10, 100, 1,
                List.of(talker("192.0.2.3", 100, 1)), List.of(talker("198.51.100.3", 100, 1))));
    }

    @Test
    void theLastDayIsTheDefaultNAndHoldsEveryFlow() {
        HttpAnswer answer = get("/top/sources/" + ROUTER + "?range=day");

        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2025-12-31T01:31:00Z",
                "2026-01-01T01:31:00Z", "bytes", 10, 4800, 68,
                List.of(talker("192.0.2.2", 3000, 5), talker("192.0.2.1", 1500, 60), talker("192.0.2.3", 300, 3)),
                List.of(talker("198.51.100.1", 4000, 15), talker("198.51.100.2", 700, 52),
                        talker("198.51.100.3", 100, 1))));
    }

    @Test
    void aSiteAnswersTheFlowsOfItsExporters() {
        HttpAnswer answer = get("/top/sites/" + SITE.toString().toUpperCase() + "?" + RANGE + "&n=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer("site", SITE.toString(), "2026-01-01T00:00:00Z",
                "2026-01-01T01:31:00Z", "bytes", 1, 4800, 68,
                List.of(talker("192.0.2.2", 3000, 5)), List.of(talker("198.51.100.1", 4000, 15))));
    }

    @Test
    void aSourceOutsideTheTokensScopeAnswersNothingWithoutALookup() {
        HttpAnswer answer = send(ISSUER.sources("10.0.0.2"), "GET", "/top/sources/" + ROUTER + "?" + RANGE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2026-01-01T00:00:00Z",
                "2026-01-01T01:31:00Z", "bytes", 10, 0, 0, List.of(), List.of()));
        assertThat(STORES_READ).isEmpty();
    }

    @Test
    void aSiteOutsideTheTokensScopeIsForbidden() {
        HttpAnswer answer = send(ISSUER.sites(OTHER_SITE), "GET", "/top/sites/" + SITE + "?" + RANGE);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"type\":\"permission_error\",\"code\":\"site_forbidden\",\"message\":"
                + "\"The caller may not see the site '" + SITE + "'.\",\"doc_url\":\"/docs/errors/site_forbidden\"}");
        assertThat(STORES_READ).isEmpty();
    }

    @Test
    void everyBadParameterIsA400NamingItBeforeAnyStoreIsRead() {
        String source = "/top/sources/" + ROUTER + "?";
        assertThat(get(source + "n=0").body()).isEqualTo(invalid("Invalid 'n': must be an integer from 1 to 100."));
        assertThat(get(source + "n=101").body()).isEqualTo(invalid("Invalid 'n': must be an integer from 1 to 100."));
        assertThat(get(source + "n=ten").body()).isEqualTo(invalid("Invalid 'n': must be an integer from 1 to 100."));
        assertThat(get(source + "by=flows").body()).isEqualTo(invalid("Invalid 'by': must be 'bytes' or 'packets'."));
        assertThat(get(source + "range=week").body())
                .isEqualTo(invalid("Invalid 'range': must be 'minute', 'hour' or 'day'."));
        assertThat(get(source + "range=hour&start=2026-01-01T00:00:00Z").body()).isEqualTo(
                invalid("Invalid 'range': give either 'range' or 'start' and 'end', not both."));
        assertThat(get(source + "start=2026-01-01T00:00:30Z").body()).isEqualTo(
                invalid("Invalid 'start': must be a whole minute: top talkers are kept per minute."));
        assertThat(get(source + "start=yesterday").body()).isEqualTo(
                invalid("Invalid 'start': is not an ISO 8601 date-time such as 2026-01-01T10:00:00Z."));
        assertThat(get(source + "end=2026-01-01T01:00:00Z").body())
                .isEqualTo(invalid("Invalid 'start': is required with 'end'."));
        assertThat(get(source + "start=2026-01-01T01:32:00Z&end=2026-01-01T01:40:00Z").body()).isEqualTo(
                invalid("Invalid 'end': must not be after the end of the current minute, 2026-01-01T01:31:00Z."));
        assertThat(get(source + "start=2024-01-01T00:00:00Z").body()).isEqualTo(invalid("Invalid 'start': must not"
                + " be before 2024-11-27T02:00:00Z: hours are kept 400 days."));
        assertThat(get(source + "start=2025-12-01T00:01:00Z&end=2025-12-01T02:00:00Z").body()).isEqualTo(
                invalid("Invalid 'start': must be a whole hour when it is older than 7 days: minutes are kept no"
                        + " longer."));
        assertThat(get(source + "n=5&n=6").body()).isEqualTo(invalid("Invalid 'n': is given 2 times; give it once."));
        assertThat(get("/top/sources/not-an-address").body())
                .isEqualTo(invalid("Invalid 'ip': is not an IPv4 or IPv6 address."));
        assertThat(get("/top/sites/not-a-uuid").body()).isEqualTo(invalid("Invalid 'id': is not a site UUID."));
        HttpAnswer reversed = get(source + "start=2026-01-01T01:00:00Z&end=2026-01-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).isEqualTo("{\"type\":\"invalid_request_error\",\"code\":\"range_invalid\","
                + "\"message\":\"The provided 'end' must be after 'start'.\",\"doc_url\":\"/docs/errors/range_invalid\"}");
        assertThat(get(source + "n=0").status()).isEqualTo(400);
        assertThat(STORES_READ).isEmpty();
    }

    @Test
    void theOldestStartIsTheFirstWholeHourWithinTheHourRetention() {
        // 400 days before 01:30:30 is 2024-11-27T01:30:30; its first whole hour is the oldest start
        HttpAnswer answer = get("/top/sources/" + ROUTER + "?start=2024-11-27T02:00:00Z&end=2024-11-27T03:00:00Z");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer("source", ROUTER, "2024-11-27T02:00:00Z",
                "2024-11-27T03:00:00Z", "bytes", 10, 0, 0, List.of(), List.of()));
    }

    @Test
    void onlyGetIsServed() {
        HttpAnswer answer = send(ISSUER.everything(), "POST", "/top/sources/" + ROUTER);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.body()).isEqualTo("{\"type\":\"invalid_request_error\",\"code\":\"method_not_allowed\","
                + "\"message\":\"Method POST is not allowed on this path; use GET.\",\"doc_url\":"
                + "\"/docs/errors/method_not_allowed\"}");
    }
}
