package io.netpulse.query.flows;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestMetrics;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every request to an API is counted and timed by API, listener and status once it is answered, refusals too. */
@ServerTest
class RequestMetricsTest {

    private static final SourceStatsHarness HARNESS = new SourceStatsHarness();
    private static final RequestMetrics REQUESTS = RequestMetrics.of(Metrics.createMeterRegistry());
    private static final String ONE_MINUTE = """
            {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767225660,
             "source_ip": "10.0.0.1"}""";

    static {
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
    }

    private final URI server;

    RequestMetricsTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryDeps deps = QueryDepsBuilder.over(DriverStores.of(HARNESS.driver)).at(T0.plus(Duration.ofMinutes(10)))
                .issuer(StatsRequests.ISSUER).build();
        QueryRoutes.register(routing, Pipeline.of(deps, Bulkhead.defaults(), REQUESTS));
    }

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    private HttpAnswer post(String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(ImportStatsService.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header("Authorization", StatsRequests.EVERYTHING);
        }
        return HttpAnswer.send(request.build());
    }

    @Test
    void answersAndRefusalsAreCountedByApiListenerAndStatus() {
        // Helidon's registries share their meters within a JVM: other tests' requests count too, so this test
        // counts what its own requests add.
        long ok = REQUESTS.timer("import_stats", "public", 200).count();
        long unauthenticated = REQUESTS.timer("import_stats", "public", 401).count();
        long refused = REQUESTS.timer("import_stats", "public", 400).count();
        long forwarded = REQUESTS.timer("import_stats", "peer", 200).count();
        double okNanos = REQUESTS.timer("import_stats", "public", 200).totalTime(TimeUnit.NANOSECONDS);

        assertThat(post(ONE_MINUTE, true).status()).isEqualTo(200);
        assertThat(post(ONE_MINUTE, true).status()).isEqualTo(200);
        assertThat(post(ONE_MINUTE, false).status()).isEqualTo(401);
        assertThat(post("{\"stats_type\": \"flows\"}", true).status()).isEqualTo(400);

        // recorded when each answer has been sent, a moment after the client has read it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(REQUESTS.timer("import_stats", "public", 200).count()).isEqualTo(ok + 2);
            assertThat(REQUESTS.timer("import_stats", "public", 401).count()).isEqualTo(unauthenticated + 1);
            assertThat(REQUESTS.timer("import_stats", "public", 400).count()).isEqualTo(refused + 1);
        });
        assertThat(REQUESTS.timer("import_stats", "public", 200).totalTime(TimeUnit.NANOSECONDS))
                .as("the latencies of the two answers").isGreaterThan(okNanos);
        assertThat(REQUESTS.timer("import_stats", "peer", 200).count()).as("no forwarded request")
                .isEqualTo(forwarded);
        assertThat(RequestMetrics.label(io.netpulse.query.interfaces.InterfaceMetricsService.API)).isEqualTo("interface_metrics");
    }
}
