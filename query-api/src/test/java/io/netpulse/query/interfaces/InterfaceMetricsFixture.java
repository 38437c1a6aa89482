package io.netpulse.query.interfaces;

import io.netpulse.query.Peers;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.PeerKey;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.query.iq.DriverStores;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;

import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Counters and inventory piped through the real topology once per test class, and the query dependencies over
 * its stores. The data, all hand-made:
 * <ul>
 *   <li>{@link #NAMED} (edge-1|1, inventory id {@link #NAMED_ID}): 1 Mbit/s in and 0.5 Mbit/s out in minutes
 *       00:00, 00:01 and 00:02; nothing from 00:03 to 00:19 (a gap); 2 Mbit/s in, 1 Mbit/s out in minute 00:20;</li>
 *   <li>{@link #DERIVED} (edge-2|7, only in counters): polled every 5 minutes for 3 days from T0, poll {@code i}
 *       (ending at T0 + 5(i+1) minutes) at (i mod 7 + 1) Mbit/s in and 0 out;</li>
 *   <li>{@link #DELETED_ID}: named by the inventory, then deleted;</li>
 *   <li>{@link #BRANCH_ID} (edge-3|2): named by the inventory at {@link #OTHER_SITE_ID}, no counters.</li>
 * </ul>
 * {@link #NAMED_ID} and {@link #DELETED_ID} are at {@link #SITE_ID}; derived ids have no site.
 */
final class InterfaceMetricsFixture implements AutoCloseable {

    static final UUID NAMED_ID = UUID.fromString("9f9510bd-1234-5678-a7cf-f845a39e26db");
    static final UUID SITE_ID = UUID.fromString("5b6e2c1a-0000-4000-8000-000000000001");
    static final UUID DELETED_ID = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID OTHER_SITE_ID = UUID.fromString("5b6e2c1a-0000-4000-8000-000000000002");
    static final UUID BRANCH_ID = UUID.fromString("0c1d2e3f-0000-4000-8000-00000000b0b0");
    static final InterfaceKey NAMED = new InterfaceKey("edge-1", 1);
    static final InterfaceKey DERIVED = new InterfaceKey("edge-2", 7);
    static final InterfaceKey BRANCH = new InterfaceKey("edge-3", 2);
    /** The clock of the query side: an hour after the last sample. */
    static final Instant NOW = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
    static final int DERIVED_POLLS = 3 * 24 * 12;
    /** Tokens valid at {@link #NOW}, verified by every route of {@link #deps}. */
    static final TestIssuer ISSUER = TestIssuer.at(NOW);
    /** The Authorization header of a caller that may see everything: what {@link #send} sends by default. */
    static final String EVERYTHING = ISSUER.everything();

    private final Path stateDir;
    private final RatesTestDriver rates;

    InterfaceMetricsFixture() {
        try {
            stateDir = Files.createTempDirectory("netpulse-query-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rates = new RatesTestDriver(stateDir);
        inventory(NAMED_ID, SITE_ID, "edge-1", 1, "uplink", T0);
        inventory(DELETED_ID, SITE_ID, "edge-9", 1, "gone", T0);
        inventory(BRANCH_ID, OTHER_SITE_ID, "edge-3", 2, "branch", T0);
        rates.pipeInventory("interface:" + DELETED_ID, null, T0.plusSeconds(1));

        long in = 0;
        long out = 0;
        rates.poll(sample("edge-1", 1, T0, 0L, in, out).build());
        for (int minute = 1; minute <= 3; minute++) {
            in += 7_500_000;
            out += 3_750_000;
            rates.poll(sample("edge-1", 1, T0.plusSeconds(60L * minute), 6_000L * minute, in, out).build());
        }
        // 00:03 -> 00:20 is a gap (17 minutes): 00:20 is a new baseline, 00:21 ends a 2 Mbit/s minute.
        rates.poll(sample("edge-1", 1, T0.plusSeconds(1_200), 120_000L, in + 1, out + 1).build());
        rates.poll(sample("edge-1", 1, T0.plusSeconds(1_260), 126_000L, in + 1 + 15_000_000, out + 1 + 7_500_000)
                .build());

        long derivedIn = 0;
        rates.poll(sample("edge-2", 7, T0, 0L, 0, 0).setIfName("ge-0/0/7").build());
        for (int i = 0; i < DERIVED_POLLS; i++) {
            derivedIn += (i % 7 + 1) * 37_500_000L; // (i mod 7 + 1) Mbit/s for 300 s
            rates.poll(sample("edge-2", 7, T0.plusSeconds(300L * (i + 1)), 30_000L * (i + 1), derivedIn, 0).build());
        }
    }

    private void inventory(UUID id, UUID site, String device, int ifIndex, String name, Instant at) {
        rates.pipeInventory("interface:" + id, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d,
                 "name": "%s", "speed_bps": 10000000000}
                """.formatted(id, site, device, ifIndex, name).getBytes(StandardCharsets.UTF_8), at);
    }

    /** The stores of the driver, as a running instance would give them. */
    LocalStores stores() {
        return DriverStores.of(rates.driver());
    }

    /** Dependencies answering everything locally. */
    QueryDeps deps() {
        return deps(stores(), KeyLocator.local(new HostInfo("localhost", 0)));
    }

    static QueryDeps deps(LocalStores stores, KeyLocator locator) {
        return QueryDepsBuilder.over(stores).locator(locator).remoteTimeout(Duration.ofSeconds(5)).at(NOW)
                .issuer(ISSUER).build();
    }

    @Override
    public void close() {
        rates.close();
        TopologyHarness.delete(stateDir);
    }

    /** Sends as a caller that may see everything. */
    static HttpAnswer send(URI server, String method, String path, String body) {
        return send(server, method, path, body, EVERYTHING);
    }

    /** Sends with {@code authorization} as the Authorization header, or none when it is null. */
    static HttpAnswer send(URI server, String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (Peers.internal(path)) {
            request.header(PeerKey.HEADER.defaultCase(), Peers.KEY_TEXT);
        }
        return send(request.build());
    }

    static HttpAnswer send(HttpRequest request) {
        return HttpAnswer.send(request);
    }
}
