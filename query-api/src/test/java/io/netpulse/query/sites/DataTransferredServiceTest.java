package io.netpulse.query.sites;

import static io.netpulse.query.sites.SitesFixture.SITE_A;
import static io.netpulse.query.sites.SitesFixture.SITE_B;
import static io.netpulse.query.sites.SitesFixture.UNASSIGNED;
import static io.netpulse.query.sites.SitesFixture.error;
import static io.netpulse.query.sites.SitesFixture.point;
import static io.netpulse.query.sites.SitesFixture.send;
import static io.netpulse.query.sites.SitesFixture.sendAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.error.AuthenticationErrorBodies;
import io.netpulse.query.pipeline.UtcClock;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.StoreNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Get Data Transferred Volume over a real Helidon server, answered from TopologyTestDriver stores holding the
 * data of {@link SitesFixture} (per minute: site A 6000 / 600 from 00:00 to 00:19 and 500 / 50 at 00:40; site B
 * 100 / 1, 201 / 2, 200 / 1 x3, 100 / 1 from 00:10 to 00:15; unassigned 999 / 99 at 00:05), the clock at 02:00.
 */
@ServerTest
class DataTransferredServiceTest {

    private static final String PATH = DataTransferredService.PATH;
    private static final String SITES_A = "site_ids%5B%5D=" + SITE_A;
    private static final String SITES_B = "site_ids%5B%5D=" + SITE_B;
    private static SitesFixture fixture;

    private final URI server;

    DataTransferredServiceTest(URI server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        QueryRoutes.listener(server, SitesFixture.ISSUER.authenticator());
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

    private HttpAnswer get(String query) {
        return send(server, "GET", PATH + "?" + query);
    }

    private static String points(String... points) {
        return "[" + String.join(",", points) + "]";
    }

    @Test
    void fifteenMinuteBucketsSumTheirMinutesOverEverySite() {
        HttpAnswer answer = get("start_time=2026-01-01T00:00:00&end_time=2026-01-01T00:30:00&bucket_interval_minutes=15");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        // 00:00: A 15 x 6000 / 600 = 90000 / 9000, B 100+201+200+200+200 = 901 / 1+2+1+1+1 = 6.
        // 00:15: A 5 x 6000 / 600 = 30000 / 3000, B 100 / 1. The unassigned 999 / 99 belongs to no site.
        assertThat(answer.body()).isEqualTo(points(
                point("2026-01-01 00:00:00", 90_901, 9_006),
                point("2026-01-01 00:15:00", 30_100, 3_001)));
        // Every site: the sites listed, then each one's windows in the range, whole five minutes from their store.
        assertThat(fixture.storesRead).containsExactly(StoreNames.SITE_VOLUME_SITES,
                StoreNames.SITE_VOLUME_FIVE_MINUTE);
    }

    @Test
    void sixtyMinuteBucketIsReadFromTheHourStore() {
        HttpAnswer answer = get("start_time=2026-01-01T00:00:00&end_time=2026-01-01T01:00:00&bucket_interval_minutes=60");

        // A 20 x 6000 + 500 = 120500 / 20 x 600 + 50 = 12050; B 1001 / 7.
        assertThat(answer.body()).isEqualTo(points(point("2026-01-01 00:00:00", 121_501, 12_057)));
        // Every site: the sites listed, then each one's windows in the range.
        assertThat(fixture.storesRead).containsExactly(StoreNames.SITE_VOLUME_SITES, StoreNames.SITE_VOLUME_HOUR);
    }

    @Test
    void everyBucketOfTheRangeAppearsWithZerosWhereNothingFlowed() {
        HttpAnswer answer = get("start_time=2026-01-01T00:00:00Z&end_time=2026-01-01T01:00:00Z&" + SITES_B);

        List<String> expected = new ArrayList<>();
        for (int minute = 0; minute < 60; minute += 5) {
            String slot = "2026-01-01 00:%02d:00".formatted(minute);
            expected.add(switch (minute) {
                case 10 -> point(slot, 901, 6);
                case 15 -> point(slot, 100, 1);
                default -> point(slot, 0, 0);
            });
        }
        assertThat(answer.body()).isEqualTo(points(expected.toArray(String[]::new)));
    }

    @Test
    void siteFilterInBothSpellingsAndTogether() {
        String range = "start_time=2026-01-01T00:10:00&end_time=2026-01-01T00:20:00&bucket_interval_minutes=10&";

        assertThat(get(range + SITES_A).body()).isEqualTo(points(point("2026-01-01 00:10:00", 60_000, 6_000)));
        assertThat(get(range + "site_ids=" + SITE_B).body())
                .isEqualTo(points(point("2026-01-01 00:10:00", 1_001, 7)));
        assertThat(get(range + SITES_A + "&site_ids=" + SITE_B).body())
                .isEqualTo(points(point("2026-01-01 00:10:00", 61_001, 6_007)));
        // Upper case is the same site; a repeated id counts once.
        assertThat(get(range + SITES_B + "&" + SITES_B.toUpperCase().replace("%5B%5D", "%5b%5d")
                .replace("SITE_IDS", "site_ids")).body())
                .isEqualTo(points(point("2026-01-01 00:10:00", 1_001, 7)));
    }

    @Test
    void rawBracketsAsTheSeedWritesThemAreAccepted() throws IOException {
        String query = "start_time=2026-01-01T00:10:00&end_time=2026-01-01T00:20:00&bucket_interval_minutes=10"
                + "&site_ids[]=" + SITE_A + "&site_ids[]=" + SITE_B;
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + PATH + "?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + SitesFixture.EVERYTHING + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = response.readLine();
            int length = -1;
            for (String header = response.readLine(); !header.isEmpty(); header = response.readLine()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            char[] body = new char[Math.max(length, 0)];
            int read = 0;
            while (read < body.length) {
                read += response.read(body, read, body.length - read);
            }

            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            assertThat(new String(body)).isEqualTo(points(point("2026-01-01 00:10:00", 61_001, 6_007)));
        }
    }

    @Test
    void unassignedVolumeIsAnsweredWhenAskedForByTheNilUuid() {
        HttpAnswer answer = get("start_time=2026-01-01T00:00:00&end_time=2026-01-01T00:10:00&site_ids%5B%5D="
                + UNASSIGNED);

        assertThat(answer.body()).isEqualTo(points(point("2026-01-01 00:00:00", 0, 0),
                point("2026-01-01 00:05:00", 999, 99)));
    }

    @Test
    void defaultsAreTheLastFourHoursInFiveMinuteBuckets() {
        HttpAnswer answer = get("");

        // Now is 02:00: 22:00 (the day before) to 02:00 is 48 buckets of 5 minutes.
        Map<String, String> traffic = Map.of(
                "2026-01-01 00:00:00", point("2026-01-01 00:00:00", 30_000, 3_000),
                "2026-01-01 00:05:00", point("2026-01-01 00:05:00", 30_000, 3_000),
                "2026-01-01 00:10:00", point("2026-01-01 00:10:00", 30_901, 3_006),
                "2026-01-01 00:15:00", point("2026-01-01 00:15:00", 30_100, 3_001),
                "2026-01-01 00:40:00", point("2026-01-01 00:40:00", 500, 50));
        List<String> expected = new ArrayList<>();
        Instant slot = Instant.parse("2025-12-31T22:00:00Z");
        for (int i = 0; i < 48; i++, slot = slot.plus(Duration.ofMinutes(5))) {
            String text = UtcClock.FORMAT.format(slot);
            expected.add(traffic.getOrDefault(text, point(text, 0, 0)));
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(points(expected.toArray(String[]::new)));
    }

    @Test
    void minutesCountWhenTheirStartLiesInTheRangeAndBucketsStayAligned() {
        // 01:07:30+01:00 is 00:07:30Z: minutes 00:08 to 00:17 count, in buckets aligned at 00:05, 00:10, 00:15.
        HttpAnswer answer = get("start_time=2026-01-01T01:07:30%2B01:00&end_time=2026-01-01T00:17:30Z");

        assertThat(answer.body()).isEqualTo(points(
                point("2026-01-01 00:05:00", 12_000, 1_200),
                point("2026-01-01 00:10:00", 30_901, 3_006),
                point("2026-01-01 00:15:00", 18_100, 1_801)));
        // Minutes 00:08-00:09, the five minutes from 00:10, minutes 00:15-00:17: the same bytes as ten minutes,
        // the minute store opened once for both of its reads.
        assertThat(fixture.storesRead).containsExactly(StoreNames.SITE_VOLUME_SITES, StoreNames.SITE_VOLUME_MINUTE,
                StoreNames.SITE_VOLUME_FIVE_MINUTE);
    }

    @Test
    void rangeOlderThanTheMinuteStoreIsReadFromTheHourStore() {
        HttpAnswer answer = get("start_time=2025-12-24T00:00:00&end_time=2026-01-01T01:00:00&bucket_interval_minutes=1440");

        List<String> expected = new ArrayList<>();
        for (int day = 24; day <= 31; day++) {
            expected.add(point("2025-12-%d 00:00:00".formatted(day), 0, 0));
        }
        expected.add(point("2026-01-01 00:00:00", 121_501, 12_057));
        assertThat(answer.body()).isEqualTo(points(expected.toArray(String[]::new)));
        // Every site: the sites listed, then each one's windows in the range.
        assertThat(fixture.storesRead).containsExactly(StoreNames.SITE_VOLUME_SITES, StoreNames.SITE_VOLUME_HOUR);
    }

    @Test
    void rangeWithoutAWholeMinuteHasNoBucket() {
        HttpAnswer answer = get("start_time=2026-01-01T00:00:10&end_time=2026-01-01T00:00:50");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
        assertThat(fixture.storesRead).isEmpty();
    }

    private static final String BAD_TIME = "is not an ISO 8601 date-time: use YYYY-MM-DDTHH:MM:SS (read as UTC),"
            + " optionally with Z or an offset, e.g. 2025-10-29T08:00:00.";

    @Test
    void malformedTimesAnswer400NamingTheParameter() {
        assertBadRequest(get("start_time=yesterday"), "parameter_invalid",
                "The provided 'start_time' " + BAD_TIME);
        assertBadRequest(get("start_time=2026-01-01T00:00:00&end_time=2026-02-30T00:00:00"), "parameter_invalid",
                "The provided 'end_time' " + BAD_TIME);
        assertBadRequest(get("start_time=1767225600"), "parameter_invalid", "The provided 'start_time' " + BAD_TIME);
        assertBadRequest(get("end_time=%2B999999999-12-31T23:59:59"), "parameter_invalid",
                "The provided 'end_time' must lie in the years 0001 to 9999 (UTC).");
        assertBadRequest(get("start_time=2026-01-01T00:00:00&start_time=2026-01-01T01:00:00"), "parameter_invalid",
                "The 'start_time' parameter is given 2 times; give it once.");
    }

    @Test
    void endNotAfterStartAnswers400() {
        assertBadRequest(get("start_time=2026-01-01T00:10:00&end_time=2026-01-01T00:10:00"), "range_invalid",
                "The provided 'end_time' must be after 'start_time'.");
        assertBadRequest(get("start_time=2026-01-01T03:00:00"), "range_invalid",
                "The provided 'end_time' must be after 'start_time' (it defaults to now, 2026-01-01T02:00:00Z).");
    }

    @Test
    void bucketIntervalMustBeAPositiveIntegerWithinTheRangeLimit() {
        String range = "start_time=2026-01-01T00:00:00&end_time=2026-01-01T01:00:00&bucket_interval_minutes=";
        assertBadRequest(get(range + "abc"), "parameter_invalid",
                "The provided 'bucket_interval_minutes' is not an integer.");
        assertBadRequest(get(range + "1.5"), "parameter_invalid",
                "The provided 'bucket_interval_minutes' is not an integer.");
        assertBadRequest(get(range), "parameter_invalid",
                "The provided 'bucket_interval_minutes' is not an integer.");
        assertBadRequest(get(range + "0"), "parameter_invalid",
                "The provided 'bucket_interval_minutes' must be at least 1.");
        assertBadRequest(get(range + "-5"), "parameter_invalid",
                "The provided 'bucket_interval_minutes' must be at least 1.");
        assertBadRequest(get(range + "576001"), "parameter_invalid",
                "The provided 'bucket_interval_minutes' must be at most 576000 (400 days).");
    }

    @Test
    void hourlyBucketsMustBeWholeHours() {
        assertBadRequest(get("start_time=2026-01-01T00:00:00&end_time=2026-01-01T06:00:00&bucket_interval_minutes=90"),
                "parameter_invalid", "The provided 'bucket_interval_minutes' (90) must be a multiple of 60: buckets"
                        + " of an hour or more are built from hourly volumes.");
        assertBadRequest(get("start_time=2025-12-24T00:00:00&end_time=2026-01-01T00:00:00&bucket_interval_minutes=7"),
                "parameter_invalid", "The provided 'bucket_interval_minutes' (7) must be a multiple of 5: the"
                        + " range starts more than 7 days ago, before the minute volumes kept, so it is answered from"
                        + " five-minute volumes.");
        assertBadRequest(get("start_time=2025-09-01T00:00:00&end_time=2025-09-02T00:00:00&bucket_interval_minutes=15"),
                "parameter_invalid", "The provided 'bucket_interval_minutes' (15) must be a multiple of 60: the"
                        + " range starts more than 90 days ago, before the five-minute volumes kept, so it is"
                        + " answered from hourly volumes.");
    }

    @Test
    void malformedSiteIdAnswers400NamingTheParameterAndTheValue() {
        assertBadRequest(get("site_ids%5B%5D=" + SITE_A + "&site_ids%5B%5D=not-a-uuid"), "parameter_invalid",
                "The provided 'site_ids[]' value 'not-a-uuid' is not a valid UUID.");
        assertBadRequest(get("site_ids=1-2-3-4-5"), "parameter_invalid",
                "The provided 'site_ids' value '1-2-3-4-5' is not a valid UUID.");
        assertBadRequest(get("site_ids%5B%5D="), "parameter_invalid",
                "The provided 'site_ids[]' value '' is not a valid UUID.");
    }

    @Test
    void limitsAnswer400StatingThem() {
        assertBadRequest(get("start_time=2025-01-01T00:00:00&end_time=2026-02-05T00:00:01&bucket_interval_minutes=60"),
                "range_too_large", "The range from 'start_time' to 'end_time' exceeds the maximum of 400 days.");
        // 7 days and a minute of 1-minute buckets: 10081.
        assertBadRequest(get("start_time=2026-01-01T00:00:00&end_time=2026-01-08T00:01:00&bucket_interval_minutes=1"),
                "too_many_buckets", "The range from 'start_time' to 'end_time' at a 'bucket_interval_minutes' of 1"
                        + " gives 10081 buckets; the maximum is 10080.");
        StringBuilder many = new StringBuilder("start_time=2026-01-01T00:00:00");
        for (int i = 0; i < 51; i++) {
            many.append("&site_ids=aaaaaaaa-0000-4000-8000-%012d".formatted(i));
        }
        assertBadRequest(get(many.toString()), "parameter_invalid",
                "At most 50 'site_ids[]' values may be given; this request has 51.");
    }

    @Test
    void otherMethodsAnswer405WithTheErrorBody() {
        HttpAnswer answer = send(server, "POST", PATH);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET");
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "method_not_allowed",
                "Method POST is not allowed on this path; use GET."));
    }

    @Test
    void anAcceptHeaderWithoutJsonIs406AfterAuthentication() {
        HttpAnswer anonymous = sendAs(null, server, "GET", PATH, "Accept", "text/csv");
        HttpAnswer answer = send(server, "GET", PATH, "Accept", "text/csv");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo(AuthenticationErrorBodies.REQUIRED);
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "not_acceptable",
                "The answer is served as application/json; the Accept header allows no such type."));
    }

    @Test
    void aMalformedAcceptHeaderIs400() {
        assertBadRequest(send(server, "GET", PATH, "Accept", "text/csv;q=abc"), "request_invalid",
                "The Accept header is not a list of media ranges (type/subtype, optionally ;q= a number from 0"
                        + " to 1).");
    }

    @Test
    void docUrlOfTheNewCodesExplainsThem() {
        HttpAnswer answer = send(server, "GET", "/docs/errors/too_many_buckets");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("too_many_buckets (HTTP 400, invalid_request_error)\n\n"
                + "The time range divided by the bucket interval gives more buckets than the API answers at once"
                + " (10,080 for data transferred): widen bucket_interval_minutes or narrow the range.\n");
    }

    private static void assertBadRequest(HttpAnswer answer, String code, String message) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", code, message));
    }
}
