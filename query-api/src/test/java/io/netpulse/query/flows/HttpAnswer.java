package io.netpulse.query.flows;

import io.helidon.http.HeaderName;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClient;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.ClientRequest;
import io.helidon.http.ClientResponseHeaders;
import java.nio.charset.StandardCharsets;

/** What a test request got back: status, headers and the body as text. */
record HttpAnswer(int status, ClientResponseHeaders headers, String body) {

    /** Sends {@code body} (null for none) with {@code method} to {@code path}. */
    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String body,
                           HeaderName header, String value) {
        ClientRequest<?> request = client.method(method).path(path);
        if (header != null) {
            request.header(header, value);
        }
        try (HttpClientResponse response = body == null ? request.request()
                : request.submit(body.getBytes(StandardCharsets.UTF_8))) {
            String text = response.entity().hasEntity()
                    ? new String(response.entity().as(byte[].class), StandardCharsets.UTF_8) : "";
            return new HttpAnswer(response.status().code(), response.headers(), text);
        }
    }

    static HttpAnswer send(HttpClient<? extends ClientRequest<?>> client, Method method, String path, String body) {
        return send(client, method, path, body, null, null);
    }
}
