package io.netpulse.query.error;

import io.netpulse.query.auth.TestIssuer.Refused;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The 401 ErrorResponse bodies of the two APIs that answer with the seed's ErrorResponse (000 and 001). */
public final class AuthenticationErrorBodies {

    public static final String REQUIRED = "{\"type\":\"authentication_error\",\"code\":\"authentication_required\","
            + "\"message\":\"Authentication required.\",\"doc_url\":\"/docs/errors/authentication_required\"}";
    public static final String MALFORMED = "{\"type\":\"authentication_error\",\"code\":\"invalid_token\","
            + "\"message\":\"The bearer token is malformed.\",\"doc_url\":\"/docs/errors/invalid_token\"}";
    public static final String INVALID = "{\"type\":\"authentication_error\",\"code\":\"invalid_token\","
            + "\"message\":\"The bearer token is invalid or expired.\",\"doc_url\":\"/docs/errors/invalid_token\"}";

    private AuthenticationErrorBodies() {
    }

    /** Every refused credential with its ErrorResponse body. */
    public static Stream<Arguments> refusals() {
        return Refused.withBodies(REQUIRED, MALFORMED, INVALID);
    }
}
