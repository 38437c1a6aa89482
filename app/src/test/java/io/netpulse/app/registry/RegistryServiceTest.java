package io.netpulse.app.registry;

import static io.netpulse.app.registry.TestSchemas.PING;
import static io.netpulse.app.registry.TestSchemas.PING_JSON;
import static io.netpulse.app.registry.TestSchemas.PING_V2;
import static io.netpulse.app.registry.TestSchemas.PING_V2_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.topology.serde.InMemorySchemaRegistry;
import io.netpulse.topology.serde.SchemaRegistryClient;
import io.netpulse.topology.serde.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confluent's REST subset over a real socket: statuses, bodies and content type, byte for byte. */
class RegistryServiceTest {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    final InMemorySchemaRegistry memory = new InMemorySchemaRegistry();
    final HttpClient http = HttpClient.newHttpClient();
    WebServer server;

    @BeforeEach
    void start() {
        // Registrations fail for subject "broken-value" as they would if the schema topic were down.
        SchemaRegistryClient writes = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                if (subject.equals("broken-value")) {
                    throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                            "Error in the backend datastore: broker down");
                }
                return memory.register(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                return memory.schemaById(id);
            }
        };
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing
                        .register("/registry", new RegistryService(writes, memory, request -> true))
                        .register("/refusing", new RegistryService(writes, memory, request -> false)))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        http.close();
    }

    @Test
    void registersAndAnswersTheId() throws Exception {
        HttpResponse<String> first = post("/subjects/pings-value/versions", registration(PING_JSON));
        HttpResponse<String> again = post("/subjects/pings-value/versions", registration(PING_JSON));
        HttpResponse<String> second = post("/subjects/pings-value/versions",
                "{\"schemaType\": \"AVRO\", \"references\": [], \"schema\": " + quoted(PING_V2_JSON) + "}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).contains(CONTENT_TYPE);
        assertThat(first.body()).isEqualTo("{\"id\":1}");
        assertThat(again.body()).isEqualTo("{\"id\":1}");
        assertThat(second.body()).isEqualTo("{\"id\":2}");
        assertThat(memory.versions("pings-value")).containsExactly(1, 2);
    }

    @Test
    void aRegistrationItsPolicyRefusesIs401AndRegistersNothingWhileReadsStayOpen() throws Exception {
        memory.register("pings-value", PING);

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/refusing/subjects/pings-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(registration(PING_V2_JSON))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/refusing/subjects/pings-value/versions")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"error_code\":40101,\"message\":\"Registering a schema needs a"
                + " bearer token, or a connection from this host.\"}");
        assertThat(memory.versions("pings-value")).containsExactly(1);
        assertThat(read.body()).isEqualTo("[1]");
    }

    @Test
    void answersSchemaById() throws Exception {
        memory.register("pings-value", PING);

        HttpResponse<String> response = get("/schemas/ids/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(CONTENT_TYPE);
        assertThat(response.body()).isEqualTo("{\"schema\":" + quoted(PING_JSON) + "}");
    }

    @Test
    void listsSubjectsVersionsAndTheLatest() throws Exception {
        memory.register("pings-value", PING);
        memory.register("pings-value", PING_V2);
        memory.register("flows-value", PING);

        assertThat(get("/subjects").body()).isEqualTo("[\"flows-value\",\"pings-value\"]");
        assertThat(get("/subjects/pings-value/versions").body()).isEqualTo("[1,2]");
        HttpResponse<String> latest = get("/subjects/pings-value/versions/latest");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).isEqualTo(
                "{\"subject\":\"pings-value\",\"version\":2,\"id\":2,\"schema\":" + quoted(PING_V2_JSON) + "}");
    }

    @Test
    void looksUpASchemaUnderASubject() throws Exception {
        memory.register("pings-value", PING);
        memory.register("pings-value", PING_V2);

        HttpResponse<String> found = post("/subjects/pings-value", registration(PING_JSON));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).isEqualTo(
                "{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":" + quoted(PING_JSON) + "}");
        assertError(post("/subjects/pings-value", registration(TestSchemas.PONG_JSON)), 404,
                "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertError(post("/subjects/pongs-value", registration(PING_JSON)), 404,
                "{\"error_code\":40401,\"message\":\"Subject 'pongs-value' not found.\"}");
        assertThat(memory.versions("pings-value")).containsExactly(1, 2);
    }

    @Test
    void anEmptyRegistryHasNoSubjects() throws Exception {
        HttpResponse<String> response = get("/subjects");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void anUnknownSubjectIs40401() throws Exception {
        assertError(get("/subjects/nothing-value/versions/latest"), 404,
                "{\"error_code\":40401,\"message\":\"Subject 'nothing-value' not found.\"}");
        assertError(get("/subjects/nothing-value/versions"), 404,
                "{\"error_code\":40401,\"message\":\"Subject 'nothing-value' not found.\"}");
    }

    @Test
    void anUnknownOrMalformedIdIs40403() throws Exception {
        assertError(get("/schemas/ids/7"), 404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");
        assertError(get("/schemas/ids/seven"), 404, "{\"error_code\":40403,\"message\":\"Schema seven not found\"}");
    }

    @Test
    void aMissingBodyIs42201() throws Exception {
        HttpResponse<String> response = http.send(request("/subjects/pings-value/versions")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertError(response, 422,
                "{\"error_code\":42201,\"message\":\"Invalid schema: the request has no body\"}");
        assertThat(memory.subjects()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIs42201() throws Exception {
        assertError(post("/subjects/pings-value/versions", "schema=ping"), 422,
                "{\"error_code\":42201,\"message\":\"Invalid schema: the body is not JSON\"}");
    }

    @Test
    void aBodyWithoutSchemaStringIs42201() throws Exception {
        String expected = "{\"error_code\":42201,\"message\":\"Invalid schema: the body has no \\\"schema\\\" string\"}";
        assertError(post("/subjects/pings-value/versions", "{}"), 422, expected);
        assertError(post("/subjects/pings-value/versions", "[]"), 422, expected);
        assertError(post("/subjects/pings-value/versions", "{\"schema\": {\"type\": \"string\"}}"), 422, expected);
    }

    @Test
    void aSchemaThatDoesNotParseIs42201() throws Exception {
        String undefinedType = "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"device\",\"type\":\"nope\"}]}";

        HttpResponse<String> response = post("/subjects/pings-value/versions", registration(undefinedType));

        assertError(response, 422,
                "{\"error_code\":42201,\"message\":\"Invalid schema: Undefined schema: nope\"}");
        assertThat(memory.subjects()).isEmpty();
    }

    @Test
    void anotherSchemaTypeOrReferencesAre42201() throws Exception {
        assertError(post("/subjects/pings-value/versions", "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax\"}"),
                422, "{\"error_code\":42201,\"message\":\"Invalid schema: only AVRO schemas are supported, not PROTOBUF\"}");
        assertError(post("/subjects/pings-value/versions", "{\"schema\": " + quoted(PING_JSON)
                        + ", \"references\": [{\"name\": \"x\", \"subject\": \"y\", \"version\": 1}]}"),
                422, "{\"error_code\":42201,\"message\":\"Invalid schema: schema references are not supported\"}");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String padding = " ".repeat(RegistryService.MAX_BODY_BYTES);

        HttpResponse<String> response = post("/subjects/pings-value/versions", registration(PING_JSON) + padding);

        assertError(response, 413, "{\"error_code\":413,\"message\":\"Request body larger than 1048576 bytes\"}");
        assertThat(memory.subjects()).isEmpty();
    }

    @Test
    void aStoreFailureIs50001() throws Exception {
        assertError(post("/subjects/broken-value/versions", registration(PING_JSON)), 500,
                "{\"error_code\":50001,\"message\":\"Error in the backend datastore: broker down\"}");
    }

    private void assertError(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(CONTENT_TYPE);
        assertThat(response.body()).isEqualTo(body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/registry" + path));
    }

    private static String registration(String schemaJson) {
        return "{\"schema\": " + quoted(schemaJson) + "}";
    }

    /** {@code text} as a JSON string: the schemas here hold quotes and no other character JSON escapes. */
    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
