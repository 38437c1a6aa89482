package io.netpulse.query.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.toptalkers.TopTalkersHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.toptalkers.TopTalkersHarness;
import io.netpulse.topology.toptalkers.TopTalkersScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each a real Helidon server over its own TopologyTestDriver: B holds router 10.0.0.1's flows (one
 * of 00:00, 1000 bytes in 10 packets from 192.0.2.1 to 198.51.100.1), A holds nothing and its metadata says B holds
 * the router. The caller's token travels with the forwarded request and is scoped again on B.
 */
class TopTalkersForwardingTest {

    private static final String ROUTER = "10.0.0.1";
    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));
    private static final TestIssuer ISSUER = TestIssuer.at(NOW);
    private static final String QUERY = "/top/sources/" + ROUTER + "?start=2026-01-01T00:00:00Z"
            + "&end=2026-01-01T00:10:00Z&n=3";

    private static TopTalkersHarness empty;
    private static TopTalkersHarness data;
    private static WebServer serverA;
    private static WebServer serverB;
    private static HostInfo hostA;
    private static HostInfo hostB;

    @BeforeAll
    static void startInstances() {
        empty = new TopTalkersHarness();
        data = new TopTalkersHarness();
        data.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(5)).build());
        serverA = start(empty, new RouterAt(() -> hostA, () -> hostB));
        serverB = start(data, new RouterAt(() -> hostB, () -> hostB));
        hostA = Peers.peerOf(serverA);
        hostB = Peers.peerOf(serverB);
    }

    private static WebServer start(TopTalkersHarness harness, KeyLocator locator) {
        QueryDeps deps = QueryDepsBuilder.over(DriverStores.of(harness.driver)).locator(locator)
                .remoteTimeout(Duration.ofSeconds(5)).at(NOW).issuer(ISSUER).build();
        return Peers.start(deps);
    }

    @AfterAll
    static void stop() {
        serverA.stop();
        serverB.stop();
        empty.close();
        data.close();
    }

    /** Asks the instance advertising {@code host}: on its peer listener for an internal path, else its public one. */
    private static HttpAnswer get(HostInfo host, String authorization, String pathAndQuery) {
        WebServer server = java.util.stream.Stream.of(serverA, serverB).filter(s -> Peers.peerOf(s).equals(host))
                .findFirst().orElseThrow();
        return HttpAnswer.send(Peers.request(server, pathAndQuery)
                .header("Authorization", authorization).GET().build());
    }

    @Test
    void anInstanceAsksTheOneHoldingTheSourceAndAnswersAsItWould() {
        String talker = "{\"address\":\"%s\",\"bytes\":1000,\"bytes_error\":0,\"packets\":10,\"packets_error\":0,"
                + "\"guaranteed\":true}";
        String expected = "{\"scope\":\"source\",\"id\":\"10.0.0.1\",\"start\":\"2026-01-01T00:00:00Z\","
                + "\"end\":\"2026-01-01T00:10:00Z\",\"by\":\"bytes\",\"n\":3,\"total_bytes\":1000,"
                + "\"total_packets\":10,\"sources\":[" + talker.formatted("192.0.2.1") + "],\"destinations\":["
                + talker.formatted("198.51.100.1") + "]}";

        HttpAnswer viaA = get(hostA, ISSUER.sources(ROUTER), QUERY);
        HttpAnswer atB = get(hostB, ISSUER.sources(ROUTER), QUERY);

        assertThat(viaA.status()).isEqualTo(200);
        assertThat(viaA.body()).isEqualTo(expected);
        assertThat(atB.body()).isEqualTo(expected);
    }

    @Test
    void aForwardedRequestForAKeyHeldElsewhereIs503NeverForwardedAgain() {
        HttpAnswer answer = get(hostA, ISSUER.everything(), "/internal/v1" + QUERY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
    }

    /** Metadata as the test arranges it: the router's key is held by {@code owner}. */
    private record RouterAt(Supplier<HostInfo> selfHost, Supplier<HostInfo> owner) implements KeyLocator {

        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            throw new AssertionError("scopes are located by their serialized key");
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            assertThat(store).isEqualTo(StoreNames.TOP_TALKERS_MINUTE);
            assertThat(key).isEqualTo(TopTalkersScope.source(ROUTER));
            return owner.get().equals(selfHost.get()) ? new Location.Local() : new Location.Remote(owner.get());
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            return List.of(hostA, hostB);
        }

        @Override
        public HostInfo self() {
            return selfHost.get();
        }
    }
}
