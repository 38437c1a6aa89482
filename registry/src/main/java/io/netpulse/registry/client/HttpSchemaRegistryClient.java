package io.netpulse.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} for any registry that serves the Confluent REST API (Confluent Schema Registry,
 * Karapace, Redpanda, Apicurio's compatibility API, netpulse's embedded registry). It uses the JDK's HTTP client so
 * the topology needs no web framework. Each schema id and each (subject, schema) pair is fetched once and cached for
 * the life of the client: ids never change meaning, and a process uses a handful of schemas, so the caches stay
 * small. Two threads missing the cache at once may both ask; both get the same answer.
 *
 * <p>Failures are {@link SchemaRegistryException}s: the HTTP status with Confluent's {@code error_code} and message,
 * or {@link SchemaRegistryException#NO_RESPONSE} when the registry cannot be reached in
 * {@link RegistrySettings#requestTimeout()}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

    /** Confluent's content type, sent with every request body. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The largest answer read; a schema of netpulse is a few KiB, a larger answer is not a registry's. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String ACCEPT =
            CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final String baseUrl;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.baseUrl = settings.url().toString().replaceAll("/+$", "");
        this.authorization = settings.basicAuth().map(auth -> "Basic " + Base64.getEncoder()
                .encodeToString((auth.user() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        settings.trustStore().ifPresent(store -> builder.sslContext(sslContext(store)));
        this.http = builder.build();
    }

    /** {@code POST /subjects/{subject}/versions}; the id is cached per subject and schema. */
    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", key.canonical()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
        String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
                + "/versions";
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), path);
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw unexpected(path, "no integer id in " + answer);
        }
        LOG.debug("Registry {} has subject {} schema {} as id {}", baseUrl, subject, schema.getFullName(), id.intValue());
        idsBySubjectSchema.putIfAbsent(key, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    /** {@code GET /schemas/ids/{id}}, cached. */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path);
        JsonNode type = answer.get("schemaType");
        if (type != null && !"AVRO".equals(type.asText())) {
            throw unexpected(path, "schema " + id + " is " + type.asText() + ", not AVRO");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(path, "no schema string in the answer");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw unexpected(path, "schema " + id + " does not parse: " + e.getMessage());
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    @Override
    public void close() {
        http.close();
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        request.timeout(settings.requestTimeout()).header("Accept", ACCEPT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                    "Schema registry " + baseUrl + path + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                    "Interrupted while calling schema registry " + baseUrl + path, e);
        }
        int status = response.statusCode();
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new SchemaRegistryException(status, status,
                    "Schema registry " + baseUrl + path + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
        }
        JsonNode json = parse(body);
        if (status / 100 != 2) {
            throw failure(status, json, body, path);
        }
        if (json == null || !json.isObject()) {
            throw new SchemaRegistryException(status, status,
                    "Schema registry " + baseUrl + path + " answered " + status + " without a JSON object");
        }
        return json;
    }

    private SchemaRegistryException failure(int status, JsonNode json, byte[] body, String path) {
        int errorCode = status;
        String message;
        if (json != null && json.path("error_code").canConvertToInt()) {
            errorCode = json.get("error_code").intValue();
        }
        if (json != null && json.path("message").isTextual()) {
            message = json.get("message").asText();
        } else {
            String text = new String(body, StandardCharsets.UTF_8);
            message = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
        return new SchemaRegistryException(status, errorCode,
                "Schema registry " + baseUrl + path + " answered " + status + " (error_code " + errorCode + "): "
                        + message);
    }

    private SchemaRegistryException unexpected(String path, String what) {
        return new SchemaRegistryException(200, 200, "Schema registry " + baseUrl + path + " answered " + what);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static SSLContext sslContext(RegistrySettings.TrustStore store) {
        try (InputStream in = Files.newInputStream(store.path())) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load registry truststore " + store + ": " + e.getMessage(), e);
        }
    }

    private record SubjectSchema(String subject, String canonical) {
    }
}
