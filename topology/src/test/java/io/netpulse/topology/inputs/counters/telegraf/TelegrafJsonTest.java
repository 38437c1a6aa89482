package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The JSON that earlier versions left on the Telegraf path's repartition topic and in its stores round-trips
 * exactly.
 */
class TelegrafJsonTest {

    private final Serde<TelegrafRow> rows = TelegrafJson.serde(TelegrafRow.class);

    @Test
    void writesAnUptimeRowAsReadableJson() {
        byte[] json = rows.serializer().serialize("t", new UptimeRow("192.0.2.1", T0, 11_331_974L));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"kind\":\"uptime\",\"device\":\"192.0.2.1\",\"time\":\"2026-01-01T00:00:00Z\","
                        + "\"sysUpTimeTicks\":11331974}");
    }

    @Test
    void roundTripsAnInterfaceRowWithAbsentPartsAndCounter64Bits() {
        InterfaceRow row = new InterfaceRow("192.0.2.1", null, "Te0/1", null, T0.plusMillis(250),
                new Octets(-616L, 7L, T0.plusMillis(250)), null, 10_000L, null);
        byte[] json = rows.serializer().serialize("t", row);
        assertThat(rows.deserializer().deserialize("t", json)).isEqualTo(row);
    }

    @Test
    void roundTripsTheMergeState() {
        InterfaceRow pending = new InterfaceRow("r1", 2, null, "eth0", T0, null, new Octets(1, 2, T0), null, 1000L);
        InterfaceState state = new InterfaceState(pending, T0.minusSeconds(55), T0.minusSeconds(60));
        UptimeRow uptime = new UptimeRow("r1", T0, 5);
        Serde<InterfaceState> states = TelegrafJson.serde(InterfaceState.class);
        Serde<UptimeRow> uptimes = TelegrafJson.serde(UptimeRow.class);

        assertThat(states.deserializer().deserialize("t", states.serializer().serialize("t", state))).isEqualTo(state);
        assertThat(uptimes.deserializer().deserialize("t", uptimes.serializer().serialize("t", uptime)))
                .isEqualTo(uptime);
    }

    @Test
    void refusesBytesThatAreNotARow() {
        assertThatThrownBy(() -> rows.deserializer().deserialize("t", "{\"kind\":\"cpu\"}".getBytes(
                StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a TelegrafRow: ");
    }
}
