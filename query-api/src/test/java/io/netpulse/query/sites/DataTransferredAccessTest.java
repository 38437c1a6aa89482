package io.netpulse.query.sites;

import static io.netpulse.query.sites.SitesFixture.SITE_A;
import static io.netpulse.query.sites.SitesFixture.SITE_B;
import static io.netpulse.query.sites.SitesFixture.error;
import static io.netpulse.query.sites.SitesFixture.point;
import static io.netpulse.query.sites.SitesFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.AccessCheck;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.error.ApiException;
import io.netpulse.query.error.ErrorHandlers;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.sites.SitesFixture.Answer;
import java.net.URI;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The 401 of the access hook and the site scope hook: a caller limited to site B ({@code /scoped}), or to no site
 * at all ({@code /nothing}), over the data of {@link SitesFixture}. The token check itself is the security issue's.
 */
@ServerTest
class DataTransferredAccessTest {

    private static final String RANGE = "?start_time=2026-01-01T00:10:00&end_time=2026-01-01T00:20:00"
            + "&bucket_interval_minutes=10";
    private static SitesFixture fixture;

    private final URI server;

    DataTransferredAccessTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        fixture = new SitesFixture();
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
        QueryRoutes.register(routing, SitesFixture.deps(none, KeyLocator.local(new HostInfo("localhost", 0))),
                bearerRequired);
        routing.register("/scoped", new DataTransferredService(fixture.deps(), AccessCheck.NONE,
                request -> Scope.of(Set.of(SITE_B)), false, DataTransferredLimits.defaults()));
        routing.register("/nothing", new DataTransferredService(fixture.deps(), AccessCheck.NONE,
                request -> Scope.NONE, false, DataTransferredLimits.defaults()));
        ErrorHandlers.register(routing);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void missingTokenAnswers401BeforeAnythingIsRead() {
        Answer answer = send(server, "GET", DataTransferredService.PATH + RANGE);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.body()).isEqualTo(error("authentication_error", "unauthorized",
                "A bearer token is required."));
    }

    @Test
    void omittedSitesMeanTheCallersSites() {
        Answer answer = send(server, "GET", "/scoped" + DataTransferredService.PATH + RANGE);

        // Site B only: 100 + 201 + 200 x3 + 100 = 1001 in, 7 out; site A's 60000 / 6000 is not the caller's.
        assertThat(answer.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 1_001, 7) + "]");
    }

    @Test
    void namedSiteOutsideTheScopeAnswers403() {
        Answer answer = send(server, "GET", "/scoped" + DataTransferredService.PATH + RANGE + "&site_ids%5B%5D="
                + SITE_B + "&site_ids%5B%5D=" + SITE_A);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(error("permission_error", "site_forbidden",
                "The caller may not see the site '" + SITE_A + "' named in 'site_ids[]'."));
    }

    @Test
    void callerWithoutSitesGetsZeros() {
        Answer answer = send(server, "GET", "/nothing" + DataTransferredService.PATH + RANGE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 0, 0) + "]");
    }
}
