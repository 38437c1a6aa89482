package io.netpulse.registry.server;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Whether a request may change the registry (register a schema, delete, set a compatibility level). Reads are open:
 * every Confluent client must be able to resolve ids. The app decides who may write; this module only asks.
 */
@FunctionalInterface
public interface WriteAccess {

    /**
     * The refusal to answer, or empty when the request may write.
     *
     * @param subject the subject written, empty for the global configuration
     */
    Optional<Refusal> check(ServerRequest request, Operation operation, Optional<String> subject);

    /** Anyone may write: for tests and a registry nobody else reaches. */
    static WriteAccess anyone() {
        return (request, operation, subject) -> Optional.empty();
    }

    /** A write, named as Confluent's authorizer names it in its refusals. */
    enum Operation {
        WRITE("Write"), DELETE("Delete"), ALTER_CONFIGS("AlterConfigs");

        private final String text;

        Operation(String text) {
            this.text = text;
        }

        /** Confluent's name of the operation. */
        public String text() {
            return text;
        }
    }

    /**
     * A refused write, answered in Confluent's error body.
     *
     * @param status    401 or 403
     * @param errorCode Confluent's code: 401 without valid credentials, 40301 when they do not allow the write
     * @param message   the body's message
     * @param challenge the {@code WWW-Authenticate} value of a 401
     */
    record Refusal(int status, int errorCode, String message, Optional<String> challenge) {

        /** 401 as Confluent answers a request without valid credentials. */
        public static Refusal unauthorized(String challenge) {
            return new Refusal(401, 401, "Unauthorized", Optional.of(challenge));
        }

        /** 403 40301 as Confluent answers credentials that do not allow the write. */
        public static Refusal denied(Operation operation, Optional<String> subject) {
            return new Refusal(403, 40301, "User is denied operation " + operation.text() + " on "
                    + subject.map(s -> "Subject: " + s).orElse("Global"), Optional.empty());
        }
    }
}
