package io.netpulse.registry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent's compatibility levels. Whether a reader can read a writer's data is Avro's own
 * {@link SchemaCompatibility#checkReaderWriterCompatibility}: no rule is written here. What is written here is
 * which versions each level compares with (the latest one, or all of them for the transitive levels), in which
 * direction, and the messages in the words Confluent Schema Registry uses, so clients see the same answers.
 */
public enum CompatibilityLevel {
    /** Any schema may follow any other. */
    NONE(Direction.NONE, false),
    /** The new schema reads data written with the latest one (consumers upgrade first). */
    BACKWARD(Direction.BACKWARD, false),
    /** The new schema reads data written with every earlier one. */
    BACKWARD_TRANSITIVE(Direction.BACKWARD, true),
    /** The latest schema reads data written with the new one (producers upgrade first). */
    FORWARD(Direction.FORWARD, false),
    /** Every earlier schema reads data written with the new one. */
    FORWARD_TRANSITIVE(Direction.FORWARD, true),
    /** Both directions with the latest schema. */
    FULL(Direction.FULL, false),
    /** Both directions with every earlier schema. */
    FULL_TRANSITIVE(Direction.FULL, true);

    /** Confluent's default, and netpulse's. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;
    /** Confluent truncates an old schema quoted in a message beyond this many characters. */
    private static final int MAX_QUOTED_SCHEMA = 10 * 1024;

    private enum Direction { NONE, BACKWARD, FORWARD, FULL }

    private final Direction direction;
    private final boolean transitive;

    CompatibilityLevel(Direction direction, boolean transitive) {
        this.direction = direction;
        this.transitive = transitive;
    }

    /** The level of a name in any letter case, as Confluent's {@code PUT /config} reads it. */
    public static Optional<CompatibilityLevel> forName(String name) {
        for (CompatibilityLevel level : values()) {
            if (level.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code candidate} may not follow {@code previous} at this level, as Confluent words it; empty when it may.
     * Like Confluent, a transitive level stops at the first version it cannot follow.
     *
     * @param previous the versions to compare with, newest first (deleted versions left out)
     */
    public List<String> check(Schema candidate, List<RegisteredSchema> previous) {
        if (direction == Direction.NONE) {
            return List.of();
        }
        for (RegisteredSchema existing : transitive ? previous : previous.stream().limit(1).toList()) {
            List<String> messages = switch (direction) {
                case BACKWARD -> differences(candidate, existing.schema(), "new", "old", existing);
                case FORWARD -> differences(existing.schema(), candidate, "old", "new", existing);
                case FULL -> {
                    List<String> both = differences(existing.schema(), candidate, "old", "new", null);
                    both.addAll(differences(candidate, existing.schema(), "new", "old", existing));
                    yield both;
                }
                case NONE -> throw new IllegalStateException("NONE checks nothing");
            };
            if (!messages.isEmpty()) {
                messages.add("{validateFields: 'false', compatibility: '" + name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    /**
     * Avro's incompatibilities of {@code reader} reading {@code writer}'s data, each as Confluent describes it,
     * followed by the old schema when {@code quoted} is given.
     */
    private static List<String> differences(Schema reader, Schema writer, String readerName, String writerName,
                                            RegisteredSchema quoted) {
        List<String> messages = new ArrayList<>();
        for (SchemaCompatibility.Incompatibility incompatibility : SchemaCompatibility
                .checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
            messages.add(describe(incompatibility, readerName, writerName));
        }
        if (!messages.isEmpty() && quoted != null) {
            String schema = quoted.schema().toString();
            messages.add("{oldSchemaVersion: " + quoted.version() + "}");
            messages.add(schema.length() <= MAX_QUOTED_SCHEMA ? "{oldSchema: '" + schema + "'}"
                    : "{oldSchema: <truncated> '" + schema.substring(0, MAX_QUOTED_SCHEMA) + "...'}");
        }
        return messages;
    }

    private static String describe(SchemaCompatibility.Incompatibility incompatibility, String reader,
                                   String writer) {
        String path = incompatibility.getLocation();
        String info = incompatibility.getMessage();
        String description = switch (incompatibility.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + info
                    + "' at path '" + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                    + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + info + "' at path '" + path + "' in the "
                    + reader + " schema has no default value and is missing in the " + writer + " schema";
            default -> "";
        };
        return "{errorType:'" + incompatibility.getType() + "', description:'" + description
                + "', additionalInfo:'" + info + "'}";
    }
}
