package io.netpulse.topology.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How two states of one inventory entry change the interface-to-site table, and the serdes of its values. */
class MembershipChangeTest {

    private static final UUID ID = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final UUID SITE_A = UUID.fromString("aaaaaaaa-0000-4000-8000-00000000000a");
    private static final UUID SITE_B = UUID.fromString("bbbbbbbb-0000-4000-8000-00000000000b");
    private static final InterfaceKey EDGE_1_1 = new InterfaceKey("edge-1", 1);
    private static final InterfaceKey EDGE_1_5 = new InterfaceKey("edge-1", 5);

    private static InterfaceEntry entry(InterfaceKey key, UUID site, boolean counted) {
        return InterfaceEntry.newBuilder().setInterfaceId(ID.toString())
                .setSiteId(site == null ? null : site.toString())
                .setDevice(key.device()).setIfIndex(key.ifIndex()).setName("xe-0/0/" + key.ifIndex())
                .setCountInSiteVolume(counted).build();
    }

    private static KeyValue<InterfaceKey, MembershipChange> claim(InterfaceKey key, UUID site, boolean counted) {
        return KeyValue.pair(key, new MembershipChange.Claim(new SiteMembership(ID, site, counted)));
    }

    private static KeyValue<InterfaceKey, MembershipChange> release(InterfaceKey key) {
        return KeyValue.pair(key, new MembershipChange.Release(ID));
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("a new entry claims its interface", null, entry(EDGE_1_1, SITE_A, true),
                        List.of(claim(EDGE_1_1, SITE_A, true))),
                Arguments.of("a deleted entry releases its interface", entry(EDGE_1_1, SITE_A, true), null,
                        List.of(release(EDGE_1_1))),
                Arguments.of("a deletion of an unknown entry changes nothing", null, null, List.of()),
                Arguments.of("a new site is a new claim of the same interface", entry(EDGE_1_1, SITE_A, true),
                        entry(EDGE_1_1, SITE_B, true), List.of(claim(EDGE_1_1, SITE_B, true))),
                Arguments.of("leaving every site is a claim without a site", entry(EDGE_1_1, SITE_A, true),
                        entry(EDGE_1_1, null, true), List.of(claim(EDGE_1_1, null, true))),
                Arguments.of("the count flag is part of the claim", entry(EDGE_1_1, SITE_A, true),
                        entry(EDGE_1_1, SITE_A, false), List.of(claim(EDGE_1_1, SITE_A, false))),
                Arguments.of("a renumbered entry releases the old interface, then claims the new",
                        entry(EDGE_1_1, SITE_A, true), entry(EDGE_1_5, SITE_A, true),
                        List.of(release(EDGE_1_1), claim(EDGE_1_5, SITE_A, true))),
                Arguments.of("a re-sent entry (only its name changed) changes nothing", entry(EDGE_1_1, SITE_A, true),
                        InterfaceEntry.newBuilder(entry(EDGE_1_1, SITE_A, true)).setName("renamed").build(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void between(String description, InterfaceEntry previous, InterfaceEntry current,
                 List<KeyValue<InterfaceKey, MembershipChange>> expected) {
        assertThat(MembershipChange.between(previous, current)).as(description).isEqualTo(expected);
    }

    @Test
    void changesSurviveTheRepartitionTopic() {
        var serde = MembershipChange.serde();
        for (MembershipChange change : List.of(new MembershipChange.Claim(new SiteMembership(ID, SITE_A, true)),
                new MembershipChange.Claim(new SiteMembership(ID, null, false)), new MembershipChange.Release(ID))) {
            byte[] bytes = serde.serializer().serialize("t", change);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(change);
        }
        // kind byte + version + flags + two UUIDs; kind byte + one UUID
        assertThat(serde.serializer().serialize("t", new MembershipChange.Claim(new SiteMembership(ID, SITE_A, true))))
                .hasSize(35);
        assertThat(serde.serializer().serialize("t", new MembershipChange.Release(ID))).hasSize(17);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessage("not a MembershipChange: 3 bytes");
    }

    @Test
    void membershipSerdeIsCompactAndRefusesOtherBytes() {
        var serde = SiteMembership.serde();
        SiteMembership withSite = new SiteMembership(ID, SITE_B, false);
        SiteMembership withoutSite = new SiteMembership(ID, null, true);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", withSite)))
                .isEqualTo(withSite);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", withoutSite)))
                .isEqualTo(withoutSite);
        assertThat(serde.serializer().serialize("t", withSite)).hasSize(34);
        assertThat(serde.serializer().serialize("t", withoutSite)).hasSize(18);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[18 + 1]))
                .isInstanceOf(SerializationException.class).hasMessage("not a SiteMembership: 19 bytes");
    }
}
