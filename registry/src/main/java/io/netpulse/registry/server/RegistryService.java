package io.netpulse.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.store.CompatibilityLevel;
import io.netpulse.registry.store.InMemorySchemaRegistry.Deleted;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.registry.store.RegisteredSchema;
import io.netpulse.registry.store.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's REST API for Avro, answered as Confluent Platform 7.9 answers it: the same paths,
 * query parameters, statuses, bodies ({@code {"error_code": n, "message": "..."}} for errors) and content type, so
 * any Confluent client works against the embedded registry. Writes (registering, deleting, setting a compatibility
 * level) are answered only to requests {@code mayWrite} accepts; reads are open, as every Confluent client must
 * resolve ids.
 *
 * <pre>
 *   GET    /subjects[?deleted]                                 POST   /subjects/{s}[?deleted]         (look up)
 *   GET    /subjects/{s}/versions[?deleted|deletedOnly]        POST   /subjects/{s}/versions          (register)
 *   GET    /subjects/{s}/versions/{v}[/schema][?deleted]       DELETE /subjects/{s}[?permanent]
 *   GET    /schemas/ids/{id}                                   DELETE /subjects/{s}/versions/{v}[?permanent]
 *   POST   /compatibility/subjects/{s}/versions[/{v}][?verbose]
 *   GET|PUT|DELETE /config, /config/{s}[?defaultToGlobal]
 * </pre>
 * {@code v} is a number or {@code latest}. Schemas other than Avro and schema references are refused (42201):
 * netpulse's schemas are Avro files that stand alone.
 */
public final class RegistryService implements HttpService {

    /** Confluent's content type of every answer. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The largest request body accepted; netpulse's schemas are a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Confluent's error code for a request without valid credentials. */
    static final int UNAUTHORIZED = 40101;

    private final InMemorySchemaRegistry store;
    private final Predicate<ServerRequest> mayWrite;

    /** @param mayWrite who may change the registry: others get 401 40101, as Confluent answers */
    public RegistryService(InMemorySchemaRegistry store, Predicate<ServerRequest> mayWrite) {
        this.store = store;
        this.mayWrite = mayWrite;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/subjects", (req, res) -> answer(res, () -> store.subjects(deleted(req, "deleted"))))
                .post("/subjects/{subject}/versions", (req, res) -> write(req, res, () -> register(req)))
                .get("/subjects/{subject}/versions", (req, res) -> answer(res, () -> versions(req)))
                .get("/subjects/{subject}/versions/{version}", (req, res) -> answer(res,
                        () -> describe(version(req))))
                .get("/subjects/{subject}/versions/{version}/schema", (req, res) -> answer(res,
                        () -> new RawJson(version(req).schema().toString())))
                .delete("/subjects/{subject}/versions/{version}", (req, res) -> write(req, res,
                        () -> store.deleteVersion(subject(req), VersionId.parse(param(req, "version")),
                                flag(req, "permanent"))))
                .post("/subjects/{subject}", (req, res) -> answer(res, () -> describe(store.lookUp(subject(req),
                        parse(subject(req), readBody(req)), flag(req, "deleted")))))
                .delete("/subjects/{subject}", (req, res) -> write(req, res,
                        () -> store.deleteSubject(subject(req), flag(req, "permanent"))))
                .get("/schemas/ids/{id}", (req, res) -> answer(res, () -> schemaById(req)))
                .post("/compatibility/subjects/{subject}/versions/{version}", (req, res) -> answer(res,
                        () -> compatibility(req, Optional.of(VersionId.parse(param(req, "version"))))))
                .post("/compatibility/subjects/{subject}/versions", (req, res) -> answer(res,
                        () -> compatibility(req, Optional.empty())))
                .get("/config", (req, res) -> answer(res,
                        () -> Map.of("compatibilityLevel", store.globalCompatibility().name())))
                .put("/config", (req, res) -> write(req, res, () -> setCompatibility(req, Optional.empty())))
                .delete("/config", (req, res) -> write(req, res, () -> Map.of("compatibilityLevel",
                        store.deleteCompatibility(Optional.empty()).name())))
                .get("/config/{subject}", (req, res) -> answer(res, () -> subjectCompatibility(req)))
                .put("/config/{subject}", (req, res) -> write(req, res,
                        () -> setCompatibility(req, Optional.of(subject(req)))))
                .delete("/config/{subject}", (req, res) -> write(req, res, () -> Map.of("compatibilityLevel",
                        store.deleteCompatibility(Optional.of(subject(req))).name())))
                .any((req, res) -> answer(res, () -> {
                    // What Confluent's JAX-RS server answers for a path or method it does not serve.
                    throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found");
                }));
    }

    private Map<String, Integer> register(ServerRequest req) {
        String subject = subject(req);
        return Map.of("id", store.register(subject, parse(subject, readBody(req))));
    }

    private List<Integer> versions(ServerRequest req) {
        Deleted deleted = flag(req, "deletedOnly") ? Deleted.ONLY : deleted(req, "deleted");
        return store.versions(subject(req), deleted);
    }

    private RegisteredSchema version(ServerRequest req) {
        return store.version(subject(req), VersionId.parse(param(req, "version")), flag(req, "deleted"));
    }

    private Map<String, String> schemaById(ServerRequest req) {
        int id;
        try {
            id = Integer.parseInt(param(req, "id"));
        } catch (NumberFormatException e) {
            // Confluent's path parameter is an Integer: anything else matches no route there.
            throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found");
        }
        return Map.of("schema", store.schemaById(id).toString());
    }

    /** Confluent answers {@code is_compatible}, and with {@code verbose} the reasons (an invalid schema's too). */
    private Map<String, Object> compatibility(ServerRequest req, Optional<VersionId> version) {
        String subject = subject(req);
        boolean verbose = flag(req, "verbose");
        byte[] body = readBody(req);
        List<String> messages;
        try {
            Schema schema = parse(subject, body);
            messages = version.isPresent() ? store.checkCompatibility(subject, version.get(), schema)
                    : store.checkCompatibility(subject, schema);
        } catch (SchemaRegistryException e) {
            if (!verbose || e.errorCode() != SchemaRegistryException.INVALID_SCHEMA) {
                throw e;
            }
            messages = List.of(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", messages.isEmpty());
        if (verbose) {
            answer.put("messages", messages);
        }
        return answer;
    }

    private Map<String, String> subjectCompatibility(ServerRequest req) {
        String subject = subject(req);
        CompatibilityLevel level = flag(req, "defaultToGlobal") ? store.compatibility(subject)
                : store.subjectCompatibility(subject)
                        .orElseThrow(() -> SchemaRegistryException.subjectCompatibilityNotConfigured(subject));
        return Map.of("compatibilityLevel", level.name());
    }

    /** Confluent's {@code {"compatibility": "<level>"}}, in any letter case; the answer says it in capitals. */
    private Map<String, String> setCompatibility(ServerRequest req, Optional<String> subject) {
        JsonNode json;
        try {
            json = json(readBody(req));
        } catch (SchemaRegistryException e) {
            throw e.errorCode() == SchemaRegistryException.INVALID_SCHEMA
                    ? SchemaRegistryException.invalidCompatibilityLevel() : e;
        }
        JsonNode level = json == null ? null : json.get("compatibility");
        CompatibilityLevel parsed = level == null || !level.isTextual() ? null
                : CompatibilityLevel.forName(level.asText()).orElse(null);
        if (parsed == null) {
            throw SchemaRegistryException.invalidCompatibilityLevel();
        }
        store.setCompatibility(subject, parsed);
        return Map.of("compatibility", parsed.name());
    }

    /** Confluent's body of a schema version: subject, version, id, schema ({@code schemaType} omitted for Avro). */
    private static Map<String, Object> describe(RegisteredSchema registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registration.subject());
        body.put("version", registration.version());
        body.put("id", registration.id());
        body.put("schema", registration.schema().toString());
        return body;
    }

    private static String subject(ServerRequest req) {
        return param(req, "subject");
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** A boolean query parameter as JAX-RS reads one: {@code true} in any case, anything else false. */
    private static boolean flag(ServerRequest req, String name) {
        return req.query().first(name).map(Boolean::parseBoolean).orElse(false);
    }

    private static Deleted deleted(ServerRequest req, String name) {
        return flag(req, name) ? Deleted.INCLUDED : Deleted.EXCLUDED;
    }

    private static byte[] readBody(ServerRequest req) {
        if (!req.content().hasEntity()) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: the request has no body", null);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new SchemaRegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: the body is not JSON", null);
        }
    }

    /**
     * Confluent's registration body, {@code {"schema": "<schema JSON>"}} with optional {@code "schemaType": "AVRO"},
     * parsed as Confluent's Avro provider parses it (defaults not validated). A schema that does not parse is
     * answered with Confluent's message, the Avro parser's own reason last.
     */
    private static Schema parse(String subject, byte[] body) {
        JsonNode json = json(body);
        if (json == null || !json.isObject() || !json.path("schema").isTextual()) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: the body has no \"schema\" string", null);
        }
        String type = json.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw SchemaRegistryException.invalidSchema("Invalid schema type " + type, null);
        }
        String text = json.get("schema").asText();
        JsonNode references = json.get("references");
        if (references != null && !references.isNull() && !references.isEmpty()) {
            throw invalid(subject, text, "netpulse's registry does not resolve schema references", null);
        }
        try {
            return new Schema.Parser().setValidateDefaults(false).parse(text);
        } catch (AvroRuntimeException e) {
            throw invalid(subject, text, e.getMessage(), e);
        }
    }

    private static SchemaRegistryException invalid(String subject, String schema, String reason, Throwable cause) {
        return SchemaRegistryException.invalidSchema("Invalid schema {subject=" + subject + ",version=0,id=-1,"
                + "schemaType=AVRO,references=[],metadata=null,ruleSet=null,schema=" + schema + ",schemaTags=null}"
                + " with refs [] of type AVRO, details: " + reason, cause);
    }

    /** Runs a write for a request {@code mayWrite} accepts; others are answered 401 in Confluent's error body. */
    private void write(ServerRequest req, ServerResponse res, Call call) {
        if (!mayWrite.test(req)) {
            res.status(401);
            send(res, error(UNAUTHORIZED, "Changing the registry needs a bearer token, or a connection from this"
                    + " host."));
            return;
        }
        answer(res, call);
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
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        if (body instanceof RawJson raw) {
            res.send(raw.text());
            return;
        }
        try {
            res.send(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An answer that is JSON already: a schema, sent as Confluent sends {@code .../schema}. */
    private record RawJson(String text) {
    }

    @FunctionalInterface
    private interface Call {
        Object get();
    }
}
