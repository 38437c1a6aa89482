package io.netpulse.registry.client;

import static io.netpulse.registry.TestSchemas.PING;
import static io.netpulse.registry.TestSchemas.PING_JSON;
import static io.netpulse.registry.TestSchemas.PING_V2;
import static io.netpulse.registry.TestSchemas.PONG;
import static io.netpulse.registry.TestSchemas.PONG_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.server.RegistryService;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Confluent REST client against the embedded registry's REST service on a real socket, and against a recording
 * route that shows what the client sends.
 */
class HttpSchemaRegistryClientTest {

    final InMemorySchemaRegistry memory = new InMemorySchemaRegistry();
    /** Each request the recording routes saw: method, raw path, Authorization, Content-Type, body. */
    final List<String> recorded = new CopyOnWriteArrayList<>();
    WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing
                        .register("/registry", new RegistryService(memory, request -> true))
                        .post("/recording/subjects/{subject}/versions", (req, res) -> {
                            recorded.add("POST " + req.path().rawPath() + " | "
                                    + req.headers().first(HeaderNames.AUTHORIZATION).orElse("-") + " | "
                                    + req.headers().first(HeaderNames.CONTENT_TYPE).orElse("-") + " | "
                                    + req.content().as(String.class));
                            res.send("{\"id\": 21}");
                        })
                        .get("/recording/schemas/ids/{id}", (req, res) -> {
                            recorded.add("GET " + req.path().rawPath() + " | "
                                    + req.headers().first(HeaderNames.AUTHORIZATION).orElse("-"));
                            res.send("{\"schema\": \"\\\"string\\\"\"}");
                        })
                        .get("/plain-error/schemas/ids/{id}", (req, res) -> res.status(503).send("down for upgrade")))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void registerAnswersTheRegistrysIds() {
        try (HttpSchemaRegistryClient client = client("/registry")) {
            assertThat(client.register("pings-value", PING)).isEqualTo(1);
            assertThat(client.register("pings-value", PING)).isEqualTo(1);
            assertThat(client.register("pings-value", PING_V2)).isEqualTo(2);
            assertThat(client.register("pongs-value", PING)).isEqualTo(1);
        }
        assertThat(memory.versions("pings-value", InMemorySchemaRegistry.Deleted.EXCLUDED)).containsExactly(1, 2);
        assertThat(memory.versions("pongs-value", InMemorySchemaRegistry.Deleted.EXCLUDED)).containsExactly(1);
    }

    @Test
    void schemaByIdRoundTrips() {
        try (HttpSchemaRegistryClient writer = client("/registry"); HttpSchemaRegistryClient reader = client("/registry")) {
            int pong = writer.register("pongs-value", PONG);

            assertThat(pong).isEqualTo(1);
            assertThat(reader.schemaById(1)).isEqualTo(PONG);
            assertThat(reader.schemaById(1).toString()).isEqualTo(PONG_JSON);
        }
    }

    @Test
    void anUnknownIdIsASchemaRegistryExceptionWith40403() {
        String base = "http://127.0.0.1:" + server.port() + "/registry";
        try (HttpSchemaRegistryClient client = client("/registry")) {
            assertThatThrownBy(() -> client.schemaById(7))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40403);
                        assertThat(e.getMessage()).isEqualTo("Schema registry " + base
                                + "/schemas/ids/7 answered 404 (error_code 40403): Schema 7 not found");
                    });
        }
    }

    @Test
    void sendsBasicAuthTheContentTypeAndAnEncodedSubject() {
        // base64("netpulse:s3cret:x") = bmV0cHVsc2U6czNjcmV0Ong=; a password may hold ':'.
        RegistrySettings settings = RegistrySettings.of(URI.create("http://127.0.0.1:" + server.port() + "/recording/"))
                .withBasicAuth("netpulse", "s3cret:x");
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings)) {
            assertThat(client.register("counters value+1", PING)).isEqualTo(21);
            assertThat(client.schemaById(9).toString()).isEqualTo("\"string\"");
        }
        assertThat(recorded).containsExactly(
                "POST /recording/subjects/counters%20value%2B1/versions | Basic bmV0cHVsc2U6czNjcmV0Ong= | "
                        + "application/vnd.schemaregistry.v1+json | {\"schema\":\"" + PING_JSON.replace("\"", "\\\"") + "\"}",
                "GET /recording/schemas/ids/9 | Basic bmV0cHVsc2U6czNjcmV0Ong=");
    }

    @Test
    void asksForEachIdAndEachSubjectSchemaOnce() {
        try (HttpSchemaRegistryClient client = client("/recording")) {
            client.register("pings-value", PING);
            client.register("pings-value", PING);
            client.register("pongs-value", PING);
            client.schemaById(9);
            client.schemaById(9);
            // The id a registration answered is known without asking.
            assertThat(client.schemaById(21)).isEqualTo(PING);
        }
        assertThat(recorded).extracting(line -> line.substring(0, line.indexOf(" | ")))
                .containsExactly(
                        "POST /recording/subjects/pings-value/versions",
                        "POST /recording/subjects/pongs-value/versions",
                        "GET /recording/schemas/ids/9");
    }

    @Test
    void anErrorWithoutConfluentBodyKeepsTheStatusAsCode() {
        String base = "http://127.0.0.1:" + server.port() + "/plain-error";
        try (HttpSchemaRegistryClient client = client("/plain-error")) {
            assertThatThrownBy(() -> client.schemaById(3))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.errorCode()).isEqualTo(503);
                        assertThat(e.getMessage()).isEqualTo("Schema registry " + base
                                + "/schemas/ids/3 answered 503 (error_code 503): down for upgrade");
                    });
        }
    }

    @Test
    void anUnreachableRegistryIsNoResponse() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistrySettings settings = RegistrySettings.of(URI.create("http://127.0.0.1:" + closedPort));
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings)) {
            assertThatThrownBy(() -> client.register("pings-value", PING))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                        assertThat(e.getMessage()).startsWith("Schema registry http://127.0.0.1:" + closedPort
                                + "/subjects/pings-value/versions did not answer: java.net.ConnectException");
                    });
        }
    }

    @Test
    void settingsHideThePassword() {
        RegistrySettings settings = RegistrySettings.of(URI.create("https://registry.example:8081"))
                .withBasicAuth("netpulse", "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("BasicAuth[user=netpulse, password=***]");
    }

    private HttpSchemaRegistryClient client(String path) {
        return new HttpSchemaRegistryClient(
                RegistrySettings.of(URI.create("http://127.0.0.1:" + server.port() + path)));
    }
}
