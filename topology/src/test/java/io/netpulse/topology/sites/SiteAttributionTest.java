package io.netpulse.topology.sites;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.topology.inputs.counters.CounterDelta;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where an interval's volume goes, and the exact sums it is kept in. */
class SiteAttributionTest {

    private static final UUID ID = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final UUID SITE = UUID.fromString("aaaaaaaa-0000-4000-8000-00000000000a");
    private static final CounterDelta.Interval INTERVAL = new CounterDelta.Interval(
            T0, T0.plusSeconds(60), 1_000, 100, false);

    static Stream<Arguments> attributions() {
        return Stream.of(
                Arguments.of("an interface of a site counts for it", new SiteMembership(ID, SITE, true),
                        new SiteAttribution.ToSite(INTERVAL, SITE.toString()), Optional.of(SITE.toString())),
                Arguments.of("an interface in no site counts as unassigned", new SiteMembership(ID, null, true),
                        new SiteAttribution.Unassigned(INTERVAL), Optional.of(SiteVolumeFlow.UNASSIGNED_SITE)),
                Arguments.of("an interface the inventory does not name counts as unassigned", null,
                        new SiteAttribution.Unassigned(INTERVAL), Optional.of(SiteVolumeFlow.UNASSIGNED_SITE)),
                Arguments.of("an excluded interface of a site is not counted", new SiteMembership(ID, SITE, false),
                        new SiteAttribution.Excluded(INTERVAL), Optional.empty()),
                Arguments.of("an excluded interface in no site is not counted either",
                        new SiteMembership(ID, null, false), new SiteAttribution.Excluded(INTERVAL), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributions")
    void attribution(String description, SiteMembership membership, SiteAttribution expected,
                     Optional<String> siteKey) {
        SiteAttribution attribution = SiteAttribution.of(INTERVAL, membership);

        assertThat(attribution).as(description).isEqualTo(expected);
        assertThat(attribution.siteKey()).as(description).isEqualTo(siteKey);
    }

    @Test
    void siteBytesAddExactlyAndRefuseToWrap() {
        assertThat(new SiteBytes(1, 2).plus(new SiteBytes(30, 40))).isEqualTo(new SiteBytes(31, 42));
        assertThat(new SiteBytes(31, 42).combinedOctets()).isEqualTo(73);
        assertThatThrownBy(() -> new SiteBytes(Long.MAX_VALUE, 0).plus(new SiteBytes(1, 0)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new SiteBytes(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative volume: in -1 out 0");
    }

    @Test
    void siteBytesSerdeIsSeventeenBytes() {
        var serde = SiteBytes.serde();
        byte[] bytes = serde.serializer().serialize("t", new SiteBytes(Long.MAX_VALUE, 7));

        assertThat(bytes).hasSize(17);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new SiteBytes(Long.MAX_VALUE, 7));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[25]))
                .isInstanceOf(SerializationException.class).hasMessage("not a SiteBytes: 25 bytes");
    }
}
