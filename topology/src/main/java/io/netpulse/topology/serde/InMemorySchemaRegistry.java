package io.netpulse.topology.serde;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory with Confluent's semantics: global ids from 1, versions per subject from 1,
 * re-registering a schema under a subject answers its existing id, and a schema registered under several subjects
 * keeps one global id. Two schemas are the same when their canonical JSON ({@link Schema#toString()}, which is
 * what Confluent compares) is equal, so whitespace and key order do not matter but defaults and docs do.
 * It does not check compatibility between versions. Thread-safe: every method locks the instance.
 * Used by tests and, behind a log, by the embedded registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, NavigableMap<Integer, RegisteredSchema>> subjects = new TreeMap<>();
    private int lastId;

    @Override
    public int register(String subject, Schema schema) {
        return register(subject, schema, registration -> { }).id();
    }

    /**
     * Registers {@code schema} under {@code subject}, or finds it there. A new registration is handed to
     * {@code persist} before it becomes visible; when {@code persist} throws, nothing changes and the exception
     * propagates. The lock is held meanwhile, so registrations are persisted in id and version order.
     */
    public synchronized RegisteredSchema register(String subject, Schema schema, Consumer<RegisteredSchema> persist) {
        Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        String canonical = schema.toString();
        NavigableMap<Integer, RegisteredSchema> versions = subjects.getOrDefault(subject, new TreeMap<>());
        int id = idsByCanonical.getOrDefault(canonical, lastId + 1);
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        RegisteredSchema registration = new RegisteredSchema(subject, version, id, schemasById.getOrDefault(id, schema));
        persist.accept(registration);
        restore(registration);
        return registration;
    }

    /**
     * Adds a registration read back from a log, keeping its id and version; a later entry for the same subject and
     * version replaces the earlier one, as compaction would.
     */
    public synchronized void restore(RegisteredSchema registration) {
        String canonical = registration.schema().toString();
        idsByCanonical.putIfAbsent(canonical, registration.id());
        schemasById.putIfAbsent(registration.id(), registration.schema());
        subjects.computeIfAbsent(registration.subject(), s -> new TreeMap<>())
                .put(registration.version(), registration);
        lastId = Math.max(lastId, registration.id());
    }

    /** @throws SchemaRegistryException 404 40403 when no schema has this id */
    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return schema;
    }

    /** The version of {@code subject} that is {@code schema}; empty when there is none. */
    public synchronized Optional<RegisteredSchema> find(String subject, Schema schema) {
        String canonical = schema.toString();
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(registration -> registration.schema().toString().equals(canonical))
                .findFirst();
    }

    /** Every subject, in name order. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    /** The versions of {@code subject} in order; empty when the subject is unknown. */
    public synchronized List<Integer> versions(String subject) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** The highest version of {@code subject}; empty when the subject is unknown. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }
}
