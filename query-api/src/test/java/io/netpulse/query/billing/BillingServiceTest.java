package io.netpulse.query.billing;

import static io.netpulse.query.billing.BillingData.ADDRESS;
import static io.netpulse.query.billing.BillingData.INTERFACE;
import static io.netpulse.query.billing.BillingData.ISSUER;
import static io.netpulse.query.billing.BillingData.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The three billing routes over the data of {@link BillingData}, asked at 2026-01-04 12:00 (the current month:
 * January 2026, 8,928 slots).
 */
@ServerTest
class BillingServiceTest {

    static final String OTHER_SITE = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";

    private static final Path STATE = TopologyHarness.tempStateDir();
    private static final RatesTestDriver DRIVER = new RatesTestDriver(STATE);

    static {
        BillingData.fill(DRIVER);
    }

    private final URI server;

    BillingServiceTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, QueryDepsBuilder.over(DriverStores.of(DRIVER.driver())).at(ISSUER.now())
                .issuer(ISSUER).build());
    }

    @AfterAll
    static void close() {
        DRIVER.close();
        TopologyHarness.delete(STATE);
    }

    private HttpAnswer get(String authorization, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpAnswer.send(request.build());
    }

    private HttpAnswer get(String pathAndQuery) {
        return get(ISSUER.everything(), pathAndQuery);
    }

    static String answer(String subject, String id, String start, String end, int expected, int samples,
                                 int rank, String in, String out, String max, String aggregate) {
        return "{\"subject\":\"" + subject + "\",\"id\":\"" + id + "\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"expected_samples\":" + expected + ",\"samples\":" + samples + ",\"rank\":" + rank
                + ",\"in_bits_per_second\":" + in + ",\"out_bits_per_second\":" + out + ",\"max_bits_per_second\":"
                + max + ",\"aggregate_bits_per_second\":" + aggregate + "}";
    }

    static String error(String type, String code, String message) {
        return "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"doc_url\":\"/docs/errors/" + code + "\"}";
    }

    @Test
    void withoutAPeriodAnInterfaceIsBilledForTheCurrentCalendarMonth() {
        HttpAnswer answer = get("/billing/interfaces/" + INTERFACE);

        // n = 6 of 8,928, rank ceil(5.7) = 6: the largest; in + out 4500 + 375 bytes = 130 bit/s.
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(answer("interface", INTERFACE, "2026-01-01T00:00:00Z",
                "2026-02-01T00:00:00Z", 8_928, 6, 6, "120.0", "10.0", "120.0", "130.0"));
    }

    @Test
    void aPeriodTakesTheSlotsThatStartInIt() {
        HttpAnswer tenMinutes = get("/billing/interfaces/" + INTERFACE
                + "?start=2026-01-01T00:10:00Z&end=2026-01-01T00:20:00Z");
        HttpAnswer oneSlot = get("/billing/interfaces/" + INTERFACE
                + "?start=2026-01-01T00:05:00Z&end=2026-01-01T00:10:00Z");

        // Slots 00:10 (2250 bytes: 60 bit/s) and 00:15 (3000: 80); 00:20 starts at the end, outside.
        assertThat(tenMinutes.body()).isEqualTo(answer("interface", INTERFACE, "2026-01-01T00:10:00Z",
                "2026-01-01T00:20:00Z", 2, 2, 2, "80.0", "10.0", "80.0", "90.0"));
        // Only slot 00:05: 1500 bytes, 40 bit/s.
        assertThat(oneSlot.body()).isEqualTo(answer("interface", INTERFACE, "2026-01-01T00:05:00Z",
                "2026-01-01T00:10:00Z", 1, 1, 1, "40.0", "10.0", "40.0", "50.0"));
    }

    @Test
    void aPeriodWithoutSamplesSaysSoWithoutRates() {
        HttpAnswer answer = get("/billing/interfaces/" + INTERFACE
                + "?start=2026-01-02T00:00:00Z&end=2026-01-03T00:00:00Z");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer("interface", INTERFACE, "2026-01-02T00:00:00Z",
                "2026-01-03T00:00:00Z", 288, 0, 0, "null", "null", "null", "null"));
    }

    @Test
    void aSiteIsBilledFromItsOwnSamples() {
        HttpAnswer answer = get(ISSUER.sites(SITE), "/billing/sites/" + SITE.toUpperCase());
        HttpAnswer unknown = get("/billing/sites/" + OTHER_SITE + "?start=2026-01-01T00:00:00Z&end=2026-01-01T01:00:00Z");

        // The site has this one interface: the same six slots.
        assertThat(answer.body()).isEqualTo(answer("site", SITE, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z",
                8_928, 6, 6, "120.0", "10.0", "120.0", "130.0"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(answer("site", OTHER_SITE, "2026-01-01T00:00:00Z",
                "2026-01-01T01:00:00Z", 12, 0, 0, "null", "null", "null", "null"));
    }

    @Test
    void anAddressIsBilledOnReceivedAndTransmittedBytes() {
        HttpAnswer answer = get(ISSUER.accounts("acct-42"), "/billing/accounts/acct-42/ipAddresses/" + ADDRESS);

        // Slots 00:00 (300 received: 8 bit/s) and 00:05 (600 received, 150 transmitted: 16 and 4 bit/s); n = 2,
        // rank 2. in + out: 8 and 20 bit/s.
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer("ip-address", ADDRESS, "2026-01-01T00:00:00Z",
                "2026-02-01T00:00:00Z", 8_928, 2, 2, "16.0", "4.0", "16.0", "20.0"));
    }

    @Test
    void interfacesAndSitesOutsideTheTokensSitesAreRefused() {
        String otherTenant = ISSUER.sites(OTHER_SITE);

        HttpAnswer anInterface = get(otherTenant, "/billing/interfaces/" + INTERFACE);
        HttpAnswer aSite = get(otherTenant, "/billing/sites/" + SITE);
        HttpAnswer unknownInterface = get("/billing/interfaces/22222222-2222-2222-2222-222222222222");

        // An interface of another site answers like an unknown one, as the interface metrics API does.
        assertThat(anInterface.status()).isEqualTo(410);
        assertThat(anInterface.body()).isEqualTo(error("invalid_request_error", "interface_gone", "The interface '"
                + INTERFACE + "' is unknown to netpulse or no longer exists."));
        assertThat(unknownInterface.status()).isEqualTo(410);
        assertThat(aSite.status()).isEqualTo(403);
        assertThat(aSite.body()).isEqualTo(error("permission_error", "site_forbidden",
                "The caller may not see the site '" + SITE + "'."));
    }

    @Test
    void anAddressOutsideTheTokensAccountsIsRefusedInTheTrafficApisShape() {
        HttpAnswer otherAccount = get(ISSUER.accounts("acct-77"), "/billing/accounts/acct-42/ipAddresses/" + ADDRESS
                + "?start=yesterday");
        HttpAnswer notTheAccounts = get(ISSUER.accounts("acct-77"), "/billing/accounts/acct-77/ipAddresses/" + ADDRESS);

        // The scope comes first: the bad 'start' is not even looked at.
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body()).isEqualTo("{\"forbidden\":{\"message\":\"GET data error\",\"code\":403,"
                + "\"details\":\"The authorized user does not have permissions to access the resource.\"}}");
        assertThat(notTheAccounts.status()).isEqualTo(404);
        assertThat(notTheAccounts.body()).isEqualTo("{\"itemNotFound\":{\"message\":\"GET data error\",\"code\":404,"
                + "\"details\":\"Account acct-77 does not exist.\"}}");
    }

    @Test
    void eachPeriodLimitIsA400NamingItsField() {
        String path = "/billing/interfaces/" + INTERFACE;

        assertThat(get(path + "?start=yesterday&end=2026-01-02T00:00:00Z").body()).isEqualTo(error(
                "invalid_request_error", "parameter_invalid", "The 'start' parameter must be an ISO-8601 instant"
                        + " such as 2026-01-01T00:00:00Z."));
        assertThat(get(path + "?start=2026-01-01T00:01:00Z&end=2026-01-02T00:00:00Z").body()).isEqualTo(error(
                "invalid_request_error", "parameter_invalid", "The 'start' parameter must be on a 5-minute edge"
                        + " (00:00, 00:05, ...)."));
        assertThat(get(path + "?end=2026-01-02T00:00:00Z").body()).isEqualTo(error("invalid_request_error",
                "parameter_invalid", "The 'start' parameter is required with 'end' (leave both out for the current"
                        + " calendar month in UTC)."));
        assertThat(get(path + "?start=2026-01-02T00:00:00Z&end=2026-01-02T00:00:00Z").body()).isEqualTo(error(
                "invalid_request_error", "range_invalid", "The 'end' parameter must be after 'start'."));
        assertThat(get(path + "?start=2026-01-01T00:00:00Z&end=2026-02-01T00:05:00Z").body()).isEqualTo(error(
                "invalid_request_error", "range_too_large", "The 'end' parameter is more than 31 days after"
                        + " 'start'."));
        // 90 days before 2026-01-04 12:00.
        HttpAnswer tooOld = get(path + "?start=2025-10-06T00:00:00Z&end=2025-10-07T00:00:00Z");
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(tooOld.body()).isEqualTo(error("invalid_request_error", "parameter_invalid", "The 'start'"
                + " parameter is before 2025-10-06T12:00:00Z: 5-minute samples are kept 90 days."));
        // 31 days exactly is allowed.
        assertThat(get(path + "?start=2026-01-01T00:00:00Z&end=2026-02-01T00:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void anAcceptHeaderWithoutJsonIs406InEachRoutesShape() {
        HttpRequest.Builder address = HttpRequest.newBuilder(server.resolve("/billing/accounts/acct-42/ipAddresses/"
                + ADDRESS)).header("Authorization", ISSUER.everything()).header("Accept", "text/csv").GET();
        HttpRequest.Builder site = HttpRequest.newBuilder(server.resolve("/billing/sites/" + SITE))
                .header("Authorization", ISSUER.everything()).header("Accept", "text/csv").GET();

        HttpAnswer forAddress = HttpAnswer.send(address.build());
        HttpAnswer forSite = HttpAnswer.send(site.build());

        assertThat(forAddress.status()).isEqualTo(406);
        assertThat(forAddress.body()).isEqualTo("{\"notAcceptable\":{\"message\":\"GET data error\",\"code\":406,"
                + "\"details\":\"The billing is served as application/json; the Accept header does not allow it.\"}}");
        assertThat(forSite.status()).isEqualTo(406);
        assertThat(forSite.body()).isEqualTo(error("invalid_request_error", "not_acceptable", "The answer is served"
                + " as application/json; the Accept header allows no such type."));
    }

    @Test
    void theAddressRouteNamesTheFieldInItsDetails() {
        HttpAnswer answer = get("/billing/accounts/acct-42/ipAddresses/" + ADDRESS
                + "?start=2026-01-01T00:00:00Z&end=2026-01-01T00:02:30Z");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"end\":\"must be on a 5-minute edge (00:00, 00:05, ...)\"}}}");
    }
}
