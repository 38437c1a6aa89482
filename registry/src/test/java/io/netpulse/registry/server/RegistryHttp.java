package io.netpulse.registry.server;

import io.helidon.webserver.WebServer;
import io.netpulse.registry.TestSchemas;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The embedded registry's REST service on a real socket, and the raw HTTP a Confluent client sends it: each answer
 * as status, content type and body, so a test compares all three at once.
 */
final class RegistryHttp implements AutoCloseable {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** One answer. */
    record Answer(int status, String contentType, String body) {
    }

    private final WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    RegistryHttp(RegistryService service) {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/registry", service))
                .build().start();
    }

    /** 200 with Confluent's content type. */
    static Answer ok(String body) {
        return new Answer(200, CONTENT_TYPE, body);
    }

    /** Confluent's error body. */
    static Answer error(int status, int errorCode, String message) {
        return new Answer(status, CONTENT_TYPE,
                "{\"error_code\":" + errorCode + ",\"message\":" + TestSchemas.quoted(message)
                        + "}");
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, String body) {
        return send(request(path).header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, String body) {
        return send(request(path).header("Content-Type", CONTENT_TYPE).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/registry" + path));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> type = response.headers().firstValue("Content-Type");
            return new Answer(response.statusCode(), type.orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The full response, for the headers a test checks beyond the answer. */
    HttpResponse<String> raw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
