package io.netpulse.query;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.auth.TestIssuer.Refused;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.ip.IpTrafficHarness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Requests generated for each of the four APIs (paths, methods, parameters, Accept headers, bodies, credentials,
 * public and internal routes) against one instance holding a little of every kind of data. Whatever is sent:
 * never a 5xx; without a valid token a 401 with its challenge and nothing else; every error in its API's seed
 * shape; every answer within the API's stated size limit. Deterministic: a fixed seed, 400 tries; the generators
 * must reach a 200, 400, 401, 404 and 405 of every API, or the test fails.
 */
class ApiPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-01-04T12:00:00Z");
    private static final TestIssuer ISSUER = TestIssuer.at(NOW);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN_IP = "192.0.2.10";

    private static IpTrafficHarness harness;
    private static WebServer server;

    /** Which API a generated request is for, by the shape its errors must have. */
    enum Target {
        INTERFACE_METRICS, DATA_TRANSFERRED, IMPORT_STATS, TRAFFIC
    }

    /**
     * One generated request.
     *
     * @param target  the API
     * @param method  the method
     * @param path    the path, encoded
     * @param query   the query string, encoded, or empty
     * @param accept  the Accept header, or empty for none
     * @param body    the body, or empty for none
     * @param refused a refused credential, or empty for a valid token
     */
    record Generated(Target target, String method, String path, String query, Optional<String> accept,
                     Optional<String> body, Optional<Refused> refused) {
    }

    @BeforeContainer
    static void start() {
        harness = new IpTrafficHarness();
        harness.address(KNOWN_IP, "acct-42", "srv-7", LocalDate.parse("2015-01-01"));
        for (int minute = 0; minute < 120; minute += 10) {
            harness.pipe("198.51.100.7", KNOWN_IP, 1_000 + minute, T0.plusSeconds(60L * minute));
        }
        QueryDeps deps = QueryDepsBuilder.over(DriverStores.of(harness.driver)).at(NOW).issuer(ISSUER).build();
        server = Peers.start(deps);
    }

    @AfterContainer
    static void stop() {
        server.stop();
        harness.close();
    }

    @Property(tries = 400, seed = "20261205")
    void everyRequestIsAnsweredInItsApisShapeWithinItsLimits(@ForAll("requests") Generated request)
            throws IOException {
        HttpAnswer answer = send(request);
        Statistics.label("outcome").collect(request.target(), answer.status());

        assertThat(answer.status()).as("%s", request).isLessThan(500);
        if (request.refused().isPresent()) {
            assertThat(answer.status()).as("%s", request).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as("%s", request)
                    .isEqualTo(request.refused().get().challenge());
        }
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as("%s", request).isEqualTo("application/json");
            assertShape(request, answer, JSON.readTree(answer.body()));
        } else {
            assertWithinLimits(request, answer);
        }
        // the generators reach every kind of outcome of every API, or the properties above prove little
        Statistics.label("outcome").coverage(checker -> {
            for (Target target : Target.values()) {
                for (int status : new int[] {200, 400, 401, 404, 405}) {
                    checker.check(target, status).count(count -> count > 0);
                }
            }
        });
    }

    private static void assertShape(Generated request, HttpAnswer answer, JsonNode body) {
        switch (request.target()) {
            case INTERFACE_METRICS, DATA_TRANSFERRED -> {
                assertThat(fieldNames(body)).as("%s", request).containsExactly("type", "code", "message", "doc_url");
                ErrorCode code = ErrorCode.valueOf(codeConstant(body.get("code").asText()));
                assertThat(code.status().code()).as("%s", request).isEqualTo(answer.status());
                assertThat(body.get("type").asText()).isEqualTo(code.type());
                assertThat(body.get("doc_url").asText()).isEqualTo("/docs/errors/" + code.code());
            }
            case IMPORT_STATS -> {
                assertThat(fieldNames(body)).as("%s", request).contains("error_id", "error_text")
                        .isSubsetOf("error_id", "error_text", "error_info");
                assertThat(body.get("error_id").asText()).matches("[A-Z_]+");
                assertThat(body.get("error_text").isTextual()).isTrue();
            }
            case TRAFFIC -> {
                assertThat(fieldNames(body)).as("%s", request).hasSize(1);
                JsonNode fault = body.elements().next();
                assertThat(fieldNames(fault)).as("%s", request).containsExactly("message", "code", "details");
                assertThat(fault.get("message").asText()).isEqualTo("GET data error");
                assertThat(fault.get("code").asInt()).isEqualTo(answer.status());
            }
        }
    }

    private static void assertWithinLimits(Generated request, HttpAnswer answer) throws IOException {
        assertThat(answer.status()).as("%s", request).isEqualTo(200);
        if (request.target() == Target.TRAFFIC && answer.contentType().startsWith("text/csv")) {
            assertThat(answer.body().split("\r\n")).as("%s", request).hasSizeLessThanOrEqualTo(1 + 500);
            return;
        }
        JsonNode body = JSON.readTree(answer.body());
        switch (request.target()) {
            case INTERFACE_METRICS -> {
                if (body.has("interfaces")) {
                    assertThat(body.get("interfaces").isArray()).isTrue();
                } else {
                    assertThat(body.get("ifInOctets").size()).as("%s", request).isLessThanOrEqualTo(1_440);
                    assertThat(body.get("ifOutOctets").size()).as("%s", request).isLessThanOrEqualTo(1_440);
                }
            }
            case DATA_TRANSFERRED -> assertThat(body.size()).as("%s", request).isLessThanOrEqualTo(10_080);
            case IMPORT_STATS -> assertThat(body.size()).as("%s", request).isLessThanOrEqualTo(100_000);
            case TRAFFIC -> assertThat(body.size()).as("%s", request).isLessThanOrEqualTo(500);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static String codeConstant(String code) {
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.code().equals(code)) {
                return candidate.name();
            }
        }
        throw new AssertionError("no error code " + code);
    }

    private static HttpAnswer send(Generated request) {
        // an internal path is asked of the peer listener, as another instance would (the public one has none)
        boolean internal = Peers.internal(request.path());
        URI uri = URI.create("http://localhost:" + (internal ? server.port(QueryRoutes.PEER_SOCKET) : server.port())
                + request.path()
                + (request.query().isEmpty() ? "" : "?" + request.query()));
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).method(request.method(), request.body()
                .map(body -> HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .orElse(HttpRequest.BodyPublishers.noBody()));
        request.accept().ifPresent(accept -> http.header("Accept", accept));
        Optional<String> authorization = request.refused().isPresent()
                ? ISSUER.authorization(request.refused().get()) : Optional.of(ISSUER.everything());
        authorization.ifPresent(value -> http.header("Authorization", value));
        if (internal) {
            http.header(PeerKey.HEADER.defaultCase(), Peers.KEY_TEXT);
        }
        return HttpAnswer.send(http.build());
    }

    // ---- generators ----

    @Provide
    Arbitrary<Generated> requests() {
        return Arbitraries.oneOf(interfaceMetrics(), dataTransferred(), importStats(), traffic());
    }

    private static Arbitrary<Optional<Refused>> credentials() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Optional.<Refused>empty())),
                Tuple.of(1, Arbitraries.of(Refused.class).map(Optional::of)));
    }

    private static Arbitrary<String> route() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.just(RemoteQueryClient.INTERNAL_PREFIX)));
    }

    private static Arbitrary<Optional<String>> accept() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.of("", "application/json", "*/*", "text/csv, application/json;q=0.5")),
                        Tuple.of(1, Arbitraries.of("text/csv", "text/html", "application/*", "text/csv;q=abc", ";;;",
                                "text", "/", "application/json;q=0", "application/json;q=2")))
                .map(value -> value.isEmpty() ? Optional.<String>empty() : Optional.of(value));
    }

    /** Mostly the API's own method, sometimes its other one or one it refuses. */
    private static Arbitrary<String> method(String usual, String other) {
        return Arbitraries.frequency(Tuple.of(8, usual), Tuple.of(1, other), Tuple.of(1, "PUT"),
                Tuple.of(1, "DELETE"));
    }

    /** Mostly the API's path, sometimes more below it. */
    private static Arbitrary<String> suffix() {
        return Arbitraries.frequency(Tuple.of(8, ""), Tuple.of(1, "/x"));
    }

    /** Text that is no valid value of anything. */
    private static Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "null", "-1", "0", "99999999999999999999", "+999999999-12-31", "1e309",
                        "\u00e9\u00e8", "%", "[]", "{}", "2026-02-30", "24:00:00"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    }

    private static Arbitrary<String> dateTime() {
        return Arbitraries.oneOf(
                Arbitraries.of("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-04T00:00:00Z",
                        "2025-12-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00+05:00",
                        "+999999999-12-31T23:59:59Z", "+999999999-12-30T00:00:00Z", "-999999999-01-01T00:00:00Z",
                        "0001-01-01T00:00:00Z",
                        "9999-12-31T23:59:59Z"),
                junk());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String segment(String text) {
        return text.isEmpty() || text.equals(".") || text.equals("..") ? "x" : encode(text).replace("+", "%20");
    }

    private static String queryOf(List<Map.Entry<String, String>> parameters) {
        return parameters.stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Arbitrary<Map.Entry<String, String>> parameter(String name, Arbitrary<String> values) {
        return values.map(value -> Map.entry(name, value));
    }

    private static Arbitrary<Generated> interfaceMetrics() {
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.of("9f9510bd-1234-5678-a7cf-f845a39e26db", "9F9510BD-1234-5678-A7CF-F845A39E26DB",
                        "00000000-0000-0000-0000-000000000000"),
                Arbitraries.longs().tuple2().map(bits -> new UUID(bits.get1(), bits.get2()).toString()), junk());
        Arbitrary<String> path = Combinators.combine(id, Arbitraries.frequency(Tuple.of(8, "/metrics"),
                        Tuple.of(1, "/metrics/"), Tuple.of(1, "/metrics/x"), Tuple.of(1, "")))
                .as((interfaceId, suffix) -> "/metrics/interfaces/" + segment(interfaceId) + suffix);
        Arbitrary<String> body = Arbitraries.oneOf(
                Combinators.combine(dateTime(), dateTime())
                        .as((from, to) -> "{\"from\":\"" + from.replace("\"", "") + "\",\"to\":\""
                                + to.replace("\"", "") + "\"}"),
                Arbitraries.of("{}", "[]", "{\"from\":1,\"to\":2}", "{\"from\":null}", "not json",
                        "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T01:00:00Z\",\"from\":\"x\"}"),
                junk());
        Arbitrary<Generated> metrics = Combinators.combine(route(), path, method("POST", "GET"),
                        body.injectNull(0.1), accept(), credentials())
                .as((route, p, method, b, a, refused) -> new Generated(Target.INTERFACE_METRICS, method, route + p, "",
                        a, Optional.ofNullable(b), refused));
        Arbitrary<Generated> list = Combinators.combine(route(), Arbitraries.of("", "device=edge-1", "device="),
                        method("GET", "POST"), accept(), credentials())
                .as((route, query, method, a, refused) -> new Generated(Target.INTERFACE_METRICS, method,
                        route + "/interfaces", query, a, Optional.empty(), refused));
        return Arbitraries.frequencyOf(Tuple.of(4, metrics), Tuple.of(1, list));
    }

    private static Arbitrary<Generated> dataTransferred() {
        Arbitrary<String> minutes = Arbitraries.oneOf(
                Arbitraries.of("1", "5", "15", "60", "1440", "576000", "576001", "0", "+15"), junk());
        Arbitrary<String> site = Arbitraries.oneOf(
                Arbitraries.of("d8f8f8f8-f8f8-f8f8-f8f8-f8f8f8f8f8f8", "00000000-0000-0000-0000-000000000000"),
                junk());
        Arbitrary<Map.Entry<String, String>> anyParameter = Arbitraries.oneOf(
                parameter("start_time", dateTime()), parameter("end_time", dateTime()),
                parameter("bucket_interval_minutes", minutes), parameter("site_ids[]", site),
                parameter("site_ids", site), parameter("resolution", Arbitraries.of("minute", "hour", "day")),
                parameter("other", junk()));
        return Combinators.combine(route(), suffix(), anyParameter.list().ofMaxSize(5), method("GET", "POST"),
                        accept(), credentials())
                .as((route, suffix, parameters, method, a, refused) -> new Generated(Target.DATA_TRANSFERRED, method,
                        route + "/metrics/dashboard/data-transferred" + suffix, queryOf(parameters), a,
                        Optional.empty(), refused));
    }

    private static Arbitrary<Generated> importStats() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("\"flows_per_second\"", "\"flows_per_minute\"", "\"flows_per_hour\"", "\"minutes\"",
                        "\"hours\"", "\"days\"", "\"months\"", "\"weeks\"", "1", "10", "10080", "10081", "-1",
                        "1767225600", "1767232800", "253402300800", "\"01/01/2026 00:00:00\"",
                        "\"31/02/2026 00:00:00\"", "\"\"", "\"10.0.0.1\"", "\"198.51.100.7\"", "\"2001:db8::1\"",
                        "null", "1.5", "[]", "{}", "99999999999999999999"),
                junk().map(text -> "\"" + text.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> field = Arbitraries.of("stats_type", "interval_type", "time_interval", "start_time",
                "end_time", "source_ip", "other");
        Arbitrary<String> element = Arbitraries.maps(field, value).ofMaxSize(6)
                .map(fields -> fields.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
        Arbitrary<String> template = Combinators.combine(
                        Arbitraries.of("flows_per_second", "flows_per_minute", "flows_per_hour"),
                        Arbitraries.of("\"interval_type\": \"hours\", \"time_interval\": 2",
                                "\"interval_type\": \"days\", \"time_interval\": 3",
                                "\"start_time\": 1767225600, \"end_time\": 1767232800",
                                "\"start_time\": \"01/01/2026 00:00:00\", \"end_time\": \"01/01/2026 02:00:00\""),
                        Arbitraries.of("", "198.51.100.7", "10.0.0.1"))
                .as((type, range, source) -> "{\"stats_type\": \"" + type + "\", " + range + ", \"source_ip\": \""
                        + source + "\"}");
        Arbitrary<String> body = Arbitraries.oneOf(element, template,
                template.list().ofMinSize(1).ofMaxSize(4).map(elements -> "[" + String.join(",", elements) + "]"),
                element.list().ofMaxSize(4).map(elements -> "[" + String.join(",", elements) + "]"),
                Arbitraries.of("[]", "42", "not json", "[7]"), junk());
        return Combinators.combine(route(), suffix(), body.injectNull(0.1), method("POST", "GET"), accept(),
                        credentials())
                .as((route, suffix, b, method, a, refused) -> new Generated(Target.IMPORT_STATS, method,
                        route + "/api/mgmt.flowgateway_analytics/1.0/import_stats" + suffix, "", a,
                        Optional.ofNullable(b), refused));
    }

    private static Arbitrary<Generated> traffic() {
        Arbitrary<String> account = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("acct-42")),
                Tuple.of(1, Arbitraries.just("acct-9")), Tuple.of(1, junk()));
        Arbitrary<String> address = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(KNOWN_IP)),
                Tuple.of(1, Arbitraries.of("203.0.113.5", "2001:db8::a")), Tuple.of(1, junk()));
        Arbitrary<String> path = Combinators.combine(account, Arbitraries.frequency(Tuple.of(6, "srv-7"),
                                Tuple.of(1, "srv-8")), address,
                        Arbitraries.frequency(Tuple.of(8, "/statistics/traffic"), Tuple.of(1, "/statistics"),
                                Tuple.of(1, "")))
                .as((a, s, ip, tail) -> "/accounts/" + segment(a) + "/dedicatedServers/" + segment(s)
                        + "/ipAddresses/" + segment(ip) + tail);
        Arbitrary<String> date = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("2026-01-01", "2026-01-02")),
                Tuple.of(1, Arbitraries.of("2026-01-21", "2026-01-22", "2014-12-31", "+999999999-12-31",
                        "9999-12-31", "2026-02-30")), Tuple.of(1, junk()));
        Arbitrary<Map.Entry<String, String>> anyParameter = Arbitraries.oneOf(
                parameter("scope", Arbitraries.oneOf(Arbitraries.of("receive", "transmit", "total"), junk())),
                parameter("startDate", date), parameter("endDate", date),
                parameter("period", Arbitraries.oneOf(Arbitraries.of("hourly", "daily"), junk())),
                parameter("method", Arbitraries.oneOf(Arbitraries.of("avg", "sum", "min", "max"), junk())));
        Arbitrary<String> query = Arbitraries.oneOf(anyParameter.list().ofMaxSize(7).map(ApiPropertiesTest::queryOf),
                Combinators.combine(Arbitraries.of("receive", "transmit", "total"), date, date,
                                Arbitraries.of("hourly", "daily"), Arbitraries.of("avg", "sum", "min", "max"))
                        .as((scope, start, end, period, method) -> "scope=" + scope + "&startDate=" + encode(start)
                                + "&endDate=" + encode(end) + "&period=" + period + "&method=" + method));
        return Combinators.combine(route(), path, query, method("GET", "POST"), accept(), credentials())
                .as((route, p, q, method, a, refused) -> new Generated(Target.TRAFFIC, method, route + p, q, a,
                        Optional.empty(), refused));
    }
}
