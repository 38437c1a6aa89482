package io.netpulse.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netpulse.registry.store.CompatibilityLevel;
import io.netpulse.registry.store.InMemorySchemaRegistry.Change;
import io.netpulse.registry.store.RegisteredSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The entries of the embedded registry's compacted topic, one key per subject version and per compatibility level,
 * so compaction keeps each one's latest state and a tombstone deletes it:
 * <ul>
 *   <li>{@code {"subject":s,"version":v}} = {@code {"subject":s,"version":v,"id":n,"schema":"<JSON>"}}, with
 *       {@code "deleted":true} once soft-deleted; a tombstone for a permanent delete;</li>
 *   <li>{@code {"config":s}} ({@code null} for the global level) = {@code {"compatibilityLevel":"FULL"}}; a
 *       tombstone when the level is removed.</li>
 * </ul>
 * Entries written before deletes and levels existed are the first kind without {@code deleted}, and read as such.
 */
final class SchemaLogEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record of the topic; {@code value} is null for a tombstone. */
    record Entry(byte[] key, byte[] value) {
    }

    private SchemaLogEntries() {
    }

    static Entry encode(Change change) {
        return switch (change) {
            case Change.VersionWritten written -> {
                RegisteredSchema version = written.version();
                ObjectNode value = versionKey(version.subject(), version.version())
                        .put("id", version.id())
                        .put("schema", version.schema().toString());
                if (written.deleted()) {
                    value.put("deleted", true);
                }
                yield new Entry(bytes(versionKey(version.subject(), version.version())), bytes(value));
            }
            case Change.VersionErased erased -> new Entry(bytes(versionKey(erased.subject(), erased.version())), null);
            case Change.CompatibilitySet set -> new Entry(bytes(configKey(set.subject())),
                    bytes(JSON.createObjectNode().put("compatibilityLevel", set.level().name())));
            case Change.CompatibilityErased erased -> new Entry(bytes(configKey(erased.subject())), null);
        };
    }

    /**
     * @throws IllegalArgumentException when the entry is none of the above
     */
    static Change decode(byte[] key, byte[] value) {
        try {
            JsonNode keyJson = JSON.readTree(key);
            if (keyJson == null || !keyJson.isObject()) {
                throw new IllegalArgumentException("the key is not a JSON object");
            }
            if (keyJson.has("config")) {
                Optional<String> subject = keyJson.get("config").isNull() ? Optional.empty()
                        : Optional.of(text(keyJson, "config"));
                if (value == null) {
                    return new Change.CompatibilityErased(subject);
                }
                String level = text(JSON.readTree(value), "compatibilityLevel");
                return new Change.CompatibilitySet(subject, CompatibilityLevel.forName(level).orElseThrow(() ->
                        new IllegalArgumentException("unknown compatibility level " + level)));
            }
            if (value == null) {
                return new Change.VersionErased(text(keyJson, "subject"), number(keyJson, "version"));
            }
            JsonNode json = JSON.readTree(value);
            if (json == null || !json.path("subject").isTextual() || !json.path("version").canConvertToInt()
                    || !json.path("id").canConvertToInt() || !json.path("schema").isTextual()) {
                throw new IllegalArgumentException("expected {subject, version, id, schema}");
            }
            return new Change.VersionWritten(new RegisteredSchema(json.get("subject").asText(),
                    json.get("version").intValue(), json.get("id").intValue(),
                    new Schema.Parser().setValidateDefaults(false).parse(json.get("schema").asText())),
                    json.path("deleted").asBoolean(false));
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ObjectNode versionKey(String subject, int version) {
        return JSON.createObjectNode().put("subject", subject).put("version", version);
    }

    private static ObjectNode configKey(Optional<String> subject) {
        ObjectNode key = JSON.createObjectNode();
        subject.ifPresentOrElse(s -> key.put("config", s), () -> key.putNull("config"));
        return key;
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.path(field).isTextual()) {
            throw new IllegalArgumentException("expected a string " + field);
        }
        return json.get(field).asText();
    }

    private static int number(JsonNode json, String field) {
        if (!json.path(field).canConvertToInt()) {
            throw new IllegalArgumentException("expected an integer " + field);
        }
        return json.get(field).intValue();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
