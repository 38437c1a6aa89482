package io.netpulse.query.billing;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.query.auth.TestIssuer;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ip.IpTrafficHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The data of the billing API tests, in multiples of 75 bytes (75 bytes in a slot are 2 bit/s):
 * <pre>
 *   interface 1111... (edge-1 ifIndex 1, site aaaa...), polled every 5 minutes from 00:00 to 00:30: slots
 *     00:00 .. 00:25 carry 750, 1500, 2250, 3000, 3750, 4500 bytes in (20 .. 120 bit/s), 375 out (10 bit/s)
 *   192.0.2.10 (acct-42): 300 bytes received at 00:01 (slot 00:00, 8 bit/s), 600 at 00:06 (slot 00:05, 16 bit/s),
 *     150 transmitted at 00:07 (slot 00:05, 4 bit/s)
 * </pre>
 */
final class BillingData {

    /** Tokens valid at the tests' "now", 2026-01-04 12:00. */
    static final TestIssuer ISSUER = TestIssuer.at(Instant.parse("2026-01-04T12:00:00Z"));
    static final String INTERFACE = "11111111-1111-1111-1111-111111111111";
    static final String SITE = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
    static final String ADDRESS = "192.0.2.10";

    private BillingData() {
    }

    /** Puts the inventory, counters and flows of the class comment into {@code driver}. */
    static void fill(RatesTestDriver driver) {
        driver.pipeInventory("interface:" + INTERFACE, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "edge-1", "if_index": 1}
                """.formatted(INTERFACE, SITE).getBytes(StandardCharsets.UTF_8), T0);
        driver.pipeInventory("ip:" + ADDRESS, """
                {"type": "ip", "address": "%s", "account_id": "acct-42", "server_id": "srv-7",
                 "server_created": "2015-01-01"}""".formatted(ADDRESS).getBytes(StandardCharsets.UTF_8), T0);
        long in = 0;
        for (int k = 0; k <= 6; k++) {
            in += 750L * k;
            driver.poll(RatesTestDriver.sample("edge-1", 1, T0.plus(Duration.ofMinutes(5L * k)), null, in, 375L * k)
                    .build());
            if (k == 1) {
                flow(driver, IpTrafficHarness.flow("203.0.113.5", ADDRESS, 300, T0.plusSeconds(60)).build());
                flow(driver, IpTrafficHarness.flow("203.0.113.5", ADDRESS, 600, T0.plusSeconds(360)).build());
                flow(driver, IpTrafficHarness.flow(ADDRESS, "203.0.113.5", 150, T0.plusSeconds(420)).build());
            }
        }
    }

    private static void flow(RatesTestDriver driver, FlowRecord record) {
        String topic = driver.topics().names().flows();
        driver.pipe(topic, null, driver.serdes().framed(FlowRecord.class).serializer().serialize(topic, record),
                record.getReceivedAt());
    }
}
