package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.AccessCheck;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.error.ApiException;
import io.netpulse.query.interfaces.InterfaceMetricsFixture.Answer;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import java.net.URI;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.Test;

/** The 401 answer of the access hook: status, body and WWW-Authenticate (the token check itself is issue 8's). */
@ServerTest
class InterfaceMetricsAccessTest {

    private final URI server;

    InterfaceMetricsAccessTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        LocalStores none = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new AssertionError("an unauthorized request must not read " + name);
            }
        };
        AccessCheck bearerRequired = request -> {
            if (request.headers().first(HeaderNames.AUTHORIZATION).isEmpty()) {
                throw ApiException.unauthorized("A bearer token is required.");
            }
        };
        QueryRoutes.register(routing, InterfaceMetricsFixture.deps(none, KeyLocator.local(new HostInfo("localhost", 0))),
                bearerRequired);
    }

    @Test
    void missingTokenAnswers401() {
        Answer answer = send(server, "POST", "/metrics/interfaces/9f9510bd-1234-5678-a7cf-f845a39e26db/metrics",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.body()).isEqualTo("{\"type\":\"authentication_error\",\"code\":\"unauthorized\","
                + "\"message\":\"A bearer token is required.\",\"doc_url\":\"/docs/errors/unauthorized\"}");
    }
}
