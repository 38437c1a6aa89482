package io.netpulse.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One HTTP/1.1 exchange of an API test with a real server, its answer kept byte for byte. */
public final class HttpExchange {

    private HttpExchange() {
    }

    /**
     * What the server answered.
     *
     * @param status      the status code
     * @param contentType the Content-Type header, or null
     * @param body        the body as text
     * @param response    the whole response, for other headers
     */
    public record Answer(int status, String contentType, String body, HttpResponse<String> response) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** Sends {@code request} and waits for the answer. */
    public static Answer send(HttpRequest request) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
