package io.netpulse.topology.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The owner store's values, including those written when it held only the owner's UUID. */
class InterfaceOwnerTest {

    private static final UUID ID = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final Instant FIRST_CLAIM = Instant.parse("2026-01-01T00:02:30Z");
    private final Serde<InterfaceOwner> serde = InterfaceOwner.serde();

    private InterfaceOwner roundTrip(InterfaceOwner owner) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", owner));
    }

    @Test
    void keepsTheOwnerAndTheFirstClaimInTenOrTwentySixBytes() {
        InterfaceOwner claimed = new InterfaceOwner(ID, FIRST_CLAIM);
        InterfaceOwner released = new InterfaceOwner(null, FIRST_CLAIM);

        assertThat(roundTrip(claimed)).isEqualTo(claimed);
        assertThat(roundTrip(released)).isEqualTo(released);
        // version + flags + UUID + epoch millis; version + flags + epoch millis
        assertThat(serde.serializer().serialize("t", claimed)).hasSize(26);
        assertThat(serde.serializer().serialize("t", released)).hasSize(10);
    }

    @Test
    void readsAnOwnerWrittenAsItsUuidAloneAsClaimedAtTheEpoch() {
        byte[] legacy = Serdes.UUID().serializer().serialize("t", ID);

        assertThat(new String(legacy, StandardCharsets.US_ASCII)).isEqualTo(ID.toString());
        assertThat(serde.deserializer().deserialize("t", legacy)).isEqualTo(new InterfaceOwner(ID, Instant.EPOCH));
    }

    @Test
    void refusesOtherBytes() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessage("not an interface owner: 10 bytes");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessage("not an interface owner: 10 bytes");
    }
}
