package io.netpulse.query.iq;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance to answer a query from its local stores. The request goes to the internal mirror of
 * the public route ({@value #INTERNAL_PREFIX} + path) on the other instance's peer listener (its
 * {@code application.server}), with the deployment's {@link PeerKey} and {@link #FORWARDED} set, so the receiver
 * answers from its own stores or with 503 and never forwards again: two instances with stale metadata cannot
 * ping-pong. The caller's Authorization header travels along, so scoping holds on every instance.
 */
public final class RemoteQueryClient {

    /** Prefix of the internal routes that answer forwarded queries. */
    public static final String INTERNAL_PREFIX = "/internal/v1";
    /** Marks a forwarded request. */
    public static final HeaderName FORWARDED = HeaderNames.create("X-Netpulse-Forwarded");

    private static final Logger LOG = LoggerFactory.getLogger(RemoteQueryClient.class);

    private final WebClient client;
    private final PeerKey key;
    private final Duration timeout;
    private final AssignmentGuard guard;

    /** A client without assignment checks (a single instance, tests). */
    public RemoteQueryClient(Duration timeout, PeerKey key) {
        this(timeout, key, AssignmentGuard.none());
    }

    /**
     * @param timeout how long the other instance may take to connect and to answer
     * @param key     the key every instance of the deployment shares; also the one this instance's peer listener
     *                requires
     * @param guard   tells the other instance which partitions this query expects it to hold
     */
    public RemoteQueryClient(Duration timeout, PeerKey key, AssignmentGuard guard) {
        this.timeout = timeout;
        this.key = Objects.requireNonNull(key, "key");
        this.guard = guard;
        this.client = WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .build();
    }

    /** The key of the deployment: sent to other instances, required from them. */
    public PeerKey key() {
        return key;
    }

    /** How long another instance may take to answer: also the deadline of a fan-out's share. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends the query to {@code host}.
     *
     * @param path        public path of the query, without {@value #INTERNAL_PREFIX}
     * @param query       query parameters (repeated values allowed)
     * @param headers     headers to carry over (Authorization, Accept, Content-Type). Authorization must be the
     *                    caller's own header, unchanged: the receiving instance authenticates and scopes the
     *                    query again ({@link io.netpulse.query.auth.Authenticator}), since the forwarded marker
     *                    proves nothing about who is asking
     * @param body        request body, or null for none
     * @throws StoreUnavailableException when the instance cannot be reached in time, or refuses this instance's
     *                                   peer key (instances configured with different {@code peer.key}s)
     */
    public Reply forward(HostInfo host, Method method, String path, Map<String, List<String>> query,
                                Map<HeaderName, String> headers, byte[] body) {
        HttpClientRequest request = client.method(method)
                .uri("http://" + host.host() + ":" + host.port() + INTERNAL_PREFIX + path)
                .readTimeout(timeout)
                .header(FORWARDED, "true")
                .header(PeerKey.HEADER, key.value());
        guard.expectationFor(host).ifPresent(expected -> request.header(AssignmentGuard.EXPECTED, expected));
        query.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        headers.forEach(request::header);
        HttpClientResponse response;
        try {
            response = body == null ? request.request() : request.submit(body);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("instance " + host + " did not answer: " + e.getMessage(), e);
        }
        try (response) {
            if (response.headers().contains(PeerKey.REFUSED)) {
                String why = response.headers().first(PeerKey.REFUSED).orElse("");
                LOG.error("Instance {} refused this instance's peer key ({}): every instance must be configured with"
                        + " the same peer.key", host, why);
                throw new StoreUnavailableException("instance " + host + " refused this instance's peer key (" + why
                        + ")");
            }
            String contentType = response.headers().contentType().map(Object::toString).orElse(null);
            byte[] answer = response.entity().hasEntity() ? response.entity().as(byte[].class) : new byte[0];
            String retryAfter = response.headers().first(HeaderNames.RETRY_AFTER).orElse(null);
            return new Reply(response.status().code(), contentType, retryAfter, answer);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("instance " + host + " did not answer: " + e.getMessage(), e);
        }
    }
}
