package io.netpulse.app.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.topology.serde.InMemorySchemaRegistry;
import io.netpulse.topology.serde.RegisteredSchema;
import io.netpulse.topology.serde.SchemaRegistryClient;
import io.netpulse.topology.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Confluent's Schema Registry REST API that Confluent serializers and deserializers call, with
 * Confluent's bodies, error codes and content type, so any Confluent client can use the embedded registry.
 * Registrations go through {@code writes} (which persists them); everything else is answered from {@code reads}.
 *
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} {@code {"schema": "..."}} registers: {@code {"id": n}}</li>
 *   <li>{@code POST /subjects/{subject}} {@code {"schema": "..."}} looks up: {@code {subject, version, id, schema}}</li>
 *   <li>{@code GET /subjects/{subject}/versions/latest}: {@code {subject, version, id, schema}}</li>
 *   <li>{@code GET /subjects/{subject}/versions}: {@code [1, 2]}</li>
 *   <li>{@code GET /subjects}: {@code ["subject", ...]}</li>
 *   <li>{@code GET /schemas/ids/{id}}: {@code {"schema": "..."}}</li>
 * </ul>
 * Errors are {@code {"error_code": n, "message": "..."}}: 404 40401 unknown subject, 404 40403 unknown schema,
 * 422 42201 invalid schema or body, 413 body over {@link #MAX_BODY_BYTES}, 401 40101 a registration its
 * {@code mayRegister} refuses, 500 50001 store failure.
 */
final class RegistryService implements HttpService {

    /** Confluent's content type of every answer. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The largest registration body accepted; netpulse's schemas are a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Confluent's error code for a request without valid credentials. */
    static final int UNAUTHORIZED = 40101;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClient writes;
    private final InMemorySchemaRegistry reads;
    private final Predicate<ServerRequest> mayRegister;

    /** @param mayRegister who may register a schema: others get 401 40101, as Confluent answers */
    RegistryService(SchemaRegistryClient writes, InMemorySchemaRegistry reads, Predicate<ServerRequest> mayRegister) {
        this.writes = writes;
        this.reads = reads;
        this.mayRegister = mayRegister;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/subjects/{subject}/versions", (req, res) -> answer(res, () -> register(req)))
                .post("/subjects/{subject}", (req, res) -> answer(res, () -> lookUp(req)))
                .get("/subjects/{subject}/versions/latest", (req, res) -> answer(res, () -> latest(req)))
                .get("/subjects/{subject}/versions", (req, res) -> answer(res, () -> versions(req)))
                .get("/subjects", (req, res) -> answer(res, reads::subjects))
                .get("/schemas/ids/{id}", (req, res) -> answer(res, () -> schema(req)));
    }

    private Map<String, Integer> register(ServerRequest req) {
        if (!mayRegister.test(req)) {
            throw new SchemaRegistryException(401, UNAUTHORIZED, "Registering a schema needs a bearer token, or a"
                    + " connection from this host.");
        }
        String subject = req.path().pathParameters().get("subject");
        Schema schema = parseRegistration(readBody(req));
        return Map.of("id", writes.register(subject, schema));
    }

    /** Whether a schema is registered under a subject: what Confluent serializers ask when they may not register. */
    private Map<String, Object> lookUp(ServerRequest req) {
        String subject = req.path().pathParameters().get("subject");
        Schema schema = parseRegistration(readBody(req));
        if (reads.versions(subject).isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return describe(reads.find(subject, schema).orElseThrow(
                () -> new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found")));
    }

    private Map<String, Object> latest(ServerRequest req) {
        String subject = req.path().pathParameters().get("subject");
        return describe(reads.latest(subject).orElseThrow(() -> SchemaRegistryException.subjectNotFound(subject)));
    }

    private static Map<String, Object> describe(RegisteredSchema registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registration.subject());
        body.put("version", registration.version());
        body.put("id", registration.id());
        body.put("schema", registration.schema().toString());
        return body;
    }

    private Object versions(ServerRequest req) {
        String subject = req.path().pathParameters().get("subject");
        var versions = reads.versions(subject);
        if (versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private Map<String, String> schema(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        OptionalInt id = parseId(text);
        if (id.isEmpty()) {
            throw SchemaRegistryException.schemaNotFound(text);
        }
        return Map.of("schema", reads.schemaById(id.getAsInt()).toString());
    }

    private static byte[] readBody(ServerRequest req) {
        if (!req.content().hasEntity()) {
            throw SchemaRegistryException.invalidSchema("the request has no body", null);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new SchemaRegistryException(413, 413,
                        "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Confluent's registration body: {@code {"schema": "<schema JSON>"}}, optionally {@code "schemaType": "AVRO"}. */
    private static Schema parseRegistration(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw SchemaRegistryException.invalidSchema("the body is not JSON", null);
        }
        if (json == null || !json.isObject() || !json.path("schema").isTextual()) {
            throw SchemaRegistryException.invalidSchema("the body has no \"schema\" string", null);
        }
        JsonNode type = json.get("schemaType");
        if (type != null && !"AVRO".equals(type.asText())) {
            throw SchemaRegistryException.invalidSchema("only AVRO schemas are supported, not " + type.asText(), null);
        }
        JsonNode references = json.get("references");
        if (references != null && !references.isNull() && !references.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported", null);
        }
        try {
            return new Schema.Parser().parse(json.get("schema").asText());
        } catch (AvroRuntimeException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage(), e);
        }
    }

    private static OptionalInt parseId(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Sends what {@code call} returns as JSON, or Confluent's error body for what it throws. */
    private static void answer(ServerResponse res, Call call) {
        Object body;
        try {
            body = call.get();
            res.status(200);
        } catch (SchemaRegistryException e) {
            if (e.status() >= 500) {
                LOG.error("Schema registry failed: {}", e.getMessage(), e);
            }
            body = error(e.errorCode(), e.getMessage());
            res.status(e.status());
        }
        send(res, body);
    }

    private static Map<String, Object> error(int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    private static void send(ServerResponse res, Object body) {
        try {
            res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE).send(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object get();
    }
}
