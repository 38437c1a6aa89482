package io.netpulse.query;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.pipeline.Pipeline;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** The peer side of the tests' instances: one key for all of them, and servers with both listeners. */
public final class Peers {

    /** The key of every test instance, as configured. */
    public static final String KEY_TEXT = "the-peer-key-of-the-tests-0123456789";
    /** The key of every test instance. */
    public static final PeerKey KEY = PeerKey.of(KEY_TEXT);

    private Peers() {
    }

    /** Whether a test request to {@code path} is one an instance sends, so carries the key. */
    public static boolean internal(String path) {
        return path.startsWith(RemoteQueryClient.INTERNAL_PREFIX);
    }

    /** The remote client of a test instance. */
    public static RemoteQueryClient client(Duration timeout) {
        return new RemoteQueryClient(timeout, KEY);
    }

    /** A started server on free localhost ports: the APIs on the public listener, the mirrors on the peer one. */
    public static WebServer start(QueryDeps deps) {
        Pipeline pipeline = Pipeline.of(deps);
        WebServerConfig.Builder server = WebServer.builder().host("localhost").port(0)
                .routing(routing -> QueryRoutes.register(routing, pipeline));
        QueryRoutes.listener(server, deps.authenticator());
        QueryRoutes.peerListener(server, new HostInfo("localhost", 0), pipeline);
        return server.build().start();
    }

    /**
     * A request to {@code server} for {@code pathAndQuery} as the right caller sends it: an internal path on its
     * peer listener with the key, as another instance does; any other on its public listener.
     */
    public static HttpRequest.Builder request(WebServer server, String pathAndQuery) {
        boolean internal = internal(pathAndQuery);
        int port = internal ? server.port(QueryRoutes.PEER_SOCKET) : server.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (internal) {
            request.header(PeerKey.HEADER.defaultCase(), KEY_TEXT);
        }
        return request;
    }

    /** Where other instances reach {@code server}'s peer listener: its application.server. */
    public static HostInfo peerOf(WebServer server) {
        return new HostInfo("localhost", server.port(QueryRoutes.PEER_SOCKET));
    }
}
