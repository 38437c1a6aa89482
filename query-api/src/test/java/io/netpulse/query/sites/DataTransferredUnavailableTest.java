package io.netpulse.query.sites;

import static io.netpulse.query.sites.SitesFixture.SITE_A;
import static io.netpulse.query.sites.SitesFixture.error;
import static io.netpulse.query.sites.SitesFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.Test;

/**
 * Stores being restored, metadata saying nobody holds a site (a rebalance), and no instance holding the store at
 * all: 503 with Retry-After and the ErrorResponse body. A store failing otherwise answers 500.
 */
@ServerTest
class DataTransferredUnavailableTest {

    private static final String QUERY = DataTransferredService.PATH
            + "?start_time=2026-01-01T00:00:00&end_time=2026-01-01T01:00:00";
    private static final String UNAVAILABLE = error("api_error", "service_unavailable", "The data for this request"
            + " cannot be read right now (instances are rebalancing or restoring); retry after 5 seconds.");

    private final URI server;

    DataTransferredUnavailableTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HostInfo self = new HostInfo("localhost", 0);
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
        KeyLocator rebalancing = new KeyLocator() {
            @Override
            public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
                return new Location.Unavailable("rebalancing");
            }

            @Override
            public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
                return new Location.Unavailable("rebalancing");
            }

            @Override
            public List<HostInfo> hostsOf(String store) {
                throw new StoreUnavailableException("no instance holds " + store + " now (rebalancing)");
            }

            @Override
            public HostInfo self() {
                return self;
            }
        };
        QueryRoutes.register(routing, SitesFixture.deps(restoring, KeyLocator.local(self)));
        routing.register("/rebalancing", new DataTransferredService(
                Pipeline.of(SitesFixture.deps(restoring, rebalancing)), DataTransferredLimits.defaults()));
        routing.register("/broken", new DataTransferredService(
                Pipeline.of(SitesFixture.deps(broken, KeyLocator.local(self))), DataTransferredLimits.defaults()));
    }

    private void assertUnavailable(HttpAnswer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void storeBeingRestoredAnswers503ForNamedSitesAndForEverySite() {
        assertUnavailable(send(server, "GET", QUERY + "&site_ids%5B%5D=" + SITE_A));
        assertUnavailable(send(server, "GET", QUERY));
    }

    @Test
    void siteWithoutAnActiveHostAnswers503() {
        assertUnavailable(send(server, "GET", "/rebalancing" + QUERY + "&site_ids=" + SITE_A));
    }

    @Test
    void storeWithoutAnyHostAnswers503() {
        assertUnavailable(send(server, "GET", "/rebalancing" + QUERY));
    }

    @Test
    void unexpectedFailureAnswers500WithTheErrorBody() {
        HttpAnswer answer = send(server, "GET", "/broken" + QUERY);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo(error("api_error", "internal_error",
                "An unexpected error occurred; it has been logged."));
    }
}
