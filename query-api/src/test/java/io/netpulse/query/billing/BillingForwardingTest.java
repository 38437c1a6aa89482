package io.netpulse.query.billing;

import static io.netpulse.query.billing.BillingData.ADDRESS;
import static io.netpulse.query.billing.BillingData.INTERFACE;
import static io.netpulse.query.billing.BillingData.ISSUER;
import static io.netpulse.query.billing.BillingData.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.netpulse.query.Peers;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.QueryDepsBuilder;
import io.netpulse.query.iq.DriverStores;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.HttpAnswer;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances over real sockets. B holds the data of {@link BillingData}; A holds only the directory (a global
 * store, on every instance), and its metadata puts every key on B but the site, which is being rebalanced.
 */
class BillingForwardingTest {

    private static final String UNAVAILABLE = BillingServiceTest.error("api_error", "service_unavailable", "The data"
            + " for this request cannot be read right now (instances are rebalancing or restoring); retry after 5"
            + " seconds.");

    private static Path stateDir;
    private static RatesTestDriver data;
    private static WebServer serverA;
    private static WebServer serverB;
    private static HostInfo hostB;

    @BeforeAll
    static void startInstances() {
        stateDir = TopologyHarness.tempStateDir();
        data = new RatesTestDriver(stateDir);
        BillingData.fill(data);
        LocalStores all = DriverStores.of(data.driver());
        LocalStores directoryOnly = new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (!name.equals(StoreNames.DIRECTORY)) {
                    throw new AssertionError("instance A holds no " + name + " and must not read it");
                }
                return all.store(name, type);
            }
        };
        serverB = start(KeyLocator.local(new HostInfo("localhost", 1)), all);
        hostB = Peers.peerOf(serverB);
        serverA = start(new OnB(), directoryOnly);
    }

    @AfterAll
    static void stopInstances() {
        serverA.stop();
        serverB.stop();
        data.close();
        TopologyHarness.delete(stateDir);
    }

    @Test
    void anInterfaceAndAnAddressHeldElsewhereAreAnsweredByTheirInstanceByteForByte() {
        String interfacePath = "/billing/interfaces/" + INTERFACE + "?start=2026-01-01T00:10:00Z"
                + "&end=2026-01-01T00:20:00Z";
        String addressPath = "/billing/accounts/acct-42/ipAddresses/" + ADDRESS;

        HttpAnswer interfaceFromA = get(serverA, interfacePath);
        HttpAnswer addressFromA = get(serverA, addressPath);

        assertThat(interfaceFromA.status()).isEqualTo(200);
        assertThat(interfaceFromA.body()).isEqualTo(get(serverB, interfacePath).body()).isEqualTo(
                BillingServiceTest.answer("interface", INTERFACE, "2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z", 2,
                        2, 2, "80.0", "10.0", "80.0", "90.0"));
        assertThat(addressFromA.status()).isEqualTo(200);
        assertThat(addressFromA.body()).isEqualTo(get(serverB, addressPath).body());
    }

    @Test
    void aForwardedRequestForAKeyHeldElsewhereIsNeverForwardedAgain() {
        HttpAnswer answer = get(serverA, RemoteQueryClient.INTERNAL_PREFIX + "/billing/interfaces/" + INTERFACE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void aKeyWithoutActiveInstanceGives503() {
        HttpAnswer answer = get(serverA, "/billing/sites/" + SITE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo(UNAVAILABLE);
    }

    private static WebServer start(KeyLocator locator, LocalStores stores) {
        QueryDeps deps = QueryDepsBuilder.over(stores).locator(locator).at(ISSUER.now()).issuer(ISSUER).build();
        return Peers.start(deps);
    }

    /** Asks {@code server}: on its peer listener, with the key, for an internal path; else on its public one. */
    private static HttpAnswer get(WebServer server, String pathAndQuery) {
        return HttpAnswer.send(Peers.request(server, pathAndQuery)
                .header("Authorization", ISSUER.everything()).GET().build());
    }

    /** A's view: every key on B, but the site, which is being rebalanced. */
    private static final class OnB implements KeyLocator {
        @Override
        public <K> Location locate(String store, K key, StreamPartitioner<? super K, ?> partitioner) {
            return new Location.Remote(hostB);
        }

        @Override
        public <K> Location locate(String store, K key, Serializer<K> keySerializer) {
            return key.equals(SITE) ? new Location.Unavailable("rebalancing") : new Location.Remote(hostB);
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            return List.of(hostB);
        }

        @Override
        public HostInfo self() {
            return new HostInfo("localhost", serverA.port());
        }
    }
}
