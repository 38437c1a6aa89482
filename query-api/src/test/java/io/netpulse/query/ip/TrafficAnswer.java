package io.netpulse.query.ip;

import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientRequest;
import io.helidon.webclient.api.HttpClient;
import io.helidon.webclient.api.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a test request got back: status, headers and the body as text. */
record TrafficAnswer(int status, ClientResponseHeaders headers, String body) {

    /**
     * Sends {@code method} to {@code path} with the query {@code query} ({@code name=value&...}, values as they are)
     * and the request headers {@code headers}.
     */
    static TrafficAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String query,
                              Map<String, String> headers) {
        ClientRequest<?> request = client.method(method).path(path);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.computeIfAbsent(pair.substring(0, equals), name -> new ArrayList<>())
                        .add(pair.substring(equals + 1));
            }
        }
        parameters.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse response = request.request()) {
            String text = response.entity().hasEntity()
                    ? new String(response.entity().as(byte[].class), StandardCharsets.UTF_8) : "";
            return new TrafficAnswer(response.status().code(), response.headers(), text);
        }
    }

    /** The Content-Type as sent. */
    String contentType() {
        return headers.first(HeaderNames.CONTENT_TYPE).orElse("");
    }
}
