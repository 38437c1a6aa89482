package io.netpulse.query.ip;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.ip.IpTrafficData.OVER_LIMIT;
import static io.netpulse.query.ip.IpTrafficData.SEED_DAILY;
import static io.netpulse.query.ip.IpTrafficData.THREE_DAYS;
import static io.netpulse.query.ip.IpTrafficData.TRAFFIC;
import static io.netpulse.query.ip.IpTrafficData.UNAVAILABLE;
import static io.netpulse.query.ip.IpTrafficData.notFound;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.testkit.TestTime;
import io.netpulse.topology.ip.IpTrafficHarness;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traffic statistics API over a real Helidon server, reading TopologyTestDriver stores filled with the
 * hand-made inventory and flows of {@link IpTrafficData}.
 */
@ServerTest
class IpTrafficServiceTest {

    private static final IpTrafficHarness HARNESS = new IpTrafficHarness();
    private static final Clock CLOCK = TestTime.fixedAt(Instant.parse("2026-01-04T12:00:00Z"));

    static {
        IpTrafficData.fill(HARNESS);
    }

    private final Http1Client client;

    private final Http1Client peer;

    IpTrafficServiceTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
        this.client = client;
        this.peer = peer;
    }

    @SetUpRoute(QueryRoutes.PEER_SOCKET)
    static void peer(HttpRouting.Builder routing) {
        QueryRoutes.registerPeer(routing, deps(DriverStores.of(HARNESS.driver)));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryDeps deps = deps(DriverStores.of(HARNESS.driver));
        QueryRoutes.register(routing, deps);
        routing.register("/limited", new IpTrafficService(Pipeline.of(deps), 48));
        routing.register("/unavailable", new IpTrafficService(Pipeline.of(deps(new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new StoreUnavailableException("store " + name + " is restoring");
            }
        })), IpTrafficService.DEFAULT_MAX_DATA_SETS));
        routing.register("/broken", new IpTrafficService(Pipeline.of(deps(new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new IllegalStateException("a bug");
            }
        })), IpTrafficService.DEFAULT_MAX_DATA_SETS));
    }

    @AfterAll
    static void closeDriver() {
        HARNESS.close();
    }

    private static QueryDeps deps(LocalStores stores) {
        return QueryDepsBuilder.over(stores).clock(CLOCK).issuer(TrafficRequests.ISSUER).build();
    }

    // ---- answers ----

    @Test
    void dailyAverageIsTheSeedsExample() {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=avg");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        // 49210633 / 143 and 94801 / 144; 2026-01-02 has no sample and is left out
        assertThat(answer.body()).isEqualTo(SEED_DAILY);
    }

    @Test
    void dailySumMinAndMaxAreWholeNumbers() {
        assertThat(get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum").body())
                .isEqualTo(daily(143, "49210633", 144, "94801"));
        assertThat(get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=min").body())
                .isEqualTo(daily(143, "344130", 144, "658"));
        assertThat(get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=max").body())
                .isEqualTo(daily(143, "344173", 144, "707"));
    }

    @Test
    void transmitCountsEverySampleOfThePeriod() {
        // 1000 + 3000 bytes in 2 of the 143 samples of 2026-01-01: avg 4000 / 143; nothing on 2026-01-03
        assertThat(get(TRAFFIC, "scope=transmit&" + THREE_DAYS + "&period=daily&method=avg").body())
                .isEqualTo(daily(143, "27.97202797202797", 144, "0"));
        assertThat(get(TRAFFIC, "scope=transmit&" + THREE_DAYS + "&period=daily&method=max").body())
                .isEqualTo(daily(143, "3000", 144, "0"));
    }

    @Test
    void totalAddsReceiveAndTransmitSampleBySample() {
        // 2026-01-01: 00:00 344130 + 1000, 00:10 344130 + 3000, the rest as received: sum 49214633
        assertThat(get(TRAFFIC, "scope=total&" + THREE_DAYS + "&period=daily&method=sum").body())
                .isEqualTo(daily(143, "49214633", 144, "94801"));
        assertThat(get(TRAFFIC, "scope=total&" + THREE_DAYS + "&period=daily&method=avg").body())
                .isEqualTo(daily(143, "344158.2727272727", 144, "658.3402777777778"));
        // the largest summed sample (00:10: 347130), not receive's max plus transmit's max (344173 + 3000)
        assertThat(get(TRAFFIC, "scope=total&" + THREE_DAYS + "&period=daily&method=max").body())
                .isEqualTo(daily(143, "347130", 144, "707"));
        assertThat(get(TRAFFIC, "scope=total&" + THREE_DAYS + "&period=daily&method=min").body())
                .isEqualTo(daily(143, "344130", 144, "658"));
    }

    @Test
    void hourlyDataSetsOfADay() {
        HttpAnswer sums = get(TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=2026-01-01&period=hourly"
                + "&method=sum");
        HttpAnswer averages = get(TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=2026-01-01"
                + "&period=hourly&method=avg");

        // every hour 6 x 344130 = 2064780, but 13:00 (5 samples: 1720650) and 16:00 (5 x 344130 + 344173)
        assertThat(sums.body()).isEqualTo(hourlyOfDay1("2064780", "1720650", "2064823"));
        // 2064823 / 6 = 344137.1666666667
        assertThat(averages.body()).isEqualTo(hourlyOfDay1("344130", "344130", "344137.1666666667"));
    }

    @Test
    void dayWithoutTrafficHasNoDataSet() {
        assertThat(get(TRAFFIC, "scope=receive&startDate=2026-01-02&endDate=2026-01-02&period=hourly&method=sum")
                .body()).isEqualTo("[]");
        assertThat(get(TRAFFIC, "scope=total&startDate=2026-01-02&endDate=2026-01-02&period=daily&method=max")
                .body()).isEqualTo("[]");
    }

    @Test
    void csvIsAHeaderAndOneCrlfLinePerDataSet() {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=avg",
                "text/csv");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/csv; charset=UTF-8; header=present");
        assertThat(answer.body()).isEqualTo("count,date,values\r\n"
                + "143,2026-01-01 00:00:00,344130.3006993007\r\n"
                + "144,2026-01-03 00:00:00,658.3402777777778\r\n");
    }

    @Test
    void csvOfNoDataSetIsTheHeaderAlone() {
        assertThat(get(TRAFFIC, "scope=receive&startDate=2026-01-02&endDate=2026-01-02&period=daily&method=avg",
                "text/csv").body()).isEqualTo("count,date,values\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "application/*", "text/csv;q=0.5, application/json",
            "application/json, text/csv"})
    void jsonWhenTheAcceptHeaderPrefersOrAllowsIt(String accept) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=avg", accept);

        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(SEED_DAILY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/*", "text/csv, application/json;q=0.9", "*/*;q=0.1, text/csv"})
    void csvWhenTheAcceptHeaderPrefersIt(String accept) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum", accept);

        assertThat(answer.body()).isEqualTo("count,date,values\r\n143,2026-01-01 00:00:00,49210633\r\n"
                + "144,2026-01-03 00:00:00,94801\r\n");
    }

    @Test
    void ipv6AddressInAnySpellingIsTheSameAddress() {
        String expected = "[{\"count\":1,\"date\":\"2026-01-01 00:00:00\",\"values\":1234}]";

        for (String spelling : new String[] {"2001:db8::a", "2001:0DB8:0:0:0:0:0:A"}) {
            assertThat(get("/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/" + spelling
                    + "/statistics/traffic", "scope=receive&" + THREE_DAYS + "&period=daily&method=sum").body())
                    .isEqualTo(expected);
        }
    }

    // ---- the limit ----

    @ParameterizedTest
    @ValueSource(strings = {"hourly", "daily"})
    void twentyDaysAreAllowed(String period) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=2026-01-20&period="
                + period + "&method=sum");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(period.equals("daily") ? daily(143, "49210633", 144, "94801")
                : hourlyOfDay1And3());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hourly", "daily"})
    void twentyOneDaysAreRefusedWhateverDataExists(String period) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=2026-01-21&period="
                + period + "&method=sum");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(OVER_LIMIT);
    }

    @Test
    void theSeedsOverLimitExample() {
        // 2015-01-01 .. 2015-05-05: 125 days, 3000 hourly data sets
        assertThat(get(TRAFFIC, "scope=receive&startDate=2015-01-01&endDate=2015-05-05&period=daily&method=sum"))
                .extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(403, OVER_LIMIT);
    }

    @Test
    void theLimitIsConfigurable() {
        // a limit of 48 hourly data sets: two days
        assertThat(get("/limited" + TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=2026-01-02"
                + "&period=daily&method=sum").status()).isEqualTo(200);
        assertThat(get("/limited" + TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum"))
                .extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(403, OVER_LIMIT);
    }

    // ---- 400 ----

    @Test
    void startDateBeforeTheServersCreationIsTheSeedsExample() {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&startDate=2011-01-01&endDate=2015-05-05&period=daily"
                + "&method=sum");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"startDate\":\"2011-01-01 is less than minimum value 2015-01-01\"}}}");
    }

    @Test
    void theCreationDateItselfIsAllowed() {
        HttpAnswer answer = get("/accounts/acct-77/dedicatedServers/srv-9/ipAddresses/192.0.2.20"
                + "/statistics/traffic", "scope=total&startDate=2020-03-15&endDate=2020-03-15&period=daily"
                + "&method=sum");

        assertThat(answer).extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(200, "[]");
    }

    @Test
    void everyMissingParameterIsNamed() {
        assertThat(get(TRAFFIC, "")).extracting(HttpAnswer::status, HttpAnswer::body).containsExactly(400,
                "{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,\"details\":{"
                        + "\"scope\":\"missing required value\",\"startDate\":\"missing required value\","
                        + "\"endDate\":\"missing required value\",\"period\":\"missing required value\","
                        + "\"method\":\"missing required value\"}}}");
    }

    @Test
    void everyInvalidParameterIsNamedWithItsReason() {
        HttpAnswer answer = get(TRAFFIC, "scope=inbound&startDate=2026-02-30&endDate=01/03/2026&period=weekly"
                + "&method=median");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"scope\":\"inbound is not one of receive, transmit, total\","
                + "\"startDate\":\"2026-02-30 is not a date of the form yyyy-mm-dd\","
                + "\"endDate\":\"01/03/2026 is not a date of the form yyyy-mm-dd\","
                + "\"period\":\"weekly is not one of hourly, daily\","
                + "\"method\":\"median is not one of avg, sum, min, max\"}}}");
    }

    @Test
    void repeatedAndEmptyParametersAreInvalid() {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&scope=total&startDate=&endDate=2026-01-03&period=daily"
                + "&method=sum");

        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"scope\":\"given 2 times; give it once\","
                + "\"startDate\":\"missing required value\"}}}");
    }

    @Test
    void endDateBeforeStartDateIsInvalid() {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&startDate=2026-01-03&endDate=2026-01-01&period=daily"
                + "&method=sum");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"endDate\":\"2026-01-01 is less than minimum value 2026-01-03\"}}}");
    }

    @Test
    void badRequestComesBeforeOverLimit() {
        // 2011-01-01 .. 2026-01-01 is far over the limit, but its start is before the server's creation
        assertThat(get(TRAFFIC, "scope=receive&startDate=2011-01-01&endDate=2026-01-01&period=daily&method=sum")
                .status()).isEqualTo(400);
    }

    // ---- 404 ----

    @Test
    void unknownAccount() {
        assertThat(get("/accounts/acct-9/dedicatedServers/srv-7/ipAddresses/192.0.2.10/statistics/traffic",
                "scope=receive&" + THREE_DAYS + "&period=daily&method=sum"))
                .extracting(HttpAnswer::status, HttpAnswer::body)
                .containsExactly(404, notFound("Account acct-9 does not exist."));
    }

    @Test
    void unknownServerOfAnExistingAccount() {
        // srv-9 exists, but in acct-77
        assertThat(get("/accounts/acct-42/dedicatedServers/srv-9/ipAddresses/192.0.2.20/statistics/traffic",
                "scope=receive&" + THREE_DAYS + "&period=daily&method=sum"))
                .extracting(HttpAnswer::status, HttpAnswer::body)
                .containsExactly(404, notFound("Dedicated server srv-9 does not exist in account acct-42."));
    }

    @Test
    void addressOfAnotherServer() {
        // 192.0.2.11 is srv-8's
        assertThat(get("/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/192.0.2.11/statistics/traffic",
                "scope=receive&" + THREE_DAYS + "&period=daily&method=sum"))
                .extracting(HttpAnswer::status, HttpAnswer::body)
                .containsExactly(404, notFound("IP address 192.0.2.11 does not belong to dedicated server srv-7."));
    }

    @Test
    void addressNotInTheInventoryOrNotAnAddress() {
        assertThat(get("/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/203.0.113.5/statistics/traffic",
                "scope=receive&" + THREE_DAYS + "&period=daily&method=sum").body())
                .isEqualTo(notFound("IP address 203.0.113.5 does not belong to dedicated server srv-7."));
        assertThat(get("/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/server-1/statistics/traffic",
                "scope=receive&" + THREE_DAYS + "&period=daily&method=sum").body())
                .isEqualTo(notFound("IP address server-1 does not belong to dedicated server srv-7."));
    }

    @Test
    void notFoundComesBeforeBadRequest() {
        assertThat(get("/accounts/acct-9/dedicatedServers/srv-7/ipAddresses/192.0.2.10/statistics/traffic",
                "scope=inbound").body()).isEqualTo(notFound("Account acct-9 does not exist."));
    }

    // ---- 401, 403, 405, 406, 500, 503 ----

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "POST", "PUT"})
    void otherMethodsAnswer405WithTheSeedsMessage(String method) {
        HttpAnswer answer = TrafficRequests.send(client, Method.create(method), TRAFFIC, "", Map.of());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET");
        // the seed's message names the resource's one operation, whatever the refused method
        assertThat(answer.body()).isEqualTo("{\"badMethod\":{\"message\":\"GET data error\",\"code\":405,"
                + "\"details\":\"Method " + method + " is not allowed on this resource; use GET.\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html, application/xhtml+xml", "application/json;q=0",
            "text/csv;q=0, application/json;q=0, */*;q=0.5"})
    void anAcceptHeaderAllowingNeitherFormatAnswers406(String accept) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum", accept);

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"notAcceptable\":{\"message\":\"GET data error\",\"code\":406,"
                + "\"details\":\"The statistics are served as application/json or text/csv; the Accept header"
                + " allows neither.\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv;q=abc", ";;;", "text", "/", "application/json;q=2"})
    void aMalformedAcceptHeaderIsA400NamingIt(String accept) {
        HttpAnswer answer = get(TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum", accept);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"Accept\":\"is not a list of media ranges (type/subtype, optionally ;q= a number"
                + " from 0 to 1)\"}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-0001-01-01", "20260-01-01", "2026-1-1"})
    void aDateOutsideFourDigitYearsIsA400(String endDate) {
        // sent with the plus sign as %2B, as curl does; the day after it is off the calendar
        HttpAnswer answer = get(TRAFFIC, "scope=receive&startDate=2026-01-01&endDate=" + endDate
                + "&period=daily&method=sum");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,"
                + "\"details\":{\"endDate\":\"" + endDate + " is not a date of the form yyyy-mm-dd\"}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/accounts/acct-42/dedicatedServers/srv-7", "/accounts",
            "/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/192.0.2.10/statistics/traffic/more"})
    void pathsOfTheApiThatDoNotRouteAre404InItsShapeAfterAuthentication(String path) {
        HttpAnswer answer = get(path, "");
        HttpAnswer anonymous = TrafficRequests.send(client, Method.GET, path, "", Map.of(), null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(notFound("Nothing is served at this path."));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo(IpTrafficData.UNAUTHORIZED);
    }

    @Test
    void storesThatCannotBeReadAnswer503WithRetryAfter() {
        HttpAnswer answer = get("/unavailable" + TRAFFIC, "scope=receive&" + THREE_DAYS
                + "&period=daily&method=sum");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void aFaultOfOursAnswers500WithoutDetails() {
        HttpAnswer answer = get("/broken" + TRAFFIC, "scope=receive&" + THREE_DAYS + "&period=daily&method=sum");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"internalError\":{\"message\":\"GET data error\",\"code\":500,"
                + "\"details\":\"An unexpected error occurred; it has been logged.\"}}");
    }

    @Test
    void theInternalMirrorAnswersFromLocalStores() {
        assertThat(TrafficRequests.send(peer, Method.GET, RemoteQueryClient.INTERNAL_PREFIX + TRAFFIC,
                "scope=receive&" + THREE_DAYS + "&period=daily&method=avg", Map.of()).body()).isEqualTo(SEED_DAILY);
    }

    // ---- expected bodies ----

    private static String daily(long count1, String value1, long count3, String value3) {
        return "[" + dataSet(count1, "2026-01-01 00:00:00", value1) + ","
                + dataSet(count3, "2026-01-03 00:00:00", value3) + "]";
    }

    private static String dataSet(long count, String date, String value) {
        return "{\"count\":" + count + ",\"date\":\"" + date + "\",\"values\":" + value + "}";
    }

    /** 2026-01-01 by hour: {@code usual} for 6 samples, {@code hour13} for its 5, {@code hour16} for its 6. */
    private static String hourlyOfDay1(String usual, String hour13, String hour16) {
        return "[" + hoursOfDay1(usual, hour13, hour16) + "]";
    }

    private static String hoursOfDay1(String usual, String hour13, String hour16) {
        StringBuilder hours = new StringBuilder();
        for (int hour = 0; hour < 24; hour++) {
            String value = hour == 13 ? hour13 : hour == 16 ? hour16 : usual;
            hours.append(hour == 0 ? "" : ",").append(dataSet(hour == 13 ? 5 : 6,
                    "2026-01-01 %02d:00:00".formatted(hour), value));
        }
        return hours.toString();
    }

    /** Hourly sums of 2026-01-01 and 2026-01-03 (00:00: 5 x 658 + 707 = 3997, then 6 x 658 = 3948). */
    private static String hourlyOfDay1And3() {
        StringBuilder hours = new StringBuilder("[" + hoursOfDay1("2064780", "1720650", "2064823"));
        for (int hour = 0; hour < 24; hour++) {
            hours.append(',').append(dataSet(6, "2026-01-03 %02d:00:00".formatted(hour), hour == 0 ? "3997" : "3948"));
        }
        return hours.append(']').toString();
    }

    private HttpAnswer get(String path, String query) {
        return TrafficRequests.send(client, Method.GET, path, query, Map.of());
    }

    private HttpAnswer get(String path, String query, String accept) {
        return TrafficRequests.send(client, Method.GET, path, query, Map.of("Accept", accept));
    }

    private HttpAnswer get(String path, String query, Map<String, String> headers) {
        return TrafficRequests.send(client, Method.GET, path, query, headers);
    }
}
