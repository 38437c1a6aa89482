package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.Test;

/** Stores that cannot be read (a rebalance, a restore) answer 503; a store that fails otherwise answers 500. */
@ServerTest
class InterfaceMetricsUnavailableTest {

    private static final String ID = "9f9510bd-1234-5678-a7cf-f845a39e26db";
    private static final String BODY = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}";

    private final URI server;

    InterfaceMetricsUnavailableTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        LocalStores restoring = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new StoreUnavailableException("store " + name + " is restoring");
            }
        };
        LocalStores broken = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new IllegalStateException("disk on fire");
            }
        };
        HostInfo self = new HostInfo("localhost", 0);
        QueryRoutes.register(routing, InterfaceMetricsFixture.deps(restoring, KeyLocator.local(self)));
        routing.register("/broken", new InterfaceMetricsService(Pipeline.of(InterfaceMetricsFixture.deps(broken,
                KeyLocator.local(self))), InterfaceMetricsRequest.DEFAULT_MAX_RANGE));
    }

    @Test
    void unreadableStoreAnswers503WithRetryAfter() {
        HttpAnswer answer = send(server, "POST", "/metrics/interfaces/" + ID + "/metrics", BODY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"type\":\"api_error\",\"code\":\"service_unavailable\","
                + "\"message\":\"The data for this request cannot be read right now (instances are rebalancing or"
                + " restoring); retry after 5 seconds.\",\"doc_url\":\"/docs/errors/service_unavailable\"}");
    }

    @Test
    void unexpectedFailureAnswers500WithTheErrorBody() {
        HttpAnswer answer = send(server, "POST", "/broken/metrics/interfaces/" + ID + "/metrics", BODY);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"type\":\"api_error\",\"code\":\"internal_error\","
                + "\"message\":\"An unexpected error occurred; it has been logged.\","
                + "\"doc_url\":\"/docs/errors/internal_error\"}");
    }
}
