package io.netpulse.query.error;

import io.netpulse.query.auth.AuthenticationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * Why a request ends in an error answer, said once for the four APIs: parsing, access checks, plans and lookups
 * throw one of these, and the request pipeline renders it in the asking API's seed shape ({@link ProblemShape}),
 * adding the headers HTTP asks for (WWW-Authenticate, Allow, Retry-After). Unchecked and without a stack trace:
 * a refused request is an expected outcome, not a fault.
 *
 * <p>A {@link BadInput} says what went wrong twice, because the seeds do: as one sentence (the ErrorResponse APIs'
 * {@code message}) and as field/reason pairs (import_stats' {@code error_info}, the traffic API's {@code details}).
 */
public abstract sealed class Problem extends RuntimeException {

    /** How long a client waits before retrying a request that found its data moving between instances. */
    public static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(5);
    /** How long a client waits before retrying a request refused because the instance is busy. */
    public static final Duration RETRY_AFTER_BUSY = Duration.ofSeconds(1);

    private Problem(String message) {
        super(message, null, false, false);
    }

    /** 401: no bearer token, or one that was refused. */
    public static final class Unauthenticated extends Problem {
        private final AuthenticationException.Reason reason;

        public Unauthenticated(AuthenticationException.Reason reason) {
            super(reason.publicText());
            this.reason = reason;
        }

        /** Why, as far as the caller may know. */
        public AuthenticationException.Reason reason() {
            return reason;
        }
    }

    /** 403: the token does not grant what the request names. */
    public static final class Forbidden extends Problem {
        public Forbidden(String message) {
            super(message);
        }
    }

    /**
     * 400 (or the traffic API's 403 for a range over its limit): a header, path, parameter or body the API cannot
     * answer.
     */
    public abstract static sealed class BadInput extends Problem {
        private final ErrorCode code;
        private final OptionalInt request;
        private final SequencedMap<String, String> fields;

        private BadInput(ErrorCode code, String message, OptionalInt request, SequencedMap<String, String> fields) {
            super(message);
            this.code = Objects.requireNonNull(code, "code");
            this.request = request;
            this.fields = new LinkedHashMap<>(fields);
        }

        /** The ErrorResponse APIs' code. */
        public ErrorCode code() {
            return code;
        }

        /** The position of the offending request in an import_stats body, when it is one of them. */
        public OptionalInt request() {
            return request;
        }

        /** Each offending field with its reason, in the order found; empty when only the message says it. */
        public SequencedMap<String, String> fields() {
            return new LinkedHashMap<>(fields);
        }
    }

    /** A value of the wrong form. */
    public static final class Invalid extends BadInput {
        public Invalid(ErrorCode code, String message, OptionalInt request, SequencedMap<String, String> fields) {
            super(code, message, request, fields);
        }
    }

    /** A request over one of the API's stated limits (size, range, plan). */
    public static final class OverLimit extends BadInput {
        public OverLimit(ErrorCode code, String message, OptionalInt request, SequencedMap<String, String> fields) {
            super(code, message, request, fields);
        }
    }

    /** 404: nothing is served at this path, or what it names does not exist. */
    public static final class NotFound extends Problem {
        public NotFound(String message) {
            super(message);
        }
    }

    /** 405. */
    public static final class MethodNotAllowed extends Problem {
        private final String method;
        private final List<String> allowed;

        public MethodNotAllowed(String method, List<String> allowed) {
            super("Method " + method + " is not allowed; use " + String.join(", ", allowed) + ".");
            this.method = method;
            this.allowed = List.copyOf(allowed);
        }

        /** The method asked for. */
        public String method() {
            return method;
        }

        /** The methods the path accepts, for the Allow header. */
        public List<String> allowed() {
            return allowed;
        }
    }

    /** 406: the Accept header allows none of the types the API answers with. */
    public static final class NotAcceptable extends Problem {
        private final List<String> served;

        public NotAcceptable(List<String> served) {
            super("The answer is served as " + String.join(" or ", served) + "; the Accept header allows "
                    + (served.size() == 1 ? "no such type." : "none of them."));
            this.served = List.copyOf(served);
        }

        /** The media types the API answers with. */
        public List<String> served() {
            return served;
        }
    }

    /** 410: what the request names existed but does not any more (or never did, as far as the caller may know). */
    public static final class Gone extends Problem {
        public Gone(String message) {
            super(message);
        }
    }

    /**
     * 503 with Retry-After: the data cannot be read right now (a rebalance, a restore, an instance that did not
     * answer). The reason goes to the log, never to the caller.
     */
    public static final class Unavailable extends Problem {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /** 503 with Retry-After: this instance already runs as many expensive queries as it allows at once. */
    public static final class Busy extends Problem {
        /** @param reason for the log: which limit is reached */
        public Busy(String reason) {
            super(reason);
        }
    }

    /** 500: a fault of netpulse; logged once with its cause where it is caught, never shown. */
    public static final class Internal extends Problem {
        public Internal() {
            super("internal error");
        }
    }

    // ---- the common cases, so every API words them alike ----

    /** 400 for a problem only a sentence describes (the ErrorResponse APIs' parameters and bodies). */
    public static Invalid invalid(ErrorCode code, String message) {
        return new Invalid(code, message, OptionalInt.empty(), new LinkedHashMap<>());
    }

    /** 400 for invalid fields, each with its reason (the traffic API's parameters). */
    public static Invalid invalidFields(SequencedMap<String, String> fields) {
        StringBuilder message = new StringBuilder("Invalid");
        fields.forEach((field, reason) -> message.append(message.length() > 7 ? ";" : "").append(" '").append(field)
                .append("': ").append(reason));
        return new Invalid(ErrorCode.PARAMETER_INVALID, message + ".", OptionalInt.empty(), fields);
    }

    /** 400 for {@code field} of request {@code index} of a body holding several requests. */
    public static Invalid invalidField(int index, String field, String reason) {
        return new Invalid(ErrorCode.PARAMETER_INVALID, "Request " + index + ", '" + field + "': " + reason + ".",
                OptionalInt.of(index), single(field, reason));
    }

    /** 400 for the request body as a whole. */
    public static Invalid invalidBody(ErrorCode code, String message, String reason) {
        return new Invalid(code, message, OptionalInt.empty(), single("body", reason));
    }

    /** 400 for a request header that cannot be read. */
    public static Invalid invalidHeader(String header, String reason) {
        return new Invalid(ErrorCode.REQUEST_INVALID, "The " + header + " header " + reason + ".",
                OptionalInt.empty(), single(header, reason));
    }

    /** Over a limit only a sentence describes (the ErrorResponse APIs' ranges and sizes). */
    public static OverLimit overLimit(ErrorCode code, String message) {
        return new OverLimit(code, message, OptionalInt.empty(), new LinkedHashMap<>());
    }

    /** Over a limit of {@code field} of request {@code index} of a body. */
    public static OverLimit overLimit(int index, String field, String reason) {
        return new OverLimit(ErrorCode.PARAMETER_INVALID, "Request " + index + ", '" + field + "': " + reason + ".",
                OptionalInt.of(index), single(field, reason));
    }

    /** Over a limit of the request body as a whole. */
    public static OverLimit overLimitBody(String message, String reason) {
        return new OverLimit(ErrorCode.BODY_INVALID, message, OptionalInt.empty(), single("body", reason));
    }

    /** A body larger than {@code maxBytes}. */
    public static OverLimit bodyTooLarge(long maxBytes) {
        return new OverLimit(ErrorCode.BODY_TOO_LARGE, "The request body exceeds the limit of " + maxBytes
                + " bytes.", OptionalInt.empty(), single("body", "larger than " + maxBytes + " bytes"));
    }

    private static SequencedMap<String, String> single(String field, String reason) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put(field, reason);
        return fields;
    }
}
