package io.netpulse.query.flows;

import io.netpulse.query.Peers;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.flows.ImportStatsServiceTest.row;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.testkit.TestTime;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each a real Helidon server over its own TopologyTestDriver: A holds 10.0.0.1, B holds 10.0.0.2
 * and 2001:db8::1 (the data of {@link ImportStatsServiceTest}, split). A third, C, holds A's data but its metadata
 * names an instance that does not answer.
 */
class ImportStatsForwardingTest {

    private static final Clock CLOCK = TestTime.fixedAt(T0.plus(Duration.ofMinutes(10)));
    private static final String PATH = ImportStatsService.PATH;
    private static final String EVERY_MINUTE = "["
            + row("2026-01-01 00:00:00+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30) + ","
            + row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30) + ","
            + row("2026-01-01 00:01:00+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5) + ","
            + row("2026-01-01 00:02:00+00:00", "2001:db8::1", 1, 400, 4, 1, 400, 4) + "]";
    private static final String EVERY_SOURCE = """
            {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10, "source_ip": ""}""";

    private static SourceStatsHarness dataA;
    private static SourceStatsHarness dataB;
    private static WebServer serverA;
    private static WebServer serverB;
    private static WebServer serverC;
    private static HostInfo hostA;
    private static HostInfo hostB;
    private static HostInfo hostC;
    private static HostInfo silentHost;

    @BeforeAll
    static void startInstances() throws IOException {
        dataA = new SourceStatsHarness();
        dataA.pipe(flow("10.0.0.1", T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        dataA.pipe(flow("10.0.0.1", T0.plusMillis(10_500)).setBytes(2000).setPackets(20).build());
        dataA.pipe(flow("10.0.0.1", T0.plusSeconds(70)).setBytes(500).setPackets(5).build());
        dataB = new SourceStatsHarness();
        dataB.pipe(flow("10.0.0.2", T0.plusSeconds(10)).setBytes(3000).setPackets(30).build());
        dataB.pipe(flow("2001:db8::1", T0.plusSeconds(125)).setBytes(400).setPackets(4).build());
        try (ServerSocket closed = new ServerSocket(0)) {
            silentHost = new HostInfo("localhost", closed.getLocalPort());
        }

        serverA = start(new TestLocator(() -> hostA, () -> List.of(hostA, hostB)), dataA);
        serverB = start(new TestLocator(() -> hostB, () -> List.of(hostA, hostB)), dataB);
        serverC = start(new TestLocator(() -> hostC, () -> List.of(hostC, silentHost)), dataA);
        hostA = Peers.peerOf(serverA);
        hostB = Peers.peerOf(serverB);
        hostC = Peers.peerOf(serverC);
    }

    @AfterAll
    static void stopInstances() {
        serverA.stop();
        serverB.stop();
        serverC.stop();
        dataA.close();
        dataB.close();
    }

    @Test
    void everySourceIsMergedFromAllInstancesAndEitherAnswersTheSameBytes() {
        HttpAnswer fromA = StatsRequests.send(client(hostA), Method.GET, PATH, EVERY_SOURCE);
        HttpAnswer fromB = StatsRequests.send(client(hostB), Method.GET, PATH, EVERY_SOURCE);

        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.body()).isEqualTo(EVERY_MINUTE);
        assertThat(fromB.body()).isEqualTo(EVERY_MINUTE);
    }

    @Test
    void aSourceHeldByAnotherInstanceIsForwardedToIt() {
        String body = """
                [{"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                  "source_ip": "10.0.0.2"},
                 {"stats_type": "flows_per_second", "interval_type": "minutes", "time_interval": 10,
                  "source_ip": "10.0.0.1"}]""";
        String expected = "[" + row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30) + ","
                + row("2026-01-01 00:00:10+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30) + ","
                + row("2026-01-01 00:01:10+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5) + "]";

        assertThat(StatsRequests.send(client(hostA), Method.POST, PATH, body).body()).isEqualTo(expected);
        assertThat(StatsRequests.send(client(hostB), Method.POST, PATH, body).body()).isEqualTo(expected);
    }

    @Test
    void everyInstanceAppliesTheForwardedTokensScope() {
        // 10.0.0.1 is read on A, 10.0.0.2 on B with the caller's token; 2001:db8::1 (on B) is outside it.
        String caller = StatsRequests.ISSUER.sources("10.0.0.1", "10.0.0.2");

        HttpAnswer fromA = StatsRequests.send(client(hostA), Method.GET, PATH, EVERY_SOURCE, caller);
        HttpAnswer fromB = StatsRequests.send(client(hostB), Method.GET, PATH, EVERY_SOURCE, caller);

        String expected = "[" + row("2026-01-01 00:00:00+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30) + ","
                + row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30) + ","
                + row("2026-01-01 00:01:00+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5) + "]";
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.body()).isEqualTo(expected);
        assertThat(fromB.body()).isEqualTo(expected);
    }

    @Test
    void aForwardedQueryForAKeyHeldElsewhereIsNeverForwardedAgain() {
        HttpAnswer answer = StatsRequests.send(peerClient(hostB), Method.POST, RemoteQueryClient.INTERNAL_PREFIX + PATH,
                """
                [{"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767226200,
                  "source_ip": "10.0.0.1"}]""");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void anInstanceThatDoesNotAnswerFailsTheFanOutWith503NotAPartialAnswer() {
        HttpAnswer answer = StatsRequests.send(client(hostC), Method.GET, PATH, EVERY_SOURCE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"SERVICE_UNAVAILABLE\",\"error_text\":\"Statistics are"
                + " not available right now; retry later.\",\"error_info\":{\"retry_after_seconds\":5}}");
    }

    private static WebServer start(KeyLocator locator, SourceStatsHarness data) {
        QueryDeps deps = QueryDepsBuilder.over(DriverStores.of(data.driver)).locator(locator).clock(CLOCK)
                .issuer(StatsRequests.ISSUER).build();
        return Peers.start(deps);
    }

    /** A client of the public listener of the instance advertising {@code host}. */
    private static Http1Client client(HostInfo host) {
        WebServer server = Stream.of(serverA, serverB, serverC).filter(s -> Peers.peerOf(s).equals(host))
                .findFirst().orElseThrow();
        return Http1Client.builder().baseUri("http://localhost:" + server.port()).build();
    }

    /** A client of the peer listener {@code host}. */
    private static Http1Client peerClient(HostInfo host) {
        return Http1Client.builder().baseUri("http://" + host.host() + ":" + host.port()).build();
    }

    /** Metadata of the test cluster: 10.0.0.1 lives on A (or C, its twin), every other source on B. */
    private record TestLocator(Supplier<HostInfo> selfHost, Supplier<List<HostInfo>> hosts) implements KeyLocator {

        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            throw new UnsupportedOperationException("import_stats locates by serializer");
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            HostInfo owner = key.equals("10.0.0.1") ? (self().equals(hostC) ? hostC : hostA) : hostB;
            return owner.equals(self()) ? new Location.Local() : new Location.Remote(owner);
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
