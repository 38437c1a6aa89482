package io.netpulse.query.interfaces;

import static io.netpulse.query.interfaces.InterfaceMetricsFixture.BRANCH;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.BRANCH_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.DELETED_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.DERIVED;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.DERIVED_POLLS;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.NAMED_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.OTHER_SITE_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.SITE_ID;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.error.AuthenticationErrorBodies;
import io.netpulse.query.pipeline.UtcClock;
import io.netpulse.testkit.HttpAnswer;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Get Interface Metrics and GET /interfaces over a real Helidon server, answered from TopologyTestDriver stores. */
@ServerTest
class InterfaceMetricsServiceTest {

    private static final String JSON = "application/json";
    private static InterfaceMetricsFixture fixture;

    private final URI server;

    private final URI peer;

    InterfaceMetricsServiceTest(URI server, @Socket(QueryRoutes.PEER_SOCKET) URI peer) {
        this.server = server;
        this.peer = peer;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, fixture().deps());
    }

    @SetUpRoute(QueryRoutes.PEER_SOCKET)
    static void peer(HttpRouting.Builder routing) {
        QueryRoutes.registerPeer(routing, fixture().deps());
    }

    private static synchronized InterfaceMetricsFixture fixture() {
        if (fixture == null) {
            fixture = new InterfaceMetricsFixture();
        }
        return fixture;
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private HttpAnswer metrics(Object id, String from, String to) {
        return send(server, "POST", "/metrics/interfaces/" + id + "/metrics",
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");
    }

    private static String point(String clock, String value) {
        return "{\"clock\":\"" + clock + "\",\"value\":" + value + "}";
    }

    private static String series(String in, String out) {
        return "{\"ifInOctets\":[" + in + "],\"ifOutOctets\":[" + out + "]}";
    }

    private static String error(String type, String code, String message) {
        return "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"doc_url\":\"/docs/errors/" + code + "\"}";
    }

    @Test
    void steadyRate() {
        HttpAnswer answer = metrics(NAMED_ID, "2026-01-01T00:00:00Z", "2026-01-01T00:03:00Z");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(JSON);
        assertThat(answer.body()).isEqualTo("{\"ifInOctets\":["
                + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:02:00\",\"value\":1000000}],\"ifOutOctets\":["
                + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":500000},"
                + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":500000},"
                + "{\"clock\":\"2026-01-01 00:02:00\",\"value\":500000}]}");
    }

    @Test
    void onlyBucketsWithDataAppear() {
        // 00:03 to 00:19 lie in a gap: no points there.
        HttpAnswer answer = metrics(NAMED_ID, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");

        assertThat(answer.body()).isEqualTo(series(
                point("2026-01-01 00:00:00", "1000000") + "," + point("2026-01-01 00:01:00", "1000000") + ","
                        + point("2026-01-01 00:02:00", "1000000") + "," + point("2026-01-01 00:20:00", "2000000"),
                point("2026-01-01 00:00:00", "500000") + "," + point("2026-01-01 00:01:00", "500000") + ","
                        + point("2026-01-01 00:02:00", "500000") + "," + point("2026-01-01 00:20:00", "1000000")));
    }

    @Test
    void offsetsAreAcceptedAndTheRangeIsHalfOpen() {
        // 01:00+01:00 is 00:00Z; the bucket starting at 00:02 lies outside [00:00, 00:02).
        HttpAnswer answer = metrics(NAMED_ID, "2026-01-01T01:00:00+01:00", "2026-01-01T00:02:00Z");

        assertThat(answer.body()).isEqualTo(series(
                point("2026-01-01 00:00:00", "1000000") + "," + point("2026-01-01 00:01:00", "1000000"),
                point("2026-01-01 00:00:00", "500000") + "," + point("2026-01-01 00:01:00", "500000")));
    }

    @Test
    void noDataInRangeGivesTwoEmptySeries() {
        HttpAnswer answer = metrics(NAMED_ID, "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"ifInOctets\":[],\"ifOutOctets\":[]}");
    }

    @Test
    void threeDayRangeIsAnsweredAtFiveMinuteSteps() {
        // 3 days are 4320 minutes, more than 1440 points: the step is 5 minutes, 864 points, each exactly one
        // poll interval at (i mod 7 + 1) Mbit/s.
        HttpAnswer answer = metrics(DERIVED.derivedId(), "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z");

        String in = IntStream.range(0, DERIVED_POLLS)
                .mapToObj(i -> point(UtcClock.FORMAT.format(T0.plus(Duration.ofMinutes(5L * i))),
                        (i % 7 + 1) + "000000"))
                .collect(Collectors.joining(","));
        String out = IntStream.range(0, DERIVED_POLLS)
                .mapToObj(i -> point(UtcClock.FORMAT.format(T0.plus(Duration.ofMinutes(5L * i))), "0"))
                .collect(Collectors.joining(","));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(series(in, out));
        assertThat(answer.body()).startsWith("{\"ifInOctets\":[{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:05:00\",\"value\":2000000},");
        assertThat(answer.body().split("\"clock\"")).hasSize(2 * 864 + 1);
    }

    @Test
    void monthIsAnsweredHourlyFromTheHourStore() {
        // 31 days at 60-minute steps: 744 points. Hour 00:00 holds 00:00..00:02 (22.5 MB in, 11.25 MB out) and
        // 00:20 (15 MB in, 7.5 MB out) over 240 s: 37 500 000 x 8 / 240 = 1 250 000 bit/s in, 625 000 out.
        HttpAnswer answer = metrics(NAMED_ID, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");

        assertThat(answer.body()).isEqualTo(series(point("2026-01-01 00:00:00", "1250000"),
                point("2026-01-01 00:00:00", "625000")));
    }

    @Test
    void internalMirrorAnswersLocally() {
        HttpAnswer answer = send(peer, "POST", "/internal/v1/metrics/interfaces/" + NAMED_ID + "/metrics",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:01:00Z\"}");

        assertThat(answer.body()).isEqualTo(series(point("2026-01-01 00:00:00", "1000000"),
                point("2026-01-01 00:00:00", "500000")));
    }

    @Test
    void unknownInterfaceIsGone() {
        String unknown = "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";
        HttpAnswer answer = metrics(unknown, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.contentType()).isEqualTo(JSON);
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "interface_gone",
                "The interface '" + unknown + "' is unknown to netpulse or no longer exists."));
    }

    @Test
    void interfaceDeletedFromTheInventoryIsGone() {
        HttpAnswer answer = metrics(DELETED_ID, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "interface_gone",
                "The interface '" + DELETED_ID + "' is unknown to netpulse or no longer exists."));
    }

    static Stream<Arguments> badRequests() {
        String valid = "/metrics/interfaces/" + NAMED_ID + "/metrics";
        return Stream.of(
                Arguments.of("interfaceId not a UUID", "/metrics/interfaces/eth0/metrics",
                        "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}",
                        "parameter_invalid", "The provided 'interfaceId' is not a valid UUID."),
                Arguments.of("body missing", valid, null,
                        "body_missing", "The request body is missing: send a JSON object with 'from' and 'to'."),
                Arguments.of("body not JSON", valid, "from=2026-01-01",
                        "body_invalid", "The request body is not valid JSON."),
                Arguments.of("body JSON but not an object", valid, "[\"2026-01-01T00:00:00Z\"]",
                        "body_invalid", "The request body must be a JSON object with 'from' and 'to'."),
                Arguments.of("body over 4 KiB", valid, "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\","
                                + "\"pad\":\"" + "x".repeat(4_096) + "\"}",
                        "body_too_large", "The request body exceeds the limit of 4096 bytes."),
                Arguments.of("from missing", valid, "{\"to\":\"2026-01-01T01:00:00Z\"}",
                        "parameter_missing", "The 'from' field is required."),
                Arguments.of("to missing", valid, "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":null}",
                        "parameter_missing", "The 'to' field is required."),
                Arguments.of("from not a date-time", valid, "{\"from\":\"yesterday\",\"to\":\"2026-01-01T01:00:00Z\"}",
                        "parameter_invalid", "The provided 'from' is not an RFC 3339 date-time with Z or an offset"
                                + " (e.g. 2025-10-29T10:00:00Z)."),
                Arguments.of("from without an offset", valid,
                        "{\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-01T01:00:00Z\"}",
                        "parameter_invalid", "The provided 'from' is not an RFC 3339 date-time with Z or an offset"
                                + " (e.g. 2025-10-29T10:00:00Z)."),
                Arguments.of("to a number", valid, "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":1767229200000}",
                        "parameter_invalid", "The provided 'to' is not an RFC 3339 date-time with Z or an offset"
                                + " (e.g. 2025-10-29T10:00:00Z)."),
                Arguments.of("from equal to to", valid, "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
                        "range_invalid", "The provided 'from' must be before 'to'."),
                Arguments.of("from past year 9999, where its milliseconds overflow", valid,
                        "{\"from\":\"+999999999-12-30T00:00:00Z\",\"to\":\"+999999999-12-31T00:00:00Z\"}",
                        "parameter_invalid", "The provided 'from' must lie in the years 0001 to 9999 (UTC)."),
                Arguments.of("range over 31 days", valid,
                        "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00.001Z\"}",
                        "range_too_large", "The range from 'from' to 'to' exceeds the maximum of 31 days."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestNamesTheField(String description, String path, String body, String code, String message) {
        HttpAnswer answer = send(server, "POST", path, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(JSON);
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", code, message));
    }

    @Test
    void otherMethodsAreNotAllowed() {
        HttpAnswer answer = send(server, "GET", "/metrics/interfaces/" + NAMED_ID + "/metrics", null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "method_not_allowed",
                "Method GET is not allowed on this path; use POST."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "text/html, application/xhtml+xml", "application/json;q=0"})
    void anAcceptHeaderWithoutJsonIs406AfterAuthentication(String accept) {
        String path = "/metrics/interfaces/" + NAMED_ID + "/metrics";
        String body = "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-01T00:03:00Z\"}";
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(server.resolve(path))
                .header("Accept", accept).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));

        HttpAnswer anonymous = InterfaceMetricsFixture.send(request.copy().build());
        HttpAnswer answer = InterfaceMetricsFixture.send(request.header("Authorization",
                InterfaceMetricsFixture.EVERYTHING).build());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo(AuthenticationErrorBodies.REQUIRED);
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).isEqualTo(JSON);
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "not_acceptable",
                "The answer is served as application/json; the Accept header allows no such type."));
    }

    @Test
    void pathsOfTheApiThatDoNotRouteAre404InItsShape() {
        HttpAnswer answer = send(server, "GET", "/metrics/interfaces/" + NAMED_ID, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(error("invalid_request_error", "resource_missing",
                "Nothing is served at this path."));
    }

    @Test
    void unknownPathStaysNotFound() {
        HttpAnswer answer = send(server, "GET", "/nothing/here", null);

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void docUrlPointsAtAPageThatExplainsTheCode() {
        HttpAnswer answer = send(server, "GET", "/docs/errors/range_too_large", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/plain");
        assertThat(answer.body()).isEqualTo("range_too_large (HTTP 400, invalid_request_error)\n\n"
                + "The time range is longer than the API answers at once (interface metrics: 31 days by default;"
                + " data transferred: 400 days): ask in several parts.\n");
    }

    @Test
    void interfacesAreListedOnceUnderTheInventoryIdElseTheDerivedId() {
        HttpAnswer answer = send(server, "GET", "/interfaces", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"interfaces\":["
                + "{\"interface_id\":\"" + NAMED_ID + "\",\"derived_id\":\"" + NAMED.derivedId()
                + "\",\"source\":\"inventory\",\"device\":\"edge-1\","
                + "\"if_index\":1,\"name\":\"uplink\",\"site_id\":\"" + SITE_ID + "\",\"speed_bps\":10000000000},"
                + "{\"interface_id\":\"" + DERIVED.derivedId() + "\",\"derived_id\":\"" + DERIVED.derivedId()
                + "\",\"source\":\"counters\",\"device\":\"edge-2\","
                + "\"if_index\":7,\"name\":\"ge-0/0/7\",\"site_id\":null,\"speed_bps\":null},"
                + "{\"interface_id\":\"" + BRANCH_ID + "\",\"derived_id\":\"" + BRANCH.derivedId()
                + "\",\"source\":\"inventory\",\"device\":\"edge-3\","
                + "\"if_index\":2,\"name\":\"branch\",\"site_id\":\"" + OTHER_SITE_ID + "\","
                + "\"speed_bps\":10000000000}]}");
    }

    @Test
    void interfacesCanBeFilteredByDevice() {
        HttpAnswer answer = send(server, "GET", "/interfaces?device=edge-2", null);

        assertThat(answer.body()).isEqualTo("{\"interfaces\":["
                + "{\"interface_id\":\"" + DERIVED.derivedId() + "\",\"derived_id\":\"" + DERIVED.derivedId()
                + "\",\"source\":\"counters\",\"device\":\"edge-2\","
                + "\"if_index\":7,\"name\":\"ge-0/0/7\",\"site_id\":null,\"speed_bps\":null}]}");
    }

    @Test
    void derivedIdOfANamedInterfaceAnswersToo() {
        HttpAnswer answer = metrics(NAMED.derivedId(), "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");

        assertThat(answer.body()).isEqualTo(series(point("2026-01-01 00:00:00", "1000000"),
                point("2026-01-01 00:00:00", "500000")));
    }
}
