package io.netpulse.registry.server;

import io.helidon.webserver.WebServer;
import io.netpulse.registry.TestSchemas;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The embedded registry's REST service on a real socket, and the raw HTTP a Confluent client sends it: each answer
 * as status, content type and body, so a test compares all three at once.
 */
final class RegistryHttp implements AutoCloseable {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    RegistryHttp(RegistryService service) {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/registry", service))
                .build().start();
    }

    /** 200 with Confluent's content type. */
    static HttpAnswer ok(String body) {
        return HttpAnswer.of(200, CONTENT_TYPE, body);
    }

    /** Confluent's error body. */
    static HttpAnswer error(int status, int errorCode, String message) {
        return HttpAnswer.of(status, CONTENT_TYPE,
                "{\"error_code\":" + errorCode + ",\"message\":" + TestSchemas.quoted(message)
                        + "}");
    }

    HttpAnswer get(String path) {
        return send(request(path).GET());
    }

    HttpAnswer post(String path, String body) {
        return send(request(path).header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpAnswer put(String path, String body) {
        return send(request(path).header("Content-Type", CONTENT_TYPE).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpAnswer delete(String path) {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/registry" + path));
    }

    HttpAnswer send(HttpRequest.Builder request) {
        return HttpAnswer.send(http, request.build());
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
