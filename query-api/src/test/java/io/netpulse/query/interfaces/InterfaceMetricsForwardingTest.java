package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.DERIVED;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances: the one under test holds the directory, but its locator says {@code NAMED} lives on
 * {@code owner}, a real server answering from the stores, and {@code DERIVED} on {@code restoringOwner}, whose
 * stores are being restored. Answers pass through byte for byte; a request already forwarded is never
 * forwarded again.
 */
@ServerTest
class InterfaceMetricsForwardingTest {

    private static final String BODY = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:01:00Z\"}";
    private static InterfaceMetricsFixture fixture;
    private static WebServer owner;
    private static WebServer restoringOwner;

    private final URI server;
    private final URI peer;

    InterfaceMetricsForwardingTest(URI server, @Socket(QueryRoutes.PEER_SOCKET) URI peer) {
        this.server = server;
        this.peer = peer;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, deps());
    }

    @SetUpRoute(QueryRoutes.PEER_SOCKET)
    static void peer(HttpRouting.Builder routing) {
        QueryRoutes.registerPeer(routing, deps());
    }

    /** The instance under test: its locator names the owners' peer listeners. */
    private static synchronized QueryDeps deps() {
        if (fixture == null) {
            fixture = new InterfaceMetricsFixture();
            owner = Peers.start(fixture.deps());
            LocalStores restoring = new LocalStores() {
                @Override
                public <T> T store(String name, QueryableStoreType<T> type) {
                    throw new StoreUnavailableException("store " + name + " is restoring");
                }
            };
            restoringOwner = Peers.start(InterfaceMetricsFixture.deps(restoring,
                    KeyLocator.local(new HostInfo("localhost", 0))));
        }
        KeyLocator elsewhere = new KeyLocator() {
            @Override
            public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
                WebServer holder = InterfaceMetricsFixture.NAMED.equals(key) ? owner : restoringOwner;
                return new Location.Remote(Peers.peerOf(holder));
            }

            @Override
            public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
                return new Location.Remote(Peers.peerOf(owner));
            }

            @Override
            public List<HostInfo> hostsOf(String store) {
                return List.of(Peers.peerOf(owner));
            }

            @Override
            public HostInfo self() {
                return new HostInfo("localhost", 0);
            }
        };
        return InterfaceMetricsFixture.deps(fixture.stores(), elsewhere);
    }

    @AfterAll
    static void close() {
        owner.stop();
        restoringOwner.stop();
        fixture.close();
    }

    @Test
    void answerOfTheOwningInstancePassesThrough() {
        HttpAnswer answer = send(server, "POST", "/metrics/interfaces/" + NAMED_ID + "/metrics", BODY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"ifInOctets\":[{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000}],"
                + "\"ifOutOctets\":[{\"clock\":\"2026-01-01 00:00:00\",\"value\":500000}]}");
    }

    @Test
    void errorOfTheOwningInstancePassesThroughToo() {
        HttpAnswer answer = send(server, "POST", "/metrics/interfaces/" + DERIVED.derivedId() + "/metrics", BODY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo("{\"type\":\"api_error\",\"code\":\"service_unavailable\","
                + "\"message\":\"The data for this request cannot be read right now (instances are rebalancing or"
                + " restoring); retry after 5 seconds.\",\"doc_url\":\"/docs/errors/service_unavailable\"}");
    }

    @Test
    void forwardedRequestIsNeverForwardedAgain() {
        HttpAnswer answer = send(peer, "POST", "/internal/v1/metrics/interfaces/" + NAMED_ID + "/metrics", BODY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        // the same 503 as any other data that cannot be read now
        assertThat(answer.body()).isEqualTo("{\"type\":\"api_error\",\"code\":\"service_unavailable\","
                + "\"message\":\"The data for this request cannot be read right now (instances are rebalancing or"
                + " restoring); retry after 5 seconds.\",\"doc_url\":\"/docs/errors/service_unavailable\"}");
    }
}
