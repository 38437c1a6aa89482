package io.netpulse.query.error;

import io.helidon.http.Status;

/**
 * Every error code the ErrorResponse APIs answer, with its HTTP status, its broad type and the explanation
 * served at {@code /docs/errors/<code>} (where {@code doc_url} points).
 */
public enum ErrorCode {

    PARAMETER_INVALID("parameter_invalid", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "A path parameter, query parameter or body field has a value of the wrong form or out of range: a UUID,"
                    + " a date-time (2025-10-29T10:00:00Z; data-transferred also takes 2025-10-29T10:00:00 as UTC),"
                    + " or an integer within its limits. The message names the parameter and, for lists, the value."),
    PARAMETER_MISSING("parameter_missing", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "A required field is missing from the request body. The message names the field."),
    BODY_MISSING("body_missing", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The request needs a JSON object body, for example {\"from\": \"2025-10-29T10:00:00Z\","
                    + " \"to\": \"2025-10-29T11:00:00Z\"}."),
    BODY_INVALID("body_invalid", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The request body is not JSON, or not a JSON object."),
    BODY_TOO_LARGE("body_too_large", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The request body is larger than the API accepts (4096 bytes)."),
    RANGE_INVALID("range_invalid", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The start of the time range must lie before its end."),
    RANGE_TOO_LARGE("range_too_large", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The time range is longer than the API answers at once (interface metrics: 31 days by default; data"
                    + " transferred: 400 days): ask in several parts."),
    BUCKETS_TOO_MANY("too_many_buckets", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The time range divided by the bucket interval gives more buckets than the API answers at once (10,080"
                    + " for data transferred): widen bucket_interval_minutes or narrow the range."),
    REQUEST_INVALID("request_invalid", Status.BAD_REQUEST_400, ErrorCode.INVALID_REQUEST,
            "The HTTP request itself is malformed (its encoding, headers or framing); the status says how."),
    AUTHENTICATION_REQUIRED("authentication_required", Status.UNAUTHORIZED_401, ErrorCode.AUTHENTICATION,
            "The request carries no bearer token: send Authorization: Bearer <JWT>, a token of the issuer netpulse"
                    + " trusts (the embedded one writes demo-token.jwt to its state directory)."),
    INVALID_TOKEN("invalid_token", Status.UNAUTHORIZED_401, ErrorCode.AUTHENTICATION,
            "The bearer token was refused: it is not a JWT, or its signature, issuer, audience, expiry or not-before"
                    + " time does not hold. Get a fresh token; the server log says why at DEBUG level."),
    SITE_FORBIDDEN("site_forbidden", Status.FORBIDDEN_403, "permission_error",
            "The token does not grant access to a site the request names; its 'sites' claim lists the sites it may"
                    + " see. Leave site_ids[] out to get every site the token may see."),
    RESOURCE_MISSING("resource_missing", Status.NOT_FOUND_404, ErrorCode.INVALID_REQUEST,
            "Nothing is served at this path."),
    METHOD_NOT_ALLOWED("method_not_allowed", Status.METHOD_NOT_ALLOWED_405, ErrorCode.INVALID_REQUEST,
            "The path exists but not for this HTTP method; the Allow header lists the methods it accepts."),
    NOT_ACCEPTABLE("not_acceptable", Status.NOT_ACCEPTABLE_406, ErrorCode.INVALID_REQUEST,
            "The Accept header allows no type the API answers with: these APIs answer application/json. Send"
                    + " Accept: application/json, or leave the header out."),
    INTERFACE_GONE("interface_gone", Status.GONE_410, ErrorCode.INVALID_REQUEST,
            "netpulse does not know this interface id: neither the inventory names it nor was it derived from"
                    + " counters netpulse has seen, or the inventory deleted it. GET /interfaces lists the known ids."),
    SERVICE_UNAVAILABLE("service_unavailable", Status.SERVICE_UNAVAILABLE_503, ErrorCode.API_ERROR,
            "The data needed is being moved or restored between instances (a rebalance or a restart), or this"
                    + " instance already answers as many expensive queries (every site, long ranges) as it allows at"
                    + " once. Retry after the number of seconds in the Retry-After header."),
    INTERNAL_ERROR("internal_error", Status.INTERNAL_SERVER_ERROR_500, ErrorCode.API_ERROR,
            "netpulse failed unexpectedly; the server log has the details. Retrying may help.");

    /** Path under which each code is explained; doc_url is this plus the code. */
    public static final String DOCS_PATH = "/docs/errors/";

    private static final String INVALID_REQUEST = "invalid_request_error";
    private static final String API_ERROR = "api_error";
    private static final String AUTHENTICATION = "authentication_error";

    private final String code;
    private final Status status;
    private final String type;
    private final String explanation;

    ErrorCode(String code, Status status, String type, String explanation) {
        this.code = code;
        this.status = status;
        this.type = type;
        this.explanation = explanation;
    }

    /** The short string in the body's {@code code}. */
    public String code() {
        return code;
    }

    /** The HTTP status it is answered with. */
    public Status status() {
        return status;
    }

    /** The body's {@code type}: the broad category. */
    public String type() {
        return type;
    }

    /** What the code means and what to do, served at {@link #docPath()}. */
    public String explanation() {
        return explanation;
    }

    /** Where the app explains the code: {@code /docs/errors/<code>}. */
    public String docPath() {
        return DOCS_PATH + code;
    }
}
