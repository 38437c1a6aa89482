package io.netpulse.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a test request got back, whatever client sent it: the status, the Content-Type, the body as text and every
 * header. Two answers are equal when status, Content-Type and body are, so a test states a whole expected answer
 * in one {@code isEqualTo(HttpAnswer.of(...))}; other headers are read by name with {@link #header(String)}.
 *
 * @param status      the status code
 * @param contentType the Content-Type header as sent, or null when there was none
 * @param body        the body as text ("" when there was none)
 * @param headers     every header by name (any case), its values in the order sent
 */
public record HttpAnswer(int status, String contentType, String body, Map<String, List<String>> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpAnswer {
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = Collections.unmodifiableSortedMap(byName);
    }

    /** An expected answer: {@code status} with {@code contentType} and {@code body}. */
    public static HttpAnswer of(int status, String contentType, String body) {
        return new HttpAnswer(status, contentType, body, Map.of());
    }

    /** The answer a JDK client got, every header kept. */
    public static HttpAnswer of(HttpResponse<String> response) {
        return new HttpAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body() == null ? "" : response.body(), response.headers().map());
    }

    /** The answer Helidon's WebClient got, every header kept; closes {@code response}. */
    public static HttpAnswer of(HttpClientResponse response) {
        try (response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : response.headers()) {
                headers.put(header.name(), header.allValues());
            }
            String body = response.entity().hasEntity()
                    ? new String(response.entity().as(byte[].class), StandardCharsets.UTF_8) : "";
            return new HttpAnswer(response.status().code(),
                    response.headers().first(HeaderNames.CONTENT_TYPE).orElse(null), body, headers);
        }
    }

    /** Sends {@code request} over HTTP/1.1 with a client of its own and returns the answer. */
    public static HttpAnswer send(HttpRequest request) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return send(client, request);
        }
    }

    /** Sends {@code request} with {@code client} and returns the answer. */
    public static HttpAnswer send(HttpClient client, HttpRequest request) {
        try {
            return of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first value of header {@code name} (any case), or null when it was not sent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The body parsed as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpAnswer that && status == that.status
                && Objects.equals(contentType, that.contentType) && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, body);
    }

    @Override
    public String toString() {
        return status + " " + (contentType == null ? "(no Content-Type)" : contentType) + " " + body;
    }
}
