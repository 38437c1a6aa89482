package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.EVERYTHING;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two listeners of an instance: the public one serves no internal path; the peer one answers only a caller
 * presenting the deployment's peer key, and then still authenticates the caller's token. An instance holding the
 * key gets the owner's answer byte for byte; one configured with another key gets 503, never the refusal.
 */
class PeerListenerTest {

    private static final String METRICS = "/metrics/interfaces/" + NAMED_ID + "/metrics";
    private static final String INTERNAL_METRICS = RemoteQueryClient.INTERNAL_PREFIX + METRICS;
    private static final String BODY = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:01:00Z\"}";
    private static final String ANSWER = "{\"ifInOctets\":[{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000}],"
            + "\"ifOutOctets\":[{\"clock\":\"2026-01-01 00:00:00\",\"value\":500000}]}";
    private static final String UNAVAILABLE = "{\"type\":\"api_error\",\"code\":\"service_unavailable\","
            + "\"message\":\"The data for this request cannot be read right now (instances are rebalancing or"
            + " restoring); retry after 5 seconds.\",\"doc_url\":\"/docs/errors/service_unavailable\"}";

    private static InterfaceMetricsFixture fixture;
    private static WebServer owner;
    private static WebServer asker;
    private static WebServer strangerAsker;

    @BeforeAll
    static void start() {
        fixture = new InterfaceMetricsFixture();
        owner = Peers.start(fixture.deps());
        asker = Peers.start(askingOwner(Peers.client(Duration.ofSeconds(5))));
        strangerAsker = Peers.start(askingOwner(new RemoteQueryClient(Duration.ofSeconds(5),
                PeerKey.of("another-deployment's-peer-key"))));
    }

    @AfterAll
    static void stop() {
        strangerAsker.stop();
        asker.stop();
        owner.stop();
        fixture.close();
    }

    /** An instance whose stores hold the directory but whose metadata names {@code owner} for every key. */
    private static QueryDeps askingOwner(RemoteQueryClient remote) {
        KeyLocator elsewhere = new KeyLocator() {
            @Override
            public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
                return new Location.Remote(Peers.peerOf(owner));
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
        return QueryDepsBuilder.over(fixture.stores()).locator(elsewhere).remote(remote)
                .at(InterfaceMetricsFixture.NOW).issuer(InterfaceMetricsFixture.ISSUER).build();
    }

    private static HttpAnswer post(int port, String path, String peerKey, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (peerKey != null) {
            request.header("X-Netpulse-Peer-Key", peerKey);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpAnswer.send(request.build());
    }

    private static int peerPort(WebServer server) {
        return server.port(QueryRoutes.PEER_SOCKET);
    }

    @Test
    void thePublicListenerServesNoInternalPath() {
        HttpAnswer answer = post(owner.port(), INTERNAL_METRICS, Peers.KEY_TEXT, EVERYTHING);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                + "\"message\":\"Nothing is served at this path.\",\"doc_url\":\"/docs/errors/resource_missing\"}");
    }

    @Test
    void thePeerListenerRefusesACallerWithoutTheKeyWith401() {
        HttpAnswer answer = post(peerPort(owner), INTERNAL_METRICS, null, EVERYTHING);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("X-Netpulse-Peer-Refused")).isEqualTo("peer_key_missing");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"error\":\"peer_key_missing\",\"message\":\"This listener answers"
                + " other netpulse instances only; they send the deployment's peer key in X-Netpulse-Peer-Key.\"}");
    }

    @Test
    void thePeerListenerRefusesAnotherKeyWith403() {
        for (String wrong : List.of(Peers.KEY_TEXT + "x", Peers.KEY_TEXT.substring(1), "", "x")) {
            HttpAnswer answer = post(peerPort(owner), INTERNAL_METRICS, wrong, EVERYTHING);

            assertThat(answer.status()).as(wrong).isEqualTo(403);
            assertThat(answer.header("X-Netpulse-Peer-Refused")).isEqualTo("peer_key_wrong");
            assertThat(answer.body()).isEqualTo("{\"error\":\"peer_key_wrong\",\"message\":\"The peer key differs"
                    + " from this instance's: every instance of a deployment must be configured with the same"
                    + " peer.key.\"}");
        }
    }

    @Test
    void withTheKeyTheMirrorAnswersAndStillAuthenticatesTheCaller() {
        HttpAnswer answer = post(peerPort(owner), INTERNAL_METRICS, Peers.KEY_TEXT, EVERYTHING);
        HttpAnswer anonymous = post(peerPort(owner), INTERNAL_METRICS, Peers.KEY_TEXT, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(ANSWER);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"netpulse\"");
    }

    @Test
    void thePeerListenerServesNoPublicPath() {
        HttpAnswer answer = post(peerPort(owner), METRICS, Peers.KEY_TEXT, EVERYTHING);

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void aForwardedQueryAnswersByteForByteAsTheOwnerDoes() {
        HttpAnswer local = post(owner.port(), METRICS, null, EVERYTHING);
        HttpAnswer forwarded = post(asker.port(), METRICS, null, EVERYTHING);

        assertThat(local.body()).isEqualTo(ANSWER);
        assertThat(forwarded.status()).isEqualTo(200);
        assertThat(forwarded.contentType()).isEqualTo(local.contentType());
        assertThat(forwarded.body()).isEqualTo(local.body());
    }

    @Test
    void anInstanceWithAnotherKeyAnswers503NotTheRefusal() {
        HttpAnswer answer = post(strangerAsker.port(), METRICS, null, EVERYTHING);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }
}
