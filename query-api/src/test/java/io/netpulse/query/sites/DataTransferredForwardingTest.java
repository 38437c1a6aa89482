package io.netpulse.query.sites;

import static io.netpulse.query.sites.SitesFixture.SITE_A;
import static io.netpulse.query.sites.SitesFixture.SITE_B;
import static io.netpulse.query.sites.SitesFixture.UNASSIGNED;
import static io.netpulse.query.sites.SitesFixture.error;
import static io.netpulse.query.sites.SitesFixture.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.Location;
import io.netpulse.testkit.HttpAnswer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each a real Helidon server over its own TopologyTestDriver: A holds site A (and the unassigned
 * volume), B holds site B; the data of {@link SitesFixture}, split. A third, C, holds A's data but its metadata
 * names a second instance that does not answer. Every instance authenticates every request, internal ones too, so
 * a forwarded query only succeeds if the caller's token travels with it, and is scoped by it on every instance.
 */
class DataTransferredForwardingTest {

    private static final String RANGE = DataTransferredService.PATH + "?start_time=2026-01-01T00:00:00"
            + "&end_time=2026-01-01T00:30:00&bucket_interval_minutes=15";
    /** The answer of a single instance holding everything (DataTransferredServiceTest). */
    private static final String EVERY_SITE = "[" + point("2026-01-01 00:00:00", 90_901, 9_006) + ","
            + point("2026-01-01 00:15:00", 30_100, 3_001) + "]";

    private static SitesFixture dataA;
    private static SitesFixture dataB;
    private static WebServer serverA;
    private static WebServer serverB;
    private static WebServer serverC;
    private static HostInfo hostA;
    private static HostInfo hostB;
    private static HostInfo hostC;
    private static HostInfo silentHost;

    @BeforeAll
    static void startInstances() throws IOException {
        dataA = new SitesFixture(Set.of(SITE_A, UNASSIGNED));
        dataB = new SitesFixture(Set.of(SITE_B));
        try (ServerSocket closed = new ServerSocket(0)) {
            silentHost = new HostInfo("localhost", closed.getLocalPort());
        }
        Map<String, Supplier<HostInfo>> owners = Map.of(SITE_A, () -> hostA, SITE_B, () -> hostB,
                UNASSIGNED, () -> hostA);
        serverA = start(dataA, new TestLocator(() -> hostA, owners, () -> List.of(hostA, hostB)));
        serverB = start(dataB, new TestLocator(() -> hostB, owners, () -> List.of(hostA, hostB)));
        serverC = start(dataA, new TestLocator(() -> hostC, Map.of(SITE_A, () -> hostC, UNASSIGNED, () -> hostC),
                () -> List.of(hostC, silentHost)));
        hostA = Peers.peerOf(serverA);
        hostB = Peers.peerOf(serverB);
        hostC = Peers.peerOf(serverC);
    }

    private static WebServer start(SitesFixture data, KeyLocator locator) {
        return Peers.start(SitesFixture.deps(data.stores(), locator));
    }

    @AfterAll
    static void stop() {
        serverA.stop();
        serverB.stop();
        serverC.stop();
        dataA.close();
        dataB.close();
    }

    private static HttpAnswer get(HostInfo host, String pathAndQuery) {
        return get(SitesFixture.EVERYTHING, host, pathAndQuery);
    }

    /** Asks the instance advertising {@code host}: on its peer listener for an internal path, else its public one. */
    private static HttpAnswer get(String authorization, HostInfo host, String pathAndQuery) {
        WebServer server = Stream.of(serverA, serverB, serverC).filter(s -> Peers.peerOf(s).equals(host))
                .findFirst().orElseThrow();
        int port = Peers.internal(pathAndQuery) ? server.port(QueryRoutes.PEER_SOCKET) : server.port();
        return SitesFixture.sendAs(authorization, URI.create("http://localhost:" + port), "GET", pathAndQuery);
    }

    @Test
    void everySiteIsSummedAcrossInstancesExactlyAsOneInstanceWould() {
        assertThat(get(hostA, RANGE)).extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(200, EVERY_SITE);
        assertThat(get(hostB, RANGE)).extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(200, EVERY_SITE);
    }

    @Test
    void namedSitesAreReadWhereTheyLive() {
        String both = RANGE + "&site_ids%5B%5D=" + SITE_A + "&site_ids%5B%5D=" + SITE_B;

        assertThat(get(hostA, both).body()).isEqualTo(EVERY_SITE);
        assertThat(get(hostB, both).body()).isEqualTo(EVERY_SITE);
        // Site B alone, asked of A: B's minutes 00:10-00:14 (901 / 6) and 00:15 (100 / 1).
        assertThat(get(hostA, RANGE + "&site_ids=" + SITE_B).body()).isEqualTo("["
                + point("2026-01-01 00:00:00", 901, 6) + "," + point("2026-01-01 00:15:00", 100, 1) + "]");
    }

    @Test
    void aScopedCallersSitesAreForwardedWithItsToken() {
        // Site B's caller asks A for "its" sites: A forwards site B to B with the caller's token.
        HttpAnswer answer = get(SitesFixture.ISSUER.sites(SITE_B), hostA, RANGE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + point("2026-01-01 00:00:00", 901, 6) + ","
                + point("2026-01-01 00:15:00", 100, 1) + "]");
    }

    @Test
    void theInternalMirrorChecksTheForwardedTokensScopeAgain() {
        HttpAnswer answer = get(SitesFixture.ISSUER.sites(SITE_A), hostB,
                "/internal/v1" + RANGE + "&resolution=minute&site_ids=" + SITE_B);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(error("permission_error", "site_forbidden",
                "The caller may not see the site '" + SITE_B + "' named in 'site_ids[]'."));
    }

    @Test
    void theInternalMirrorRefusesARequestWithoutAToken() {
        HttpAnswer answer = get(null, hostB, "/internal/v1" + RANGE + "&resolution=minute&site_ids=" + SITE_B);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"netpulse\"");
    }

    @Test
    void internalMirrorAnswersOnlyItsOwnShare() {
        HttpAnswer answer = get(hostA, "/internal/v1" + RANGE + "&resolution=minute");

        // A's own sites without the unassigned volume: 15 x 6000 / 600 and 5 x 6000 / 600.
        assertThat(answer.body()).isEqualTo("[" + point("2026-01-01 00:00:00", 90_000, 9_000) + ","
                + point("2026-01-01 00:15:00", 30_000, 3_000) + "]");
    }

    @Test
    void forwardedRequestIsNeverForwardedAgain() {
        HttpAnswer answer = get(hostA, "/internal/v1" + RANGE + "&resolution=minute&site_ids=" + SITE_B);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(error("api_error", "service_unavailable", "The data for this request"
                + " cannot be read right now (instances are rebalancing or restoring); retry after 5 seconds."));
    }

    @Test
    void silentInstanceFailsTheWholeAnswerWith503() {
        HttpAnswer answer = get(hostC, RANGE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
    }

    /** Metadata as the test arranges it: sites to instances, and the instances holding the stores. */
    private record TestLocator(Supplier<HostInfo> selfHost, Map<String, Supplier<HostInfo>> owners,
                               Supplier<List<HostInfo>> hosts) implements KeyLocator {

        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            throw new AssertionError("sites are located by their serialized id");
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            HostInfo owner = owners.get((String) key).get();
            return owner.equals(selfHost.get()) ? new Location.Local() : new Location.Remote(owner);
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            return hosts.get();
        }

        @Override
        public HostInfo self() {
            return selfHost.get();
        }
    }
}
