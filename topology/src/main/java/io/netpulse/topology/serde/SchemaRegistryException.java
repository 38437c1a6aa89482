package io.netpulse.topology.serde;

/**
 * A schema registry call that failed: the registry's HTTP status with Confluent's {@code error_code} and message,
 * or {@link #NO_RESPONSE} for both when the registry could not be reached. The in-memory registry throws the same
 * codes a Confluent registry answers, so callers handle one type whatever the registry.
 */
public final class SchemaRegistryException extends RuntimeException {

    /** Status and error code of a failure without an HTTP answer (connection refused, timeout, TLS). */
    public static final int NO_RESPONSE = 0;
    /** Confluent's error code: the subject is unknown. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code: no schema has this id. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's error code: the schema does not parse. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent's error code: the registry's store failed. */
    public static final int STORE_ERROR = 50001;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** 404 40401, with Confluent's message. */
    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    /** 404 40403, with Confluent's message. */
    public static SchemaRegistryException schemaNotFound(Object id) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    /** 422 42201; {@code reason} says what is wrong. */
    public static SchemaRegistryException invalidSchema(String reason, Throwable cause) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + reason, cause);
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} (the status itself when the registry sent none), or {@link #NO_RESPONSE}. */
    public int errorCode() {
        return errorCode;
    }
}
