package io.netpulse.query.ip;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.topology.ip.IpTrafficHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The data of the API tests. The inventory:
 * <pre>
 *   192.0.2.10   acct-42 / srv-7, created 2015-01-01
 *   2001:db8::a  acct-42 / srv-7
 *   192.0.2.11   acct-42 / srv-8
 *   192.0.2.20   acct-77 / srv-9, created 2020-03-15
 * </pre>
 * 192.0.2.10's ten-minute samples:
 * <pre>
 *   2026-01-01  143 samples (none at 13:20), each receiving 344130 bytes but the one of 16:40 (344173):
 *               49210633 bytes; transmitting 1000 bytes at 00:00 and 3000 at 00:10
 *   2026-01-02  nothing
 *   2026-01-03  144 samples, each receiving 658 bytes but the one of 00:00 (707): 94801 bytes
 * </pre>
 * 2001:db8::a received 1234 bytes at 2026-01-01 05:00.
 */
final class IpTrafficData {

    private static final String FOREIGN = "203.0.113.5";

    /** The statistics of 192.0.2.10. */
    static final String TRAFFIC = "/accounts/acct-42/dedicatedServers/srv-7/ipAddresses/192.0.2.10"
            + "/statistics/traffic";
    /** 2026-01-01 through 2026-01-03. */
    static final String THREE_DAYS = "startDate=2026-01-01&endDate=2026-01-03";
    /** The seed's first example, with its end date as meant. */
    static final String SEED_DAILY = "[{\"count\":143,\"date\":\"2026-01-01 00:00:00\","
            + "\"values\":344130.3006993007},{\"count\":144,\"date\":\"2026-01-03 00:00:00\","
            + "\"values\":658.3402777777778}]";
    /** The seed's 403 for a range over the limit. */
    static final String OVER_LIMIT = "{\"overLimit\":{\"message\":\"GET data error\",\"code\":403,\"details\":"
            + "\"The (startDate, endDate) range is too large. Maximum number of returned data sets exceeded.\"}}";
    /** 401. */
    static final String UNAUTHORIZED = "{\"unauthorized\":{\"message\":\"GET data error\",\"code\":401,"
            + "\"details\":\"The supplied credentials are invalid or do not provide permissions for this"
            + " operation.\"}}";
    /** 503. */
    static final String UNAVAILABLE = "{\"serviceUnavailable\":{\"message\":\"GET data error\",\"code\":503,"
            + "\"details\":\"The statistics cannot be read right now (instances are rebalancing or restoring);"
            + " retry after 5 seconds.\"}}";

    /** 404 with {@code details}. */
    static String notFound(String details) {
        return "{\"itemNotFound\":{\"message\":\"GET data error\",\"code\":404,\"details\":\"" + details + "\"}}";
    }

    private IpTrafficData() {
    }

    /** Puts the inventory and the flows of the class comment into {@code harness}. */
    static void fill(IpTrafficHarness harness) {
        LocalDate created = LocalDate.parse("2015-01-01");
        harness.address("192.0.2.10", "acct-42", "srv-7", created);
        harness.address("2001:db8::a", "acct-42", "srv-7", created);
        harness.address("192.0.2.11", "acct-42", "srv-8", created);
        harness.address("192.0.2.20", "acct-77", "srv-9", LocalDate.parse("2020-03-15"));
        Instant day1 = T0;
        for (int sample = 0; sample < 144; sample++) {
            Instant start = day1.plus(Duration.ofMinutes(10L * sample));
            if (sample != 80) {
                harness.pipe(FOREIGN, "192.0.2.10", sample == 100 ? 344_173 : 344_130, start.plusSeconds(60));
            }
            if (sample == 0 || sample == 1) {
                harness.pipe("192.0.2.10", FOREIGN, sample == 0 ? 1000 : 3000, start.plusSeconds(90));
            }
            if (sample == 30) {
                harness.pipe(FOREIGN, "2001:db8::a", 1234, start);
            }
        }
        Instant day3 = T0.plus(Duration.ofDays(2));
        for (int sample = 0; sample < 144; sample++) {
            Instant start = day3.plus(Duration.ofMinutes(10L * sample));
            harness.pipe(FOREIGN, "192.0.2.10", sample == 0 ? 707 : 658, start.plusSeconds(60));
        }
        // closes the last sample of 2026-01-03 (end 00:00, grace 5 minutes)
        harness.pipe(FOREIGN, "192.0.2.20", 1, day3.plus(Duration.ofDays(1)).plusSeconds(300));
    }
}
