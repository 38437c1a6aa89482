package io.netpulse.query.alerts;

import static io.netpulse.query.alerts.AlertStoreData.NOW;
import static io.netpulse.query.alerts.AlertStoreData.alert;
import static io.netpulse.query.alerts.AlertStoreData.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.alerts.AlertRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /alerts} on one instance over six given alerts ({@link AlertStoreData}): the parameters, the order,
 * the limit and the scope of each rule.
 */
@ServerTest
class AlertsServiceTest {

    private static final TestIssuer ISSUER = TestIssuer.at(NOW);
    private static final String SITE_A = "5a1e0000-0000-4000-8000-00000000000a";
    private static final String SITE_B = "5a1e0000-0000-4000-8000-00000000000b";

    private static final Alert HOT_A = alert(AlertRule.INTERFACE_UTILIZATION, "edge-1|1", 60, null)
            .setInterfaceId("1f000000-0000-4000-8000-000000000001").setSiteId(SITE_A).setSource("edge-1")
            .setThreshold(900_000_000.0).setObserved(950_000_000.0).setUnit("bit/s").build();
    private static final Alert HOT_B_CLEARED = alert(AlertRule.INTERFACE_UTILIZATION, "edge-2|7", 10, 30)
            .setInterfaceId("1f000000-0000-4000-8000-000000000002").setSiteId(SITE_B).setSource("edge-2")
            .setThreshold(90_000_000.0).setObserved(99_000_000.0).setUnit("bit/s").build();
    private static final Alert SILENT_EDGE = alert(AlertRule.SOURCE_SILENT, "counters:edge-1", 50, null)
            .setSource("edge-1").setSignal("counters").setThreshold(300).setObserved(300).setUnit("seconds").build();
    private static final Alert SILENT_EXPORTER = alert(AlertRule.SOURCE_SILENT, "flows:10.0.0.1", 20, 40)
            .setSource("10.0.0.1").setSignal("flows").setThreshold(300).setObserved(1500).setUnit("seconds")
            .build();
    private static final Alert SPIKE_1 = alert(AlertRule.IP_SPIKE, "203.0.113.10", 70, null)
            .setAddress("203.0.113.10").setAccountId("acct-1").setThreshold(2_000_000).setObserved(2_500_000)
            .setUnit("bytes").build();
    private static final Alert SPIKE_2 = alert(AlertRule.IP_SPIKE, "203.0.113.20", 30, null)
            .setAddress("203.0.113.20").setAccountId("acct-2").setThreshold(1_000_000).setObserved(1_200_000)
            .setUnit("bytes").build();

    private static final AlertStoreData DATA = new AlertStoreData(HOT_A, HOT_B_CLEARED, SILENT_EDGE,
            SILENT_EXPORTER, SPIKE_1, SPIKE_2);

    private final Http1Client client;

    AlertsServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        QueryRoutes.register(routing, QueryDepsBuilder.over(DriverStores.of(DATA.driver)).at(NOW).issuer(ISSUER)
                .build());
    }

    @AfterAll
    static void closeDriver() {
        DATA.close();
    }

    /** GET /alerts with {@code query} ("?a=1&b=2", or empty) as the caller of {@code authorization}. */
    private HttpAnswer get(String query, String authorization) {
        Http1ClientRequest request = client.get("/alerts");
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String parameter : query.substring(1).split("&")) {
                String[] nameValue = parameter.split("=", 2);
                parameters.computeIfAbsent(nameValue[0], name -> new ArrayList<>()).add(nameValue[1]);
            }
        }
        parameters.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        request.header(HeaderNames.AUTHORIZATION, authorization);
        return HttpAnswer.of(request.request());
    }

    @Test
    void activeAlertsByDefaultTheLatestStartFirst() {
        HttpAnswer answer = get("", ISSUER.everything());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer(false, SPIKE_1, HOT_A, SILENT_EDGE, SPIKE_2));
    }

    @Test
    void stateAllSinceKeepsAlertsStillActiveOrClearedAtOrAfterIt() {
        // HOT_B cleared at 00:30 (kept: not before 00:30), SILENT_EXPORTER at 00:40.
        assertThat(get("?state=all&since=2026-01-01T00:30:00Z", ISSUER.everything()).body())
                .isEqualTo(answer(false, SPIKE_1, HOT_A, SILENT_EDGE, SPIKE_2, SILENT_EXPORTER, HOT_B_CLEARED));
        assertThat(get("?state=all&since=2026-01-01T00:30:00.001Z", ISSUER.everything()).body())
                .isEqualTo(answer(false, SPIKE_1, HOT_A, SILENT_EDGE, SPIKE_2, SILENT_EXPORTER));
    }

    @Test
    void ruleFilters() {
        assertThat(get("?state=all&rule=source-silent", ISSUER.everything()).body())
                .isEqualTo(answer(false, SILENT_EDGE, SILENT_EXPORTER));
    }

    @Test
    void limitKeepsTheLatestAndSaysSo() {
        assertThat(get("?limit=2", ISSUER.everything()).body()).isEqualTo(answer(true, SPIKE_1, HOT_A));
        assertThat(get("?limit=4", ISSUER.everything()).body())
                .isEqualTo(answer(false, SPIKE_1, HOT_A, SILENT_EDGE, SPIKE_2));
    }

    @Test
    void interfaceAlertsAreScopedBySiteSourceAlertsBySourceAndIpAlertsByAccount() {
        assertThat(get("?state=all", ISSUER.sites(SITE_A.toUpperCase(Locale.ROOT))).body())
                .isEqualTo(answer(false, HOT_A));
        // edge-1 is named by name, not address: only a token for every source sees its silence.
        assertThat(get("?state=all", ISSUER.sources("10.0.0.1")).body()).isEqualTo(answer(false, SILENT_EXPORTER));
        assertThat(get("?state=all", ISSUER.bearer(List.of(), List.of(), List.of("*"))).body())
                .isEqualTo(answer(false, SILENT_EDGE, SILENT_EXPORTER));
        assertThat(get("?state=all", ISSUER.accounts("acct-2")).body()).isEqualTo(answer(false, SPIKE_2));
        assertThat(get("?state=all", ISSUER.bearer(List.of(), List.of(), List.of())).body())
                .isEqualTo(answer(false));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        assertThat(get("?state=open", ISSUER.everything())).extracting(HttpAnswer::status, HttpAnswer::body)
                .containsExactly(400, """
                {"type":"invalid_request_error","code":"parameter_invalid",\
                "message":"The provided 'state' must be active or all.",\
                "doc_url":"/docs/errors/parameter_invalid"}""");
        assertThat(get("?limit=1001", ISSUER.everything()).body())
                .contains("\"code\":\"parameter_invalid\"", "The provided 'limit' must be an integer from 1 to 1000.");
        assertThat(get("?limit=0", ISSUER.everything()).body()).contains("The provided 'limit'");
        assertThat(get("?since=yesterday", ISSUER.everything()).body())
                .contains("The provided 'since' is not an ISO 8601 instant");
        assertThat(get("?rule=cpu", ISSUER.everything()).body()).contains(
                "The provided 'rule' must be one of interface-utilization, source-silent, ip-spike.");
        assertThat(get("?state=all&state=active", ISSUER.everything()).body())
                .contains("The 'state' parameter is given 2 times; give it once.");
    }

    @Test
    void withoutATokenIs401() {
        Http1ClientRequest request = client.get("/alerts");
        try (HttpClientResponse response = request.request()) {
            assertThat(response.status().code()).isEqualTo(401);
        }
    }
}
