package io.netpulse.query.alerts;

import static io.netpulse.query.alerts.AlertStoreData.NOW;
import static io.netpulse.query.alerts.AlertStoreData.alert;
import static io.netpulse.query.alerts.AlertStoreData.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.WebServer;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.alerts.AlertRule;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each a real Helidon server over its own alert store: A holds two alerts, B two others. Either
 * answers all four, merged in order, the limit applied to the whole; each applies the caller's scope. A third, C,
 * holds A's alerts but its metadata names an instance that does not answer: 503, never a partial answer.
 */
class AlertsForwardingTest {

    private static final TestIssuer ISSUER = TestIssuer.at(NOW);
    private static final Alert SPIKE_A = alert(AlertRule.IP_SPIKE, "203.0.113.10", 70, null)
            .setAddress("203.0.113.10").setAccountId("acct-1").setThreshold(2_000_000).setObserved(2_500_000)
            .setUnit("bytes").build();
    private static final Alert SILENT_A = alert(AlertRule.SOURCE_SILENT, "flows:10.0.0.1", 20, null)
            .setSource("10.0.0.1").setSignal("flows").setThreshold(300).setObserved(300).setUnit("seconds").build();
    private static final Alert SPIKE_B = alert(AlertRule.IP_SPIKE, "203.0.113.20", 40, null)
            .setAddress("203.0.113.20").setAccountId("acct-2").setThreshold(1_000_000).setObserved(1_200_000)
            .setUnit("bytes").build();
    private static final Alert SILENT_B = alert(AlertRule.SOURCE_SILENT, "counters:10.0.0.2", 10, null)
            .setSource("10.0.0.2").setSignal("counters").setThreshold(300).setObserved(300).setUnit("seconds")
            .build();

    private static AlertStoreData dataA;
    private static AlertStoreData dataB;
    private static WebServer serverA;
    private static WebServer serverB;
    private static WebServer serverC;
    private static HostInfo hostA;
    private static HostInfo hostB;
    private static HostInfo hostC;
    private static HostInfo silentHost;

    @BeforeAll
    static void startInstances() throws IOException {
        dataA = new AlertStoreData(SPIKE_A, SILENT_A);
        dataB = new AlertStoreData(SPIKE_B, SILENT_B);
        try (ServerSocket closed = new ServerSocket(0)) {
            silentHost = new HostInfo("localhost", closed.getLocalPort());
        }
        serverA = start(new EveryHost(() -> hostA, () -> List.of(hostA, hostB)), dataA);
        serverB = start(new EveryHost(() -> hostB, () -> List.of(hostA, hostB)), dataB);
        serverC = start(new EveryHost(() -> hostC, () -> List.of(hostC, silentHost)), dataA);
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

    private static WebServer start(KeyLocator locator, AlertStoreData data) {
        QueryDeps deps = QueryDepsBuilder.over(DriverStores.of(data.driver)).locator(locator).at(NOW).issuer(ISSUER)
                .build();
        return Peers.start(deps);
    }

    private static HttpAnswer get(HostInfo host, String limit, String authorization) {
        WebServer server = java.util.stream.Stream.of(serverA, serverB, serverC)
                .filter(s -> Peers.peerOf(s).equals(host)).findFirst().orElseThrow();
        Http1Client client = Http1Client.builder().baseUri("http://" + host.host() + ":" + server.port()).build();
        Http1ClientRequest request = client.get("/alerts").header(HeaderNames.AUTHORIZATION, authorization);
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return HttpAnswer.of(request.request());
    }

    @Test
    void everyInstanceAnswersTheAlertsOfAllMerged() {
        String all = answer(false, SPIKE_A, SPIKE_B, SILENT_A, SILENT_B);

        assertThat(get(hostA, null, ISSUER.everything()))
                .extracting(HttpAnswer::status, answer -> answer.header("Retry-After"), HttpAnswer::body)
                .containsExactly(200, null, all);
        assertThat(get(hostB, null, ISSUER.everything()))
                .extracting(HttpAnswer::status, answer -> answer.header("Retry-After"), HttpAnswer::body)
                .containsExactly(200, null, all);
    }

    @Test
    void theLimitAppliesToTheMergedAnswer() {
        // Each instance sends its latest limit + 1 = 2; the merge keeps the latest 1 of the whole.
        assertThat(get(hostB, "1", ISSUER.everything()).body()).isEqualTo(answer(true, SPIKE_A));
        assertThat(get(hostA, "3", ISSUER.everything()).body()).isEqualTo(answer(true, SPIKE_A, SPIKE_B, SILENT_A));
    }

    @Test
    void everyInstanceAppliesTheCallersScope() {
        String caller = ISSUER.bearer(List.of(), List.of("acct-2"), List.of("10.0.0.1"));

        assertThat(get(hostA, null, caller).body()).isEqualTo(answer(false, SPIKE_B, SILENT_A));
    }

    @Test
    void anInstanceThatDoesNotAnswerMakesIt503NotAPartialAnswer() {
        HttpAnswer answer = get(hostC, null, ISSUER.everything());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).contains("\"code\":\"service_unavailable\"");
    }

    /** Metadata for a fan-out: the alerts are only ever read from every host at once. */
    private record EveryHost(Supplier<HostInfo> selfHost, Supplier<List<HostInfo>> hosts) implements KeyLocator {

        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            throw new UnsupportedOperationException("alerts are not located by key");
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            throw new UnsupportedOperationException("alerts are not located by key");
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
