package io.netpulse.registry.store;

import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory with Confluent Schema Registry's rules, so that the embedded registry answers
 * what Confluent's would:
 * <ul>
 *   <li>global ids from 1 and versions per subject from 1; a schema keeps one id under every subject, and
 *       registering a schema a subject already holds answers its id without a new version;</li>
 *   <li>two schemas are the same when their canonical JSON ({@link Schema#toString()}, what Confluent stores and
 *       compares) is equal: whitespace and key order do not matter, defaults, docs and properties do;</li>
 *   <li>a new version must be compatible with the versions not deleted, at the subject's level, else the global
 *       level, else {@link CompatibilityLevel#DEFAULT};</li>
 *   <li>a delete is soft first (the version is hidden, its id still resolves) and permanent only after that;
 *       version numbers are never reused, and a schema deleted everywhere loses its id.</li>
 * </ul>
 * Every write is a {@link Change} handed to a {@link ChangeLog} before it applies, so the embedded registry can keep
 * them in a topic and {@link #apply} them again at start. Thread-safe: every method locks the instance.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** Where each change goes before it applies; when it throws, the change does not apply. */
    @FunctionalInterface
    public interface ChangeLog {
        void append(Change change);
    }

    /** One write, as the log keeps it. */
    public sealed interface Change {
        /** A version written, or rewritten as deleted by a soft delete. */
        record VersionWritten(RegisteredSchema version, boolean deleted) implements Change {
            public VersionWritten {
                Objects.requireNonNull(version, "version");
            }
        }

        /** A version deleted permanently. */
        record VersionErased(String subject, int version) implements Change {
        }

        /** The compatibility level of a subject, or the global one when {@code subject} is empty. */
        record CompatibilitySet(Optional<String> subject, CompatibilityLevel level) implements Change {
        }

        /** A subject's level removed (it follows the global one), or the global level back to the default. */
        record CompatibilityErased(Optional<String> subject) implements Change {
        }
    }

    /** Which versions a read sees, as Confluent's {@code deleted} and {@code deletedOnly} parameters say. */
    public enum Deleted {
        EXCLUDED, INCLUDED, ONLY;

        boolean shows(boolean deleted) {
            return switch (this) {
                case EXCLUDED -> !deleted;
                case INCLUDED -> true;
                case ONLY -> deleted;
            };
        }
    }

    private record Entry(RegisteredSchema schema, boolean deleted) {
    }

    private final ChangeLog log;
    private final Map<String, NavigableMap<Integer, Entry>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> compatibilityBySubject = new HashMap<>();
    private CompatibilityLevel globalCompatibility;
    private int lastId;

    /** A registry that keeps its changes nowhere else: for tests and a client that needs no persistence. */
    public InMemorySchemaRegistry() {
        this(change -> { });
    }

    public InMemorySchemaRegistry(ChangeLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Registers {@code schema} under {@code subject} (Confluent's {@code POST /subjects/{subject}/versions}).
     *
     * @return its id, the existing one when the subject holds the schema already
     * @throws SchemaRegistryException 409 when it is incompatible with the subject's versions
     */
    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        NavigableMap<Integer, Entry> versions = subjects.getOrDefault(subject, new TreeMap<>());
        for (Entry entry : versions.descendingMap().values()) {
            if (!entry.deleted() && entry.schema().schema().toString().equals(canonical)) {
                return entry.schema().id();
            }
        }
        List<String> incompatibilities = compatibility(subject).check(schema, live(versions));
        if (!incompatibilities.isEmpty()) {
            throw SchemaRegistryException.incompatible(subject, incompatibilities);
        }
        int id = idsByCanonical.getOrDefault(canonical, lastId + 1);
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        // As Confluent does, a schema registered again drops its soft-deleted versions in this subject.
        List<Integer> replaced = versions.values().stream()
                .filter(entry -> entry.deleted() && entry.schema().id() == id)
                .map(entry -> entry.schema().version()).toList();
        for (int old : replaced) {
            commit(new Change.VersionErased(subject, old));
        }
        commit(new Change.VersionWritten(
                new RegisteredSchema(subject, version, id, schemasById.getOrDefault(id, schema)), false));
        return id;
    }

    /**
     * @throws SchemaRegistryException 404 40403 when no schema has this id
     */
    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return schema;
    }

    /**
     * The version of {@code subject} that is {@code schema}, the newest if several (Confluent's
     * {@code POST /subjects/{subject}}).
     *
     * @throws SchemaRegistryException 404 40401 for a subject without versions, 40403 when none is the schema
     */
    public synchronized RegisteredSchema lookUp(String subject, Schema schema, boolean includeDeleted) {
        String canonical = schema.toString();
        Deleted deleted = includeDeleted ? Deleted.INCLUDED : Deleted.EXCLUDED;
        for (Entry entry : subjects.getOrDefault(subject, new TreeMap<>()).descendingMap().values()) {
            if (deleted.shows(entry.deleted()) && entry.schema().schema().toString().equals(canonical)) {
                return entry.schema();
            }
        }
        if (!hasSubject(subject, deleted)) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        throw SchemaRegistryException.schemaNotFound();
    }

    /**
     * A version of {@code subject}; {@code latest} is the newest not deleted whatever {@code includeDeleted} says.
     *
     * @throws SchemaRegistryException 404 40401 for a subject without versions, 40402 without this one
     */
    public synchronized RegisteredSchema version(String subject, VersionId version, boolean includeDeleted) {
        return find(subject, version, includeDeleted).orElseThrow(() -> notFound(subject, version,
                includeDeleted ? Deleted.INCLUDED : Deleted.EXCLUDED));
    }

    /** The newest version of {@code subject} not deleted, if any. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        return find(subject, new VersionId("latest", VersionId.LATEST), false);
    }

    /**
     * The version numbers of {@code subject}, ascending.
     *
     * @throws SchemaRegistryException 404 40401 when the subject has no version {@code deleted} shows
     */
    public synchronized List<Integer> versions(String subject, Deleted deleted) {
        if (!hasSubject(subject, deleted == Deleted.EXCLUDED ? Deleted.EXCLUDED : Deleted.INCLUDED)) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return subjects.get(subject).values().stream().filter(entry -> deleted.shows(entry.deleted()))
                .map(entry -> entry.schema().version()).toList();
    }

    /** The subjects with a version {@code deleted} shows, in name order. */
    public synchronized List<String> subjects(Deleted deleted) {
        return subjects.keySet().stream().filter(subject -> hasSubject(subject, deleted)).toList();
    }

    /**
     * Deletes every version of {@code subject}: soft, or permanent once all are soft-deleted (Confluent's
     * {@code DELETE /subjects/{subject}}). A permanent delete also drops the subject's compatibility level.
     *
     * @return the versions deleted
     * @throws SchemaRegistryException 404 40401 unknown subject, 40404 soft-deleted already, 40405 permanent before
     *                                 soft
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        if (!hasSubject(subject, Deleted.INCLUDED)) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        if (!permanent && !hasSubject(subject, Deleted.EXCLUDED)) {
            throw SchemaRegistryException.subjectSoftDeleted(subject);
        }
        List<Entry> entries = List.copyOf(subjects.get(subject).values());
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            if (entries.stream().anyMatch(entry -> !entry.deleted())) {
                throw SchemaRegistryException.subjectNotSoftDeleted(subject);
            }
            for (Entry entry : entries) {
                commit(new Change.VersionErased(subject, entry.schema().version()));
                deleted.add(entry.schema().version());
            }
            eraseCompatibilityOfGone(subject);
        } else {
            for (Entry entry : entries) {
                if (!entry.deleted()) {
                    commit(new Change.VersionWritten(entry.schema(), true));
                    deleted.add(entry.schema().version());
                }
            }
        }
        return deleted;
    }

    /**
     * Deletes one version of {@code subject}: soft, or permanent once soft-deleted (Confluent's
     * {@code DELETE /subjects/{subject}/versions/{version}}).
     *
     * @return the version deleted
     * @throws SchemaRegistryException 404 40401 unknown subject, 40402 unknown version, 40406 soft-deleted already,
     *                                 40407 permanent before soft
     */
    public synchronized int deleteVersion(String subject, VersionId version, boolean permanent) {
        if (!permanent && find(subject, version, true).isPresent() && find(subject, version, false).isEmpty()) {
            throw SchemaRegistryException.versionSoftDeleted(subject, version.text());
        }
        RegisteredSchema target = find(subject, version, true)
                .orElseThrow(() -> notFound(subject, version, Deleted.INCLUDED));
        Entry entry = subjects.get(subject).get(target.version());
        if (permanent) {
            if (!entry.deleted()) {
                throw SchemaRegistryException.versionNotSoftDeleted(subject, target.version());
            }
            commit(new Change.VersionErased(subject, target.version()));
            eraseCompatibilityOfGone(subject);
        } else {
            commit(new Change.VersionWritten(target, true));
        }
        return target.version();
    }

    /** The global compatibility level. */
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalCompatibility != null ? globalCompatibility : CompatibilityLevel.DEFAULT;
    }

    /** The level {@code subject} has of its own, if any. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(compatibilityBySubject.get(subject));
    }

    /** The level that applies to {@code subject}: its own, else the global one. */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectCompatibility(subject).orElseGet(this::globalCompatibility);
    }

    /** Sets the level of {@code subject}, or the global one when it is empty. */
    public synchronized void setCompatibility(Optional<String> subject, CompatibilityLevel level) {
        commit(new Change.CompatibilitySet(subject, level));
    }

    /**
     * Removes the level of {@code subject}, or sets the global one back to the default when it is empty.
     *
     * @return the level removed
     * @throws SchemaRegistryException 404 40401 when the subject has no level of its own, as Confluent answers
     */
    public synchronized CompatibilityLevel deleteCompatibility(Optional<String> subject) {
        CompatibilityLevel previous = subject.isPresent()
                ? subjectCompatibility(subject.get())
                        .orElseThrow(() -> SchemaRegistryException.subjectNotFound(subject.get()))
                : globalCompatibility();
        commit(new Change.CompatibilityErased(subject));
        return previous;
    }

    /**
     * Why {@code schema} may not follow {@code version} of {@code subject} at the subject's level; empty when it may
     * or when there is no latest version to follow (Confluent's {@code POST /compatibility/...}).
     *
     * @throws SchemaRegistryException 404 40402 for a numbered version the subject does not have
     */
    public synchronized List<String> checkCompatibility(String subject, VersionId version, Schema schema) {
        Optional<RegisteredSchema> against = find(subject, version, false);
        if (against.isEmpty() && !version.latest()) {
            throw SchemaRegistryException.versionNotFound(version.number());
        }
        return compatibility(subject).check(schema, against.stream().toList());
    }

    /** Why {@code schema} may not be registered under {@code subject}; empty when it may. */
    public synchronized List<String> checkCompatibility(String subject, Schema schema) {
        return compatibility(subject).check(schema, live(subjects.getOrDefault(subject, new TreeMap<>())));
    }

    /** Applies a change read back from the log, without logging it again. */
    public synchronized void apply(Change change) {
        switch (change) {
            case Change.VersionWritten written -> {
                RegisteredSchema version = written.version();
                subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>())
                        .put(version.version(), new Entry(version, written.deleted()));
                idsByCanonical.putIfAbsent(version.schema().toString(), version.id());
                schemasById.putIfAbsent(version.id(), version.schema());
                lastId = Math.max(lastId, version.id());
            }
            case Change.VersionErased erased -> {
                NavigableMap<Integer, Entry> versions = subjects.get(erased.subject());
                Entry removed = versions == null ? null : versions.remove(erased.version());
                if (removed == null) {
                    return;
                }
                if (versions.isEmpty()) {
                    subjects.remove(erased.subject());
                }
                int id = removed.schema().id();
                boolean stillUsed = subjects.values().stream().flatMap(v -> v.values().stream())
                        .anyMatch(entry -> entry.schema().id() == id);
                if (!stillUsed) {
                    schemasById.remove(id);
                    idsByCanonical.remove(removed.schema().schema().toString());
                }
            }
            case Change.CompatibilitySet set -> set.subject().ifPresentOrElse(
                    subject -> compatibilityBySubject.put(subject, set.level()),
                    () -> globalCompatibility = set.level());
            case Change.CompatibilityErased erased -> erased.subject().ifPresentOrElse(
                    compatibilityBySubject::remove, () -> globalCompatibility = null);
        }
    }

    private void commit(Change change) {
        log.append(change);
        apply(change);
    }

    /** A subject deleted for good takes its level with it, as in Confluent. */
    private void eraseCompatibilityOfGone(String subject) {
        if (!subjects.containsKey(subject) && compatibilityBySubject.containsKey(subject)) {
            commit(new Change.CompatibilityErased(Optional.of(subject)));
        }
    }

    private Optional<RegisteredSchema> find(String subject, VersionId version, boolean includeDeleted) {
        NavigableMap<Integer, Entry> versions = subjects.getOrDefault(subject, new TreeMap<>());
        if (version.latest()) {
            return versions.descendingMap().values().stream().filter(entry -> !entry.deleted())
                    .map(Entry::schema).findFirst();
        }
        return Optional.ofNullable(versions.get(version.number()))
                .filter(entry -> includeDeleted || !entry.deleted()).map(Entry::schema);
    }

    private SchemaRegistryException notFound(String subject, VersionId version, Deleted deleted) {
        return hasSubject(subject, deleted) ? SchemaRegistryException.versionNotFound(version.number())
                : SchemaRegistryException.subjectNotFound(subject);
    }

    private boolean hasSubject(String subject, Deleted deleted) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .anyMatch(entry -> deleted.shows(entry.deleted()));
    }

    /** The versions not deleted, newest first. */
    private static List<RegisteredSchema> live(NavigableMap<Integer, Entry> versions) {
        return versions.descendingMap().values().stream().filter(entry -> !entry.deleted())
                .map(Entry::schema).toList();
    }
}
