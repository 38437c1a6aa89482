package io.netpulse.query.flows;

import static io.netpulse.query.flows.ImportStatsServiceTest.row;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An instance whose bulkhead admits one expensive plan (10 windows or more) at a time. The first read of a store
 * waits until the test lets it go, so one expensive request holds the only permit while others arrive.
 */
@ServerTest
class ImportStatsBulkheadTest {

    private static final SourceStatsHarness HARNESS = new SourceStatsHarness();
    private static final String EVERY_SOURCE = """
            {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767226200, "source_ip": ""}""";
    /** One minute of one source: a plan of 1 window. */
    private static final String ONE_MINUTE = """
            {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767225660,
             "source_ip": "10.0.0.2"}""";
    private static final String MINUTE_00_A = row("2026-01-01 00:00:00+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30);
    private static final String MINUTE_00_B = row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30);
    private static final String MINUTE_01_A = row("2026-01-01 00:01:00+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5);
    private static final CountDownLatch READING = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    static {
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusMillis(10_500)).setBytes(2000).setPackets(20).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(70)).setBytes(500).setPackets(5).build());
        HARNESS.pipe(flow("10.0.0.2", T0.plusSeconds(10)).setBytes(3000).setPackets(30).build());
    }

    private final URI server;

    ImportStatsBulkheadTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        LocalStores driver = DriverStores.of(HARNESS.driver);
        AtomicBoolean first = new AtomicBoolean(true);
        LocalStores firstReadWaits = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (first.getAndSet(false)) {
                    READING.countDown();
                    try {
                        RELEASE.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return driver.store(name, type);
            }
        };
        QueryDeps deps = QueryDepsBuilder.over(firstReadWaits).at(T0.plus(Duration.ofMinutes(10)))
                .issuer(StatsRequests.ISSUER).build();
        QueryRoutes.register(routing, Pipeline.of(deps, new Bulkhead(1, 10)));
    }

    @AfterAll
    static void close() {
        RELEASE.countDown();
        HARNESS.close();
    }

    private HttpAnswer post(String body) {
        return HttpAnswer.send(HttpRequest.newBuilder(server.resolve(ImportStatsService.PATH))
                .header("Authorization", StatsRequests.EVERYTHING)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    void anExpensivePlanFindingTheBulkheadFullIs503AndCheapPlansStillPass() throws Exception {
        CompletableFuture<HttpAnswer> holding = CompletableFuture.supplyAsync(() -> post(EVERY_SOURCE));
        assertThat(READING.await(30, TimeUnit.SECONDS)).isTrue();

        HttpAnswer busy = post(EVERY_SOURCE);
        HttpAnswer cheap = post(ONE_MINUTE);
        RELEASE.countDown();
        HttpAnswer held = holding.get(30, TimeUnit.SECONDS);
        HttpAnswer after = post(EVERY_SOURCE);

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(busy.body()).isEqualTo("{\"error_id\":\"SERVICE_UNAVAILABLE\",\"error_text\":\"Statistics are not"
                + " available right now; retry later.\",\"error_info\":{\"retry_after_seconds\":1}}");
        assertThat(cheap.status()).isEqualTo(200);
        assertThat(cheap.body()).isEqualTo("[" + MINUTE_00_B + "]");
        String everyMinute = "[" + MINUTE_00_A + "," + MINUTE_00_B + "," + MINUTE_01_A + "]";
        assertThat(held.body()).isEqualTo(everyMinute);
        assertThat(after.body()).isEqualTo(everyMinute);
    }
}
