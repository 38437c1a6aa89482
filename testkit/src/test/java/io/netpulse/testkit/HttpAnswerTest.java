package io.netpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static final HttpAnswer SENT = new HttpAnswer(503, "application/json", "{\"error\":\"unavailable\"}",
            Map.of("Retry-After", List.of("5"), "content-type", List.of("application/json"),
                    "Vary", List.of("Accept", "Authorization")));

    @Test
    void twoAnswersAreEqualWhenStatusContentTypeAndBodyAre() {
        assertThat(SENT).isEqualTo(HttpAnswer.of(503, "application/json", "{\"error\":\"unavailable\"}"));
        assertThat(SENT).hasSameHashCodeAs(HttpAnswer.of(503, "application/json", "{\"error\":\"unavailable\"}"));
        assertThat(SENT).isNotEqualTo(HttpAnswer.of(500, "application/json", "{\"error\":\"unavailable\"}"));
        assertThat(SENT).isNotEqualTo(HttpAnswer.of(503, "text/plain", "{\"error\":\"unavailable\"}"));
        assertThat(SENT).isNotEqualTo(HttpAnswer.of(503, "application/json", "{}"));
    }

    @Test
    void headersAreFoundByNameInAnyCase() {
        assertThat(SENT.header("retry-after")).isEqualTo("5");
        assertThat(SENT.header("RETRY-AFTER")).isEqualTo("5");
        assertThat(SENT.header("Content-Type")).isEqualTo("application/json");
        assertThat(SENT.header("vary")).isEqualTo("Accept");
        assertThat(SENT.headers().get("VARY")).containsExactly("Accept", "Authorization");
        assertThat(SENT.header("WWW-Authenticate")).isNull();
    }

    @Test
    void theBodyReadsAsJsonOrFailsNamingIt() {
        assertThat(SENT.json().get("error").asText()).isEqualTo("unavailable");
        assertThatThrownBy(() -> HttpAnswer.of(200, "text/csv", "a,b\n1,2\n").json())
                .isInstanceOf(AssertionError.class)
                .hasMessage("not JSON (status 200): a,b\n1,2\n");
    }

    @Test
    void itPrintsAsStatusContentTypeAndBody() {
        assertThat(SENT).hasToString("503 application/json {\"error\":\"unavailable\"}");
        assertThat(HttpAnswer.of(204, null, "")).hasToString("204 (no Content-Type) ");
    }
}
