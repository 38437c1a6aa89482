package io.netpulse.query.sites;

import static io.netpulse.query.sites.SitesFixture.ISSUER;
import static io.netpulse.query.sites.SitesFixture.SITE_A;
import static io.netpulse.query.sites.SitesFixture.SITE_B;
import static io.netpulse.query.sites.SitesFixture.UNASSIGNED;
import static io.netpulse.query.sites.SitesFixture.error;
import static io.netpulse.query.sites.SitesFixture.point;
import static io.netpulse.query.sites.SitesFixture.sendAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryRoutes;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants over the data of {@link SitesFixture} from 00:10 to 00:20 in one 10-minute bucket: {@code tenantA}
 * may see site A (10 x 6000 / 600 = 60000 / 6000), {@code tenantB} site B (1001 / 7). Omitted {@code site_ids[]}
 * means the token's sites; a named site outside them is a 403 answered before any store is read.
 */
@ServerTest
class DataTransferredScopeTest {

    private static final String RANGE = DataTransferredService.PATH + "?start_time=2026-01-01T00:10:00"
            + "&end_time=2026-01-01T00:20:00&bucket_interval_minutes=10";
    private static SitesFixture fixture;

    private final URI server;
    private final String tenantA = ISSUER.sites(SITE_A);
    // Upper case on purpose: site ids compare in canonical (lower-case) form.
    private final String tenantB = ISSUER.sites(SITE_B.toUpperCase(Locale.ROOT));

    DataTransferredScopeTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        fixture = new SitesFixture();
        QueryRoutes.register(routing, fixture.deps());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @BeforeEach
    void forgetStoresRead() {
        fixture.storesRead.clear();
    }

    private HttpAnswer get(String authorization, String query) {
        return sendAs(authorization, server, "GET", RANGE + query);
    }

    private static String forbidden(String site) {
        return error("permission_error", "site_forbidden", "The caller may not see the site '" + site
                + "' named in 'site_ids[]'.");
    }

    @Test
    void omittedSitesMeanEachTenantsOwnSites() {
        HttpAnswer forA = get(tenantA, "");
        HttpAnswer forB = get(tenantB, "");
        HttpAnswer forEverySite = get(ISSUER.everything(), "");

        assertThat(forA.status()).isEqualTo(200);
        assertThat(forA.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 60_000, 6_000) + "]");
        assertThat(forB.status()).isEqualTo(200);
        assertThat(forB.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 1_001, 7) + "]");
        assertThat(forEverySite.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 61_001, 6_007) + "]");
    }

    @Test
    void eachTenantMayNameItsOwnSite() {
        assertThat(get(tenantA, "&site_ids%5B%5D=" + SITE_A).body())
                .isEqualTo("[" + point("2026-01-01 00:10:00", 60_000, 6_000) + "]");
        assertThat(get(tenantB, "&site_ids=" + SITE_B).body())
                .isEqualTo("[" + point("2026-01-01 00:10:00", 1_001, 7) + "]");
    }

    @Test
    void aNamedSiteOfTheOtherTenantIs403BeforeAnyStoreIsRead() {
        HttpAnswer bAsksForA = get(tenantB, "&site_ids%5B%5D=" + SITE_B + "&site_ids%5B%5D=" + SITE_A);
        HttpAnswer aAsksForB = get(tenantA, "&site_ids%5B%5D=" + SITE_B);

        assertThat(bAsksForA.status()).isEqualTo(403);
        assertThat(bAsksForA.contentType()).isEqualTo("application/json");
        assertThat(bAsksForA.body()).isEqualTo(forbidden(SITE_A));
        assertThat(aAsksForB.status()).isEqualTo(403);
        assertThat(aAsksForB.body()).isEqualTo(forbidden(SITE_B));
        assertThat(fixture.storesRead).isEqualTo(List.of());
    }

    @Test
    void theVolumeWithoutASiteIsOnlyForEverySite() {
        assertThat(get(tenantA, "&site_ids%5B%5D=" + UNASSIGNED).body()).isEqualTo(forbidden(UNASSIGNED));
        assertThat(get(ISSUER.everything(), "&site_ids%5B%5D=" + UNASSIGNED).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutSitesGetsZeros() {
        HttpAnswer answer = get(ISSUER.sources("10.0.0.1"), "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + point("2026-01-01 00:10:00", 0, 0) + "]");
    }
}
