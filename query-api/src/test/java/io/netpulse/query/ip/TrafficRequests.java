package io.netpulse.query.ip;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientRequest;
import io.helidon.webclient.api.HttpClient;
import io.netpulse.query.Peers;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.testkit.HttpAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the per-IP API tests send a request: with a caller's token, query parameters and headers as given. */
final class TrafficRequests {

    /** Tokens valid at the API tests' "now" (2026-01-04 12:00). */
    static final TestIssuer ISSUER = TestIssuer.at(Instant.parse("2026-01-04T12:00:00Z"));
    /** The Authorization header of a caller that may see every account. */
    static final String EVERYTHING = ISSUER.everything();

    /**
     * Sends {@code method} to {@code path} with the query {@code query} ({@code name=value&...}, values as they are)
     * and the request headers {@code headers}, as a caller that may see every account unless {@code headers} has
     * its own Authorization.
     */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String query,
                              Map<String, String> headers) {
        return send(client, method, path, query, headers, headers.getOrDefault("Authorization", EVERYTHING));
    }

    /** As {@link #send}, with {@code authorization} as the Authorization header, or none when it is null. */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String query,
                              Map<String, String> headers, String authorization) {
        ClientRequest<?> request = client.method(method).path(path);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        if (Peers.internal(path)) {
            request.header(PeerKey.HEADER, Peers.KEY_TEXT);
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.computeIfAbsent(pair.substring(0, equals), name -> new ArrayList<>())
                        .add(pair.substring(equals + 1));
            }
        }
        parameters.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        headers.forEach((name, value) -> {
            if (!name.equals("Authorization")) {
                request.header(HeaderNames.create(name), value);
            }
        });
        return HttpAnswer.of(request.request());
    }

    private TrafficRequests() {
    }
}
