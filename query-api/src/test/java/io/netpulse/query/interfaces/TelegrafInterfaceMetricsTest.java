package io.netpulse.query.interfaces;

import io.netpulse.query.iq.DriverStores;
import static io.netpulse.query.interfaces.InterfaceMetricsFixture.send;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.netpulse.query.QueryRoutes;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafWire;
import io.netpulse.topology.rates.RatesTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 through the API: an interface polled only by Telegraf is listed at GET /interfaces under its derived id
 * and answers Get Interface Metrics; once the inventory names it, the inventory id and the derived id both answer
 * with the whole history, measured before and after the naming.
 *
 * <p>Telegraf polls 192.0.2.1 ifIndex 2 every 60 s (ifTable at 60k, ifXTable at 60k + 1) at 1 Mbit/s in and
 * 250 kbit/s out from 00:00 to 00:04; the inventory names it at 00:02:30. Every minute with data is then
 * 1000000 / 250000 bit/s (minute 00:00 covers 59 s at that rate, minute 00:04 one second).
 */
@ServerTest
class TelegrafInterfaceMetricsTest {

    private static final String DEVICE = "192.0.2.1";
    /** UUIDv3 of "netpulse:interface:192.0.2.1|2". */
    private static final UUID DERIVED = UUID.fromString("0e23479d-a599-3ede-970f-4f2f28b02d26");
    private static final UUID INVENTORY_ID = UUID.fromString("3f1c2a9e-5b7d-4e8f-9a01-23456789abcd");
    private static Path stateDir;
    private static RatesTestDriver rates;

    private final URI server;

    TelegrafInterfaceMetricsTest(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        try {
            stateDir = Files.createTempDirectory("netpulse-telegraf-query-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rates = new RatesTestDriver(stateDir);
        for (int k = 0; k <= 3; k++) {
            poll(k);
        }
        rates.pipeInventory("interface:" + INVENTORY_ID, ("""
                {"type": "interface", "interface_id": "%s", "device": "192.0.2.1", "if_index": 2,
                 "name": "uplink-core1", "speed_bps": 10000000000}
                """.formatted(INVENTORY_ID)).getBytes(StandardCharsets.UTF_8), T0.plusSeconds(150));
        poll(4);
        telegraf(TelegrafWire.CURRENT.uptime(DEVICE, T0.plusSeconds(300), 11_331_974L + 30_000L), T0.plusSeconds(300));
        QueryRoutes.register(routing, InterfaceMetricsFixture.deps(stores(rates.driver()),
                KeyLocator.local(new HostInfo("localhost", 0))));
    }

    @AfterAll
    static void close() {
        rates.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void poll(int k) {
        long in = 918_273_645_501L + 7_500_000L * k;
        long out = 1_029_384_756_102L + 1_875_000L * k;
        Instant at = T0.plusSeconds(60L * k);
        telegraf(TelegrafWire.CURRENT.uptime(DEVICE, at, 11_331_974L + 6_000L * k), at);
        telegraf(TelegrafWire.CURRENT.ifTableRow(DEVICE, 2, "TenGigE0/1", at, Long.remainderUnsigned(in, 1L << 32),
                Long.remainderUnsigned(out, 1L << 32)), at);
        telegraf(TelegrafWire.CURRENT.ifXTableRow(DEVICE, 2, "Te0/1", at.plusSeconds(1), in, out), at.plusSeconds(1));
    }

    private static void telegraf(byte[] metric, Instant at) {
        rates.pipe(rates.topics().names().telegraf(), DEVICE.getBytes(StandardCharsets.UTF_8), metric, at);
    }

    private static LocalStores stores(TopologyTestDriver driver) {
        return DriverStores.of(driver);
    }

    private HttpAnswer metrics(UUID id) {
        return send(server, "POST", "/metrics/interfaces/" + id + "/metrics",
                "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-01T00:10:00Z\"}");
    }

    @Test
    void telegrafInterfaceNamedByTheInventoryIsListedOnceWithBothIds() {
        HttpAnswer answer = send(server, "GET", "/interfaces?device=192.0.2.1", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"interfaces\":["
                + "{\"interface_id\":\"" + INVENTORY_ID + "\",\"derived_id\":\"" + DERIVED
                + "\",\"source\":\"inventory\",\"device\":\"192.0.2.1\","
                + "\"if_index\":2,\"name\":\"uplink-core1\",\"site_id\":null,\"speed_bps\":10000000000}]}");
    }

    @Test
    void inventoryIdAndDerivedIdAnswerTheWholeHistory() {
        String expected = "{\"ifInOctets\":["
                + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:02:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:03:00\",\"value\":1000000},"
                + "{\"clock\":\"2026-01-01 00:04:00\",\"value\":1000000}],\"ifOutOctets\":["
                + "{\"clock\":\"2026-01-01 00:00:00\",\"value\":250000},"
                + "{\"clock\":\"2026-01-01 00:01:00\",\"value\":250000},"
                + "{\"clock\":\"2026-01-01 00:02:00\",\"value\":250000},"
                + "{\"clock\":\"2026-01-01 00:03:00\",\"value\":250000},"
                + "{\"clock\":\"2026-01-01 00:04:00\",\"value\":250000}]}";

        HttpAnswer byInventoryId = metrics(INVENTORY_ID);
        HttpAnswer byDerivedId = metrics(DERIVED);

        assertThat(byInventoryId.status()).isEqualTo(200);
        assertThat(byInventoryId.body()).isEqualTo(expected);
        assertThat(byDerivedId.status()).isEqualTo(200);
        assertThat(byDerivedId.body()).isEqualTo(expected);
    }
}
