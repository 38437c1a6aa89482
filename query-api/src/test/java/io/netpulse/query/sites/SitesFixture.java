package io.netpulse.query.sites;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Inventory and counters piped through the real topology, and query dependencies over its stores. The data, per
 * minute of 2026-01-01 (UTC), all hand-made:
 * <ul>
 *   <li>{@link #SITE_A}: edge-1|1 polled every minute from 00:00 to 00:20 at 6000 bytes in and 600 out per minute,
 *       so minutes 00:00 to 00:19 hold 6000 / 600; edge-1|2 from 00:40 to 00:41, 500 / 50 in minute 00:40;</li>
 *   <li>{@link #SITE_B}: edge-2|1 polled at 00:10:30 and 00:15:30, 1001 in and 7 out spread in whole bytes:
 *       00:10 100 / 1, 00:11 201 / 2, 00:12 to 00:14 200 / 1, 00:15 100 / 1;</li>
 *   <li>unassigned: edge-9|1, in no inventory, 999 / 99 in minute 00:05.</li>
 * </ul>
 * A fixture may hold only some of the sites, as one instance of several does.
 */
final class SitesFixture implements AutoCloseable {

    static final String SITE_A = "aaaaaaaa-0000-4000-8000-00000000000a";
    static final String SITE_B = "bbbbbbbb-0000-4000-8000-00000000000b";
    static final String UNASSIGNED = "00000000-0000-0000-0000-000000000000";
    /** The query side's clock: two hours after T0. */
    static final Instant NOW = T0.plus(Duration.ofHours(2));
    /** Tokens valid at {@link #NOW}, verified by every route of {@link #deps}. */
    static final TestIssuer ISSUER = TestIssuer.at(NOW);
    /** The Authorization header of a caller that may see every site: what {@link #send} sends. */
    static final String EVERYTHING = ISSUER.everything();

    private final Path stateDir;
    private final RatesTestDriver rates;
    /** Names of the stores queries asked for, in order. */
    final List<String> storesRead = new CopyOnWriteArrayList<>();

    SitesFixture() {
        this(Set.of(SITE_A, SITE_B, UNASSIGNED));
    }

    SitesFixture(Set<String> sites) {
        try {
            stateDir = Files.createTempDirectory("netpulse-sites-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rates = new RatesTestDriver(stateDir);
        inventory("10000000-0000-4000-8000-000000000001", SITE_A, "edge-1", 1);
        inventory("10000000-0000-4000-8000-000000000002", SITE_A, "edge-1", 2);
        inventory("10000000-0000-4000-8000-000000000003", SITE_B, "edge-2", 1);
        // Piped in poll-time order, as pollers deliver them: a minute is final 20 minutes after stream time passes.
        List<Poll> polls = new ArrayList<>();
        if (sites.contains(SITE_A)) {
            for (int minute = 0; minute <= 20; minute++) {
                polls.add(new Poll("edge-1", 1, 60L * minute, 6_000L * minute, 600L * minute));
            }
            polls.add(new Poll("edge-1", 2, 40 * 60, 0, 0));
            polls.add(new Poll("edge-1", 2, 41 * 60, 500, 50));
        }
        if (sites.contains(SITE_B)) {
            polls.add(new Poll("edge-2", 1, 10 * 60 + 30, 0, 0));
            polls.add(new Poll("edge-2", 1, 15 * 60 + 30, 1_001, 7));
        }
        if (sites.contains(UNASSIGNED)) {
            polls.add(new Poll("edge-9", 1, 5 * 60, 0, 0));
            polls.add(new Poll("edge-9", 1, 6 * 60, 999, 99));
        }
        polls.sort(Comparator.comparingLong(Poll::seconds));
        polls.forEach(poll -> rates.poll(sample(poll.device(), poll.ifIndex(), T0.plusSeconds(poll.seconds()),
                poll.seconds() * 100, poll.in(), poll.out()).build()));
    }

    /** One poll, {@code seconds} after T0, sysUpTime running since T0. */
    private record Poll(String device, int ifIndex, long seconds, long in, long out) {
    }

    private void inventory(String id, String site, String device, int ifIndex) {
        rates.pipeInventory("interface:" + id, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d}
                """.formatted(id, site, device, ifIndex).getBytes(StandardCharsets.UTF_8), T0);
    }

    /** The stores of the driver, as a running instance would give them; each store asked for is recorded. */
    LocalStores stores() {
        LocalStores driverStores = DriverStores.of(rates.driver());
        return new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                storesRead.add(name);
                return driverStores.store(name, type);
            }
        };
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

    /**
     * Sends {@code method} to {@code pathAndQuery} (already encoded) on {@code server} as a caller that may see
     * every site.
     */
    static HttpAnswer send(URI server, String method, String pathAndQuery, String... headers) {
        return sendAs(EVERYTHING, server, method, pathAndQuery, headers);
    }

    /** As {@link #send}, with {@code authorization} as the Authorization header, or none when it is null. */
    static HttpAnswer sendAs(String authorization, URI server, String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (Peers.internal(pathAndQuery)) {
            request.header(PeerKey.HEADER.defaultCase(), Peers.KEY_TEXT);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpAnswer.send(request.build());
    }

    /** One data point as the API writes it. */
    static String point(String slot, long in, long out) {
        return "{\"time_slot\":\"" + slot + "\",\"total_in_bytes\":" + in + ",\"total_out_bytes\":" + out
                + ",\"total_combined_bytes\":" + (in + out) + "}";
    }

    /** The ErrorResponse body of {@code code}. */
    static String error(String type, String code, String message) {
        return "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"doc_url\":\"/docs/errors/" + code + "\"}";
    }
}
