package io.netpulse.registry.store;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registration: {@code schema} is version {@code version} of {@code subject} and has the global id {@code id}.
 * The answer of Confluent's {@code GET /subjects/{subject}/versions/latest}, and the entry a registry log replays.
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        if (id < 1) {
            throw new IllegalArgumentException("id must be >= 1, got " + id);
        }
    }
}
