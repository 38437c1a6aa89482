package io.netpulse.topology.ip;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.ip.IpAttribution.Contribution;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpAttributionTest {

    private static final Set<String> INVENTORY = Set.of("192.0.2.10", "192.0.2.20");

    static Stream<Arguments> flows() {
        return Stream.of(
                Arguments.of("destination in the inventory: received", "203.0.113.5", "192.0.2.10", 1000L,
                        List.of(contribution("192.0.2.10", 1000, 0))),
                Arguments.of("source in the inventory: transmitted", "192.0.2.10", "203.0.113.5", 1000L,
                        List.of(contribution("192.0.2.10", 0, 1000))),
                Arguments.of("both in the inventory: received by one, transmitted by the other", "192.0.2.10",
                        "192.0.2.20", 700L,
                        List.of(contribution("192.0.2.20", 700, 0), contribution("192.0.2.10", 0, 700))),
                Arguments.of("an address to itself: once, received and transmitted", "192.0.2.10", "192.0.2.10",
                        300L, List.of(contribution("192.0.2.10", 300, 300))),
                Arguments.of("neither in the inventory: nobody", "203.0.113.5", "198.51.100.7", 1000L, List.of()),
                Arguments.of("a foreign address to itself: nobody", "203.0.113.5", "203.0.113.5", 1000L, List.of()),
                Arguments.of("no bytes: no traffic, no sample", "203.0.113.5", "192.0.2.10", 0L, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void contributionsOfAFlow(String description, String src, String dst, long bytes, List<Contribution> expected) {
        Flow flow = new Flow("10.0.0.1", src, dst, bytes, 1, 1, 0, 0, 1, false, T0, T0, T0);

        assertThat(IpAttribution.of(flow, INVENTORY::contains)).as(description).isEqualTo(expected);
    }

    private static Contribution contribution(String address, long received, long transmitted) {
        return new Contribution(address, new IpTrafficSample(received, transmitted));
    }
}
