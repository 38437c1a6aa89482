package io.netpulse.query.pipeline;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API listener over raw sockets: HTTP/1.0 is answered, a keep-alive connection carries several answers, and
 * requests the web server refuses before routing are answered in the shape of the API their path names,
 * authentication first when their headers could be read.
 */
@ServerTest
class ApiListenerTest {

    private static final SourceStatsHarness HARNESS = new SourceStatsHarness();
    private static final TestIssuer ISSUER = TestIssuer.at(T0.plus(Duration.ofMinutes(10)));
    private static final String IMPORT_STATS = "/api/mgmt.flowgateway_analytics/1.0/import_stats";
    private static final String TRAFFIC = "/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/192.0.2.10"
            + "/statistics/traffic?scope=receive&startDate=2026-01-01&endDate=2026-01-01&period=daily&method=sum";
    private static final String BODY = "{\"stats_type\": \"flows_per_minute\", \"start_time\": 1767225600,"
            + " \"end_time\": 1767225660, \"source_ip\": \"10.0.0.2\"}";
    private static final String ROW = "[{\"time\":\"2026-01-01 00:00:00+00:00\",\"source_ip\":\"10.0.0.2\",\"n_flows\":1,"
            + "\"n_bytes\":3000,\"n_bad_bytes\":0,\"n_packets\":30,\"n_bad_packets\":0,\"peak_n_flows\":\"1\","
            + "\"peak_n_bytes\":\"3000\",\"peak_n_packets\":\"30\"}]";
    private static final int SECONDS = 200;
    private static final String DOC = "range_too_large (HTTP 400, invalid_request_error)\n\nThe time range is longer"
            + " than the API answers at once (interface metrics: 31 days by default; data transferred: 400 days):"
            + " ask in several parts.\n";

    static {
        HARNESS.pipe(flow("10.0.0.2", T0.plusSeconds(10)).setBytes(3000).setPackets(30).build());
        // 10.0.0.3: one flow in each of 200 seconds, for an answer larger than the server holds before writing
        for (int second = 0; second < SECONDS; second++) {
            HARNESS.pipe(flow("10.0.0.3", T0.plusSeconds(second)).build());
        }
    }

    private final int port;

    ApiListenerTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        QueryRoutes.listener(server, ISSUER.authenticator());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, QueryDepsBuilder.over(DriverStores.of(HARNESS.driver)).at(ISSUER.now())
                .issuer(ISSUER).build());
    }

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    private static String post(String version, String path, List<String> headers, String body) {
        return "POST " + path + " " + version + "\r\nHost: localhost\r\n" + String.join("", headers.stream()
                .map(header -> header + "\r\n").toList()) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void http10IsAnsweredOnceAndTheConnectionClosed() {
        String request = "GET /docs/errors/range_too_large HTTP/1.0\r\nHost: localhost\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(port, request);

        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.body()).isEqualTo(DOC);
        assertThat(RawHttp.closedAfterOneAnswer(port, request)).isTrue();
    }

    @Test
    void http10ReachesAnApiWithItsBodyAndToken() {
        RawHttp.Answer answer = RawHttp.exchange(port, post("HTTP/1.0", IMPORT_STATS,
                List.of("Authorization: " + ISSUER.everything()), BODY));

        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(answer.body()).isEqualTo(ROW);
    }

    @Test
    void aLargeAnswerIsStreamedInChunksOverHttp11AndSentWithItsLengthOverHttp10() {
        String body = "{\"stats_type\": \"flows_per_second\", \"start_time\": 1767225600, \"end_time\": "
                + (1_767_225_600L + SECONDS) + ", \"source_ip\": \"10.0.0.3\"}";
        List<String> seconds = new java.util.ArrayList<>();
        for (int second = 0; second < SECONDS; second++) {
            seconds.add(String.format("{\"time\":\"2026-01-01 00:%02d:%02d+00:00\",\"source_ip\":\"10.0.0.3\","
                    + "\"n_flows\":1,\"n_bytes\":1000,\"n_bad_bytes\":0,\"n_packets\":10,\"n_bad_packets\":0,"
                    + "\"peak_n_flows\":\"1\",\"peak_n_bytes\":\"1000\",\"peak_n_packets\":\"10\"}",
                    second / 60, second % 60));
        }
        String rows = "[" + String.join(",", seconds) + "]";

        RawHttp.Answer streamed = RawHttp.exchange(port, post("HTTP/1.1", IMPORT_STATS,
                List.of("Authorization: " + ISSUER.everything()), body));
        RawHttp.Answer whole = RawHttp.exchange(port, post("HTTP/1.0", IMPORT_STATS,
                List.of("Authorization: " + ISSUER.everything()), body));

        assertThat(streamed.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(streamed.header("Content-Length")).isNull();
        assertThat(streamed.body()).isEqualTo(rows);
        assertThat(whole.header("Transfer-Encoding")).isNull();
        assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(rows.length()));
        assertThat(whole.body()).isEqualTo(rows);
    }

    @Test
    void aKeepAliveClientGetsBothAnswersOnOneConnection() {
        String get = "GET /docs/errors/range_too_large HTTP/1.1\r\nHost: localhost\r\n\r\n";

        List<RawHttp.Answer> answers = RawHttp.exchange(port, get + post("HTTP/1.1", IMPORT_STATS,
                List.of("Authorization: " + ISSUER.everything()), BODY), 2);

        assertThat(answers).extracting(RawHttp.Answer::statusLine).containsExactly("HTTP/1.1 200 OK",
                "HTTP/1.1 200 OK");
        assertThat(answers).extracting(RawHttp.Answer::body).containsExactly(DOC, ROW);
    }

    @Test
    void oversizedHeadersAreA400InTheShapeOfTheApiTheyNamed() {
        String request = "GET " + TRAFFIC + " HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "x".repeat(20_000)
                + "\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(port, request);

        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"badRequest\":{\"message\":\"GET data error\",\"code\":400,\"details\":"
                + "{\"request\":\"its request line, headers or framing cannot be read (HTTP 400)\"}}}");
    }

    @Test
    void aContentLengthThatIsNotANumberIsA400InTheApisShapeAfterAuthentication() {
        String withToken = "POST " + IMPORT_STATS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + ISSUER.everything() + "\r\nContent-Length: abc\r\n\r\n" + BODY;
        String withoutToken = "POST " + IMPORT_STATS + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n"
                + BODY;

        RawHttp.Answer refused = RawHttp.exchange(port, withToken);
        RawHttp.Answer unauthenticated = RawHttp.exchange(port, withoutToken);

        assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(refused.body()).isEqualTo("{\"error_id\":\"BAD_REQUEST\",\"error_text\":\"Invalid argument.\","
                + "\"error_info\":{\"field\":\"request\",\"reason\":\"its request line, headers or framing cannot be"
                + " read (HTTP 400)\"}}");
        assertThat(unauthenticated.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(unauthenticated.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"netpulse\"");
        assertThat(unauthenticated.body()).isEqualTo("{\"error_id\":\"AUTH_REQUIRED\",\"error_text\":\"Authentication"
                + " required.\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "x-unknown"})
    void aBodyInAContentEncodingIsA400InTheApisShape(String encoding) {
        RawHttp.Answer answer = RawHttp.exchange(port, post("HTTP/1.1",
                "/metrics/interfaces/9f9510bd-1234-5678-a7cf-f845a39e26db/metrics",
                List.of("Authorization: " + ISSUER.everything(), "Content-Encoding: " + encoding),
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\"}"));

        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        // content decoding is off: any coding is refused before routing, the body unread
        assertThat(answer.body()).isEqualTo("{\"type\":\"invalid_request_error\",\"code\":\"request_invalid\","
                + "\"message\":\"The request is malformed: its request line, headers or framing cannot be read (HTTP"
                + " 400).\",\"doc_url\":\"/docs/errors/request_invalid\"}");
    }
}
