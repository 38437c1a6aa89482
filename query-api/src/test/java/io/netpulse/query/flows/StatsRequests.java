package io.netpulse.query.flows;

import static io.netpulse.testkit.TestTime.T0;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClient;
import io.helidon.webclient.api.ClientRequest;
import io.netpulse.query.Peers;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.testkit.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How the import-stats API tests send a request: a body, and a caller's token or another header. */
final class StatsRequests {

    /** Tokens valid at the flow tests' "now" (T0 + 10 min). */
    static final TestIssuer ISSUER = TestIssuer.at(T0.plus(Duration.ofMinutes(10)));
    /** The Authorization header of a caller that may see every source: what {@link #send} sends by default. */
    static final String EVERYTHING = ISSUER.everything();

    /** Sends {@code body} (null for none) with {@code method} to {@code path} and one header (none when null). */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String body,
                           HeaderName header, String value) {
        ClientRequest<?> request = client.method(method).path(path);
        if (header != null) {
            request.header(header, value);
        }
        if (Peers.internal(path)) {
            request.header(PeerKey.HEADER, Peers.KEY_TEXT);
        }
        return HttpAnswer.of(body == null ? request.request()
                : request.submit(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends as a caller that may see every source. */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String body) {
        return send(client, method, path, body, HeaderNames.AUTHORIZATION, EVERYTHING);
    }

    /** Sends with {@code authorization} as the Authorization header, or none when it is null. */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String body,
                           String authorization) {
        return send(client, method, path, body, authorization == null ? null : HeaderNames.AUTHORIZATION,
                authorization);
    }

    private StatsRequests() {
    }
}
