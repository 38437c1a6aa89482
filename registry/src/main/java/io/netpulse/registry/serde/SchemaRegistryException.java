package io.netpulse.registry.serde;

import java.util.List;

/**
 * A schema registry call that failed: the registry's HTTP status with Confluent's {@code error_code} and message,
 * or {@link #NO_RESPONSE} for both when the registry could not be reached. The in-memory registry throws the codes
 * and messages a Confluent registry answers, so callers handle one type whatever the registry, and the embedded
 * registry's REST API answers exactly what Confluent's would.
 */
public final class SchemaRegistryException extends RuntimeException {

    /** Status and error code of a failure without an HTTP answer (connection refused, timeout, TLS). */
    public static final int NO_RESPONSE = 0;
    /** Confluent's error code: the subject is unknown. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code: the subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent's error code: no schema has this id, or the subject does not hold this schema. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's error code: a soft delete of a subject that is soft-deleted already. */
    public static final int SUBJECT_SOFT_DELETED = 40404;
    /** Confluent's error code: a permanent delete of a subject that was not soft-deleted first. */
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    /** Confluent's error code: a soft delete of a version that is soft-deleted already. */
    public static final int VERSION_SOFT_DELETED = 40406;
    /** Confluent's error code: a permanent delete of a version that was not soft-deleted first. */
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    /** Confluent's error code: the subject has no compatibility level of its own. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** Confluent's error code (and status): the schema is incompatible with an earlier version. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent's error code: the schema does not parse. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent's error code: a version that is neither a number from 1 to 2^31-1 nor "latest". */
    public static final int INVALID_VERSION = 42202;
    /** Confluent's error code: a compatibility level Confluent does not define. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
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

    /** 404 40401. */
    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    /** 404 40402; {@code version} is -1 for "latest", as Confluent writes it. */
    public static SchemaRegistryException versionNotFound(int version) {
        return new SchemaRegistryException(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    /** 404 40403 for an id. */
    public static SchemaRegistryException schemaNotFound(int id) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    /** 404 40403 for a lookup under a subject. */
    public static SchemaRegistryException schemaNotFound() {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found");
    }

    /** 404 40404; Confluent's message lacks the space after the full stop. */
    public static SchemaRegistryException subjectSoftDeleted(String subject) {
        return new SchemaRegistryException(404, SUBJECT_SOFT_DELETED, "Subject '" + subject
                + "' was soft deleted.Set permanent=true to delete permanently");
    }

    /** 404 40405. */
    public static SchemaRegistryException subjectNotSoftDeleted(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                + "' was not deleted first before being permanently deleted");
    }

    /** 404 40406; {@code version} as the request wrote it. */
    public static SchemaRegistryException versionSoftDeleted(String subject, String version) {
        return new SchemaRegistryException(404, VERSION_SOFT_DELETED, "Subject '" + subject + "' Version "
                + version + " was soft deleted.Set permanent=true to delete permanently");
    }

    /** 404 40407. */
    public static SchemaRegistryException versionNotSoftDeleted(String subject, int version) {
        return new SchemaRegistryException(404, VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
                + version + " was not deleted first before being permanently deleted");
    }

    /** 404 40408. */
    public static SchemaRegistryException subjectCompatibilityNotConfigured(String subject) {
        return new SchemaRegistryException(404, SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '" + subject
                + "' does not have subject-level compatibility configured");
    }

    /** 409 409; {@code details} are the compatibility checker's messages. */
    public static SchemaRegistryException incompatible(String subject, List<String> details) {
        return new SchemaRegistryException(409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible"
                + " with an earlier schema for subject \"" + subject + "\", details: " + details);
    }

    /** 422 42201; {@code message} says what is wrong, in Confluent's words where Confluent has some. */
    public static SchemaRegistryException invalidSchema(String message, Throwable cause) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, message, cause);
    }

    /** 422 42202; {@code version} as the request wrote it. */
    public static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(422, INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /** 422 42203. */
    public static SchemaRegistryException invalidCompatibilityLevel() {
        return new SchemaRegistryException(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid"
                + " values are none, backward, forward, full, backward_transitive, forward_transitive, and"
                + " full_transitive");
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
