package io.netpulse.query.ip;

import io.netpulse.query.Peers;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.ip.IpTrafficData.SEED_DAILY;
import static io.netpulse.query.ip.IpTrafficData.THREE_DAYS;
import static io.netpulse.query.ip.IpTrafficData.TRAFFIC;
import static io.netpulse.query.ip.IpTrafficData.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.testkit.TestTime;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.ip.IpTrafficHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances over real sockets. B holds the statistics of {@link IpTrafficData}. A holds only the directory
 * (a global store, on every instance) and no statistics at all: its metadata says 192.0.2.10 and 2001:db8::a live
 * on B, 192.0.2.20 on an instance that does not answer, and 192.0.2.11 nowhere (a rebalance).
 */
class IpTrafficForwardingTest {

    private static final Clock CLOCK = TestTime.fixedAt(Instant.parse("2026-01-04T12:00:00Z"));
    private static final String DAILY_AVG = "scope=receive&" + THREE_DAYS + "&period=daily&method=avg";

    private static IpTrafficHarness data;
    private static WebServer serverA;
    private static WebServer serverB;
    private static HostInfo hostB;
    private static HostInfo silentHost;

    @BeforeAll
    static void startInstances() throws IOException {
        data = new IpTrafficHarness();
        IpTrafficData.fill(data);
        try (ServerSocket closed = new ServerSocket(0)) {
            silentHost = new HostInfo("localhost", closed.getLocalPort());
        }
        LocalStores all = DriverStores.of(data.driver);
        LocalStores directoryOnly = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (!name.equals(StoreNames.DIRECTORY)) {
                    throw new AssertionError("instance A holds no " + name + " and must not read it");
                }
                return all.store(name, type);
            }
        };
        serverB = start(KeyLocator.local(new HostInfo("localhost", 1)), all);
        hostB = Peers.peerOf(serverB);
        serverA = start(new AddressLocator(), directoryOnly);
    }

    @AfterAll
    static void stopInstances() {
        serverA.stop();
        serverB.stop();
        data.close();
    }

    @Test
    void anAddressHeldElsewhereIsAnsweredByItsInstanceByteForByte() {
        HttpAnswer fromA = get(serverA, TRAFFIC, DAILY_AVG, Map.of());
        HttpAnswer fromB = get(serverB, TRAFFIC, DAILY_AVG, Map.of());

        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.contentType()).isEqualTo("application/json");
        assertThat(fromA.body()).isEqualTo(SEED_DAILY).isEqualTo(fromB.body());
    }

    @Test
    void theCallersTokenIsForwardedAndScopedOnTheOwningInstance() {
        // A forwards to B, which answers only because the token came along and grants acct-42.
        HttpAnswer ownAccount = get(serverA, TRAFFIC, DAILY_AVG,
                Map.of("Authorization", TrafficRequests.ISSUER.accounts("acct-42")));
        HttpAnswer otherAccountOnB = get(serverB, RemoteQueryClient.INTERNAL_PREFIX + TRAFFIC, DAILY_AVG,
                Map.of("Authorization", TrafficRequests.ISSUER.accounts("acct-77")));

        assertThat(ownAccount.status()).isEqualTo(200);
        assertThat(ownAccount.body()).isEqualTo(SEED_DAILY);
        assertThat(otherAccountOnB.status()).isEqualTo(403);
    }

    @Test
    void csvIsForwardedWithTheAcceptHeader() {
        Map<String, String> csv = Map.of("Accept", "text/csv");
        HttpAnswer fromA = get(serverA, TRAFFIC, DAILY_AVG, csv);

        assertThat(fromA.contentType()).isEqualTo("text/csv; charset=UTF-8; header=present");
        assertThat(fromA.body()).isEqualTo(get(serverB, TRAFFIC, DAILY_AVG, csv).body())
                .isEqualTo("count,date,values\r\n143,2026-01-01 00:00:00,344130.3006993007\r\n"
                        + "144,2026-01-03 00:00:00,658.3402777777778\r\n");
    }

    @Test
    void anIpv6AddressIsForwardedInItsNormalForm() {
        assertThat(get(serverA, "/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/2001:0DB8::A"
                + "/statistics/traffic", "scope=receive&" + THREE_DAYS + "&period=daily&method=sum", Map.of())
                .body()).isEqualTo("[{\"count\":1,\"date\":\"2026-01-01 00:00:00\",\"values\":1234}]");
    }

    @Test
    void aForwardedRequestForAnAddressHeldElsewhereIsNeverForwardedAgain() {
        HttpAnswer answer = get(serverA, RemoteQueryClient.INTERNAL_PREFIX + TRAFFIC, DAILY_AVG, Map.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void anInstanceThatDoesNotAnswerGives503() {
        HttpAnswer answer = get(serverA, "/accounts/acct-77/dedicatedServers/srv-9/ipAddresses/192.0.2.20"
                + "/statistics/traffic", "scope=receive&startDate=2026-01-04&endDate=2026-01-04&period=daily"
                + "&method=sum", Map.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void anAddressWithoutActiveInstanceGives503() {
        HttpAnswer answer = get(serverA, "/accounts/acct-42/dedicatedServers/srv-8/ipAddresses/192.0.2.11"
                + "/statistics/traffic", "scope=receive&" + THREE_DAYS + "&period=daily&method=sum", Map.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void errorsFoundBeforeLocatingAreAnsweredByTheFirstInstance() {
        // the directory is on every instance: A answers the 404 itself, without asking B
        assertThat(get(serverA, "/accounts/acct-9/dedicatedServers/srv-7/ipAddresses/192.0.2.10/statistics/traffic",
                DAILY_AVG, Map.of()).body()).isEqualTo(IpTrafficData.notFound("Account acct-9 does not exist."));
    }

    private static WebServer start(KeyLocator locator, LocalStores stores) {
        QueryDeps deps = QueryDepsBuilder.over(stores).locator(locator).clock(CLOCK).issuer(TrafficRequests.ISSUER)
                .build();
        return Peers.start(deps);
    }

    /** Asks {@code server}: on its peer listener for an internal path, else on its public one. */
    private static HttpAnswer get(WebServer server, String path, String query, Map<String, String> headers) {
        int port = Peers.internal(path) ? server.port(QueryRoutes.PEER_SOCKET) : server.port();
        Http1Client client = Http1Client.builder().baseUri("http://localhost:" + port).build();
        return TrafficRequests.send(client, Method.GET, path, query, headers);
    }

    /** A's view of where each address lives. */
    private static final class AddressLocator implements KeyLocator {
        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            throw new AssertionError("the traffic API locates by serializer");
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            return switch (key.toString()) {
                case "192.0.2.20" -> new Location.Remote(silentHost);
                case "192.0.2.11" -> new Location.Unavailable("rebalancing");
                default -> new Location.Remote(hostB);
            };
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            return List.of(hostB);
        }

        @Override
        public HostInfo self() {
            return Peers.peerOf(serverA);
        }
    }
}
