package io.netpulse.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.auth.AuthenticationException.Reason;
import org.junit.jupiter.api.Test;

/** RFC 6750 section 3: no error code without credentials, invalid_token for a refused token. */
class BearerChallengeTest {

    @Test
    void challengePerReason() {
        assertThat(BearerChallenge.headerValue(Reason.MISSING)).isEqualTo("Bearer realm=\"netpulse\"");
        assertThat(BearerChallenge.headerValue(Reason.MALFORMED))
                .isEqualTo("Bearer realm=\"netpulse\", error=\"invalid_token\"");
        assertThat(BearerChallenge.headerValue(Reason.INVALID))
                .isEqualTo("Bearer realm=\"netpulse\", error=\"invalid_token\"");
    }
}
