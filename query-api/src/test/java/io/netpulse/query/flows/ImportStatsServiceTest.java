package io.netpulse.query.flows;

import io.helidon.webserver.testing.junit5.Socket;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
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
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * import_stats over a real Helidon server, reading TopologyTestDriver stores filled with hand-made flows:
 * <pre>
 *   10.0.0.1     T0+10s 1000 B / 10 p, T0+10.5s 2000 B / 20 p, T0+70s 500 B / 5 p
 *   10.0.0.2     T0+10s 3000 B / 30 p
 *   2001:db8::1  T0+125s 400 B / 4 p (sent as 2001:0DB8:0:0:0:0:0:1)
 * </pre>
 * and a clock at T0 + 10 min.
 */
@ServerTest
class ImportStatsServiceTest {

    private static final SourceStatsHarness HARNESS = new SourceStatsHarness();
    private static final Clock CLOCK = TestTime.fixedAt(T0.plus(Duration.ofMinutes(10)));
    private static final String PATH = ImportStatsService.PATH;

    private static final String MINUTE_00_A = row("2026-01-01 00:00:00+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30);
    private static final String MINUTE_00_B = row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30);
    private static final String MINUTE_01_A = row("2026-01-01 00:01:00+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5);
    private static final String MINUTE_02_V6 = row("2026-01-01 00:02:00+00:00", "2001:db8::1", 1, 400, 4, 1, 400, 4);
    private static final String EVERY_MINUTE = "[" + MINUTE_00_A + "," + MINUTE_00_B + "," + MINUTE_01_A + ","
            + MINUTE_02_V6 + "]";

    static {
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusMillis(10_500)).setBytes(2000).setPackets(20).build());
        HARNESS.pipe(flow("10.0.0.1", T0.plusSeconds(70)).setBytes(500).setPackets(5).build());
        HARNESS.pipe(flow("10.0.0.2", T0.plusSeconds(10)).setBytes(3000).setPackets(30).build());
        HARNESS.pipe(flow("2001:0DB8:0:0:0:0:0:1", T0.plusSeconds(125)).setBytes(400).setPackets(4).build());
    }

    private final Http1Client client;

    private final Http1Client peer;

    ImportStatsServiceTest(Http1Client client, @Socket(QueryRoutes.PEER_SOCKET) Http1Client peer) {
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
        routing.register("/limited", new ImportStatsService(Pipeline.of(deps),
                new ImportStatsLimits(64 * 1024, 100, 10_080, 3)));
        routing.register("/unavailable", new ImportStatsService(Pipeline.of(deps(new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new StoreUnavailableException("store " + name + " is restoring");
            }
        })), ImportStatsLimits.defaults()));
        routing.register("/broken", new ImportStatsService(Pipeline.of(deps(new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                throw new IllegalStateException("a bug");
            }
        })), ImportStatsLimits.defaults()));
    }

    @AfterAll
    static void closeDriver() {
        HARNESS.close();
    }

    @Test
    void templatesABAndCOverTheSameRangeAnswerIdentically() {
        HttpAnswer a = get("""
                {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10, "source_ip": ""}""");
        HttpAnswer b = get("""
                {"stats_type": "flows_per_minute", "start_time": "01/01/2026 00:00:00",
                 "end_time": "01/01/2026 00:10:00", "source_ip": ""}""");
        HttpAnswer c = get("""
                {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767226200, "source_ip": ""}""");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(EVERY_MINUTE);
        assertThat(b).isEqualTo(HttpAnswer.of(200, b.contentType(), EVERY_MINUTE));
        assertThat(c).isEqualTo(HttpAnswer.of(200, c.contentType(), EVERY_MINUTE));
        assertThat(a.contentType()).isEqualTo("application/json");
    }

    @Test
    void emptySourceIpGivesOneRowPerSourceDevicePerBucket() {
        HttpAnswer answer = get("""
                {"stats_type": "flows_per_hour", "interval_type": "hours", "time_interval": 1, "source_ip": ""}""");

        assertThat(answer.status()).isEqualTo(200);
        // 10.0.0.1's hour: 3 flows, 3500 bytes, 35 packets; its busiest second (T0+10s) had 2 flows, 3000 B, 30 p
        assertThat(answer.body()).isEqualTo("[" + row("2026-01-01 00:00:00+00:00", "10.0.0.1", 3, 3500, 35, 2, 3000, 30)
                + "," + row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30)
                + "," + row("2026-01-01 00:00:00+00:00", "2001:db8::1", 1, 400, 4, 1, 400, 4) + "]");
    }

    @Test
    void secondsOfOneSourceArePeakedByThemselves() {
        HttpAnswer answer = get("""
                {"stats_type": "flows_per_second", "start_time": 1767225600, "end_time": 1767225780,
                 "source_ip": "10.0.0.1"}""");

        assertThat(answer.body()).isEqualTo("[" + row("2026-01-01 00:00:10+00:00", "10.0.0.1", 2, 3000, 30, 2, 3000, 30)
                + "," + row("2026-01-01 00:01:10+00:00", "10.0.0.1", 1, 500, 5, 1, 500, 5) + "]");
    }

    @Test
    void ipv6SourceIsComparedAfterNormalisation() {
        String expected = "[" + MINUTE_02_V6 + "]";

        assertThat(get("""
                {"stats_type": "flows_per_minute", "interval_type": "hours", "time_interval": 1,
                 "source_ip": "2001:0db8:0:0:0:0:0:1"}""").body()).isEqualTo(expected);
        assertThat(get("""
                {"stats_type": "flows_per_minute", "interval_type": "hours", "time_interval": 1,
                 "source_ip": "2001:DB8::1"}""").body()).isEqualTo(expected);
    }

    @Test
    void severalRequestsInOneBodyAnswerInOrder() {
        HttpAnswer answer = get("""
                [{"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                  "source_ip": "10.0.0.2"},
                 {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                  "source_ip": "10.0.0.1"},
                 {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                  "source_ip": "10.0.0.9"}]""");

        assertThat(answer.body()).isEqualTo("[" + MINUTE_00_B + "," + MINUTE_00_A + "," + MINUTE_01_A + "]");
    }

    @Test
    void postAnswersLikeGetWithABody() {
        String body = """
                [{"stats_type": "flows_per_minute", "interval_type": "days", "time_interval": 1, "source_ip": ""}]""";

        HttpAnswer post = StatsRequests.send(client, Method.POST, PATH, body);

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo(EVERY_MINUTE).isEqualTo(get(body).body());
    }

    @Test
    void lastMonthIsACalendarMonth() {
        // 2025-12-01 00:10 .. 2026-01-01 00:10: the hour of T0 overlaps it
        HttpAnswer answer = get("""
                {"stats_type": "flows_per_hour", "interval_type": "months", "time_interval": 1,
                 "source_ip": "10.0.0.2"}""");

        assertThat(answer.body()).isEqualTo("[" + row("2026-01-01 00:00:00+00:00", "10.0.0.2", 1, 3000, 30, 1, 3000, 30)
                + "]");
    }

    @Test
    void emptyBucketsAndUnknownSourcesAreLeftOut() {
        HttpAnswer answer = get("""
                {"stats_type": "flows_per_minute", "start_time": "01/01/2026 00:03:00",
                 "end_time": "01/01/2026 00:10:00", "source_ip": ""}""");

        assertThat(answer).isEqualTo(HttpAnswer.of(200, answer.contentType(), "[]"));
    }

    @Test
    void theInternalMirrorAnswersFromLocalStores() {
        HttpAnswer answer = StatsRequests.send(peer, Method.POST, RemoteQueryClient.INTERNAL_PREFIX + PATH, """
                [{"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767226200,
                  "source_ip": ""}]""");

        assertThat(answer.body()).isEqualTo(EVERY_MINUTE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown stats_type | {\"stats_type\": \"flows_per_day\", \"interval_type\": \"hours\", \"time_interval\": 1, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"stats_type\",\"reason\":\"must be one of flows_per_second, flows_per_minute, flows_per_hour\"}",
            "missing stats_type | {\"interval_type\": \"hours\", \"time_interval\": 1, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"stats_type\",\"reason\":\"missing; give one of flows_per_second, flows_per_minute, flows_per_hour\"}",
            "unknown interval_type | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"years\", \"time_interval\": 1, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"interval_type\",\"reason\":\"must be one of seconds, minutes, hours, days, weeks, months\"}",
            "time_interval zero | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 0, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"time_interval\",\"reason\":\"must be a positive integer without quotes\"}",
            "time_interval negative | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": -2, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"time_interval\",\"reason\":\"must be a positive integer without quotes\"}",
            "time_interval quoted | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": \"2\", \"source_ip\": \"\"} | {\"request\":0,\"field\":\"time_interval\",\"reason\":\"must be a positive integer without quotes\"}",
            "time_interval fractional | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1.5, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"time_interval\",\"reason\":\"must be a positive integer without quotes\"}",
            "malformed date | {\"stats_type\": \"flows_per_hour\", \"start_time\": \"31/02/2026 00:00:00\", \"end_time\": \"01/03/2026 00:00:00\", \"source_ip\": \"\"} | {\"request\":0,\"field\":\"start_time\",\"reason\":\"must be a date as \\\"dd/MM/yyyy HH:mm:ss\\\" (UTC), e.g. \\\"23/08/2023 11:36:41\\\"\"}",
            "mixed date kinds | {\"stats_type\": \"flows_per_hour\", \"start_time\": \"01/01/2026 00:00:00\", \"end_time\": 1767226200, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"end_time\",\"reason\":\"must be a \\\"dd/MM/yyyy HH:mm:ss\\\" string like start_time\"}",
            "negative epoch | {\"stats_type\": \"flows_per_hour\", \"start_time\": -1, \"end_time\": 1767226200, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"start_time\",\"reason\":\"must be a \\\"dd/MM/yyyy HH:mm:ss\\\" string or epoch seconds, an integer from 0 to 253402300799\"}",
            "start after end | {\"stats_type\": \"flows_per_hour\", \"start_time\": 1767226200, \"end_time\": 1767225600, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"start_time\",\"reason\":\"is after end_time\"}",
            "both templates | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1, \"start_time\": 1767225600, \"end_time\": 1767226200, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"start_time\",\"reason\":\"cannot be combined with interval_type and time_interval; use one template\"}",
            "no range | {\"stats_type\": \"flows_per_hour\", \"source_ip\": \"\"} | {\"request\":0,\"field\":\"interval_type\",\"reason\":\"missing; give interval_type and time_interval, or start_time and end_time\"}",
            "malformed IP | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1, \"source_ip\": \"10.0.0.300\"} | {\"request\":0,\"field\":\"source_ip\",\"reason\":\"not an IPv4 or IPv6 address: '10.0.0.300'\"}",
            "missing source_ip | {\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1} | {\"request\":0,\"field\":\"source_ip\",\"reason\":\"missing; give an IPv4 or IPv6 address, or \\\"\\\" for every source device\"}",
            "second request named | [{\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1, \"source_ip\": \"\"}, 7] | {\"request\":1,\"field\":\"request\",\"reason\":\"must be a JSON object\"}",
            "range over the limit | {\"stats_type\": \"flows_per_minute\", \"start_time\": 1767225600, \"end_time\": 1767830460, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"end_time\",\"reason\":\"the range spans 10081 flows_per_minute buckets; at most 10080 are answered per request\"}",
            "time_interval over the limit | {\"stats_type\": \"flows_per_second\", \"interval_type\": \"hours\", \"time_interval\": 3, \"source_ip\": \"\"} | {\"request\":0,\"field\":\"time_interval\",\"reason\":\"the range spans 10800 flows_per_second buckets; at most 10080 are answered per request\"}",
            "not JSON | {\"stats_type\": | {\"field\":\"body\",\"reason\":\"not valid JSON at line 1, column 15\"}",
            "not an object or array | 42 | {\"field\":\"body\",\"reason\":\"must be a request object or an array of them\"}",
            "empty array | [] | {\"field\":\"body\",\"reason\":\"holds no request\"}",
    })
    void badRequestsNameTheirField(String description, String body, String errorInfo) {
        HttpAnswer answer = get(body);

        assertThat(answer.status()).as(description).isEqualTo(400);
        assertThat(answer.body()).as(description).isEqualTo(
                "{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\",\"error_info\":" + errorInfo + "}");
    }

    @Test
    void getWithoutABodyIsABadRequest() {
        HttpAnswer answer = StatsRequests.send(client, Method.GET, PATH, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"field\":\"body\",\"reason\":\"missing; send a JSON request object or an array"
                + " of them\"}}");
    }

    @Test
    void bodyOverTheSizeLimitIsABadRequest() {
        String request = "{\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1,"
                + " \"source_ip\": \"\"}";
        String body = request + " ".repeat(64 * 1024 + 1 - request.length());

        HttpAnswer answer = get(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"field\":\"body\",\"reason\":\"larger than 65536 bytes\"}}");
    }

    @Test
    void moreThanAHundredRequestsIsABadRequest() {
        String request = "{\"stats_type\": \"flows_per_hour\", \"interval_type\": \"hours\", \"time_interval\": 1,"
                + " \"source_ip\": \"10.0.0.1\"}";
        String body = "[" + String.join(",", java.util.Collections.nCopies(101, request)) + "]";

        HttpAnswer answer = get(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"field\":\"body\",\"reason\":\"holds 101 requests; at most 100 are answered at"
                + " once\"}}");
    }

    @Test
    void answerOverTheRowLimitIsABadRequest() {
        // the plan (3 minutes of every source, counted once) is within this route's 3 rows; 4 minute rows exist
        HttpAnswer answer = StatsRequests.send(client, Method.GET, "/limited" + PATH, """
                {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767225780, "source_ip": ""}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"request\":0,\"field\":\"end_time\",\"reason\":\"the answer would hold"
                + " more than 3 rows; narrow the range or name a source_ip\"}}");
    }

    @Test
    void theRowsOfQueriesShareOneBudget() {
        // alone, the second query answers its 3 rows within this route's 3; after the first query's row it cannot
        String first = """
                {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767225660,
                 "source_ip": "10.0.0.1"}""";
        String second = """
                {"stats_type": "flows_per_minute", "start_time": 1767225600, "end_time": 1767225720, "source_ip": ""}""";

        HttpAnswer alone = StatsRequests.send(client, Method.GET, "/limited" + PATH, second);
        HttpAnswer both = StatsRequests.send(client, Method.GET, "/limited" + PATH, "[" + first + "," + second + "]");

        assertThat(alone.body()).isEqualTo("[" + MINUTE_00_A + "," + MINUTE_00_B + "," + MINUTE_01_A + "]");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"request\":1,\"field\":\"end_time\",\"reason\":\"the answer would hold"
                + " more than 3 rows; narrow the range or name a source_ip\"}}");
    }

    /** {@code n} requests for 10.0.0.1 by minute, each over {@code minutes} minutes from T0. */
    private static String minutesOfOneSource(int n, long minutes) {
        String request = "{\"stats_type\": \"flows_per_minute\", \"start_time\": 1767225600, \"end_time\": "
                + (1_767_225_600L + 60 * minutes) + ", \"source_ip\": \"10.0.0.1\"}";
        return String.join(",", java.util.Collections.nCopies(n, request));
    }

    @Test
    void aPlanOfExactlyTheRowLimitIsAnswered() {
        // 9 x 10,080 + 9,280 = 100,000 minute buckets of one source: the limit, not over it
        HttpAnswer answer = get("[" + minutesOfOneSource(9, 10_080) + "," + minutesOfOneSource(1, 9_280) + "]");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + String.join(",",
                java.util.Collections.nCopies(10, MINUTE_00_A + "," + MINUTE_01_A)) + "]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"public route, /api/mgmt.flowgateway_analytics/1.0/import_stats",
            "internal route, /internal/v1/api/mgmt.flowgateway_analytics/1.0/import_stats",
            "stores that fail when read, /broken/api/mgmt.flowgateway_analytics/1.0/import_stats"})
    void aPlanOverTheRowLimitIsRefusedBeforeAnyStoreIsRead(String description, String path) {
        // 10 x 10,080 = 100,800 minute buckets; the tenth request takes the plan over 100,000
        HttpAnswer answer = StatsRequests.send(Peers.internal(path) ? peer : client, Method.POST, path,
                "[" + minutesOfOneSource(10, 10_080) + "]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"request\":9,\"field\":\"end_time\",\"reason\":\"the requests up to this"
                + " one span 100800 source buckets; at most 100000 rows are answered at once\"}}");
    }

    @ParameterizedTest
    @CsvSource({"PUT", "DELETE", "PATCH"})
    void otherMethodsAreRefused(String method) {
        HttpAnswer answer = StatsRequests.send(client, Method.create(method), PATH, "{}");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, POST");
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"HTTP_INVALID_METHOD\",\"error_text\":\"Requested"
                + " method is not available for this resource.\",\"error_info\":{\"method\":\"" + method
                + "\",\"allowed\":[\"GET\",\"POST\"]}}");
    }

    @Test
    void unavailableStoreAnswers503WithRetryAfter() {
        HttpAnswer answer = StatsRequests.send(client, Method.GET, "/unavailable" + PATH, """
                {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                 "source_ip": "10.0.0.1"}""");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"SERVICE_UNAVAILABLE\",\"error_text\":\"Statistics are"
                + " not available right now; retry later.\",\"error_info\":{\"retry_after_seconds\":5}}");
    }

    @Test
    void aFaultOfOursAnswers500WithoutDetails() {
        HttpAnswer answer = StatsRequests.send(client, Method.GET, "/broken" + PATH, """
                {"stats_type": "flows_per_minute", "interval_type": "minutes", "time_interval": 10,
                 "source_ip": "10.0.0.1"}""");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"error_id\":\"INTERNAL_ERROR\",\"error_text\":\"Internal error.\"}");
    }

    private HttpAnswer get(String body) {
        return StatsRequests.send(client, Method.GET, PATH, body);
    }

    private static QueryDeps deps(LocalStores stores) {
        return QueryDepsBuilder.over(stores).clock(CLOCK).issuer(StatsRequests.ISSUER).build();
    }

    static String row(String time, String source, long flows, long bytes, long packets, long peakFlows,
                      long peakBytes, long peakPackets) {
        return "{\"time\":\"" + time + "\",\"source_ip\":\"" + source + "\",\"n_flows\":" + flows + ",\"n_bytes\":"
                + bytes + ",\"n_bad_bytes\":0,\"n_packets\":" + packets + ",\"n_bad_packets\":0,\"peak_n_flows\":\""
                + peakFlows + "\",\"peak_n_bytes\":\"" + peakBytes + "\",\"peak_n_packets\":\"" + peakPackets + "\"}";
    }
}
