package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The Telegraf path's binary records: exact round trips, the format pinned byte by byte, the JSON that earlier
 * versions left in changelogs and on the repartition topic read back as it was, and corrupt bytes refused as
 * unreadable JSON is.
 */
class TelegrafSerdesTest {

    private final Serde<TelegrafRow> rows = TelegrafSerdes.rows();
    private final Serde<UptimeRow> uptimes = TelegrafSerdes.uptimes();
    private final Serde<InterfaceState> states = TelegrafSerdes.states();
    private final Serde<RowBatch> batches = TelegrafSerdes.batches();

    @Test
    void writesAnUptimeRowInFormatOne() {
        UptimeRow uptime = new UptimeRow("r1", Instant.ofEpochSecond(1, 5), 300);

        // version 1, kind 2 (uptime), "r1" (length 2), second 1 (zigzag 2), nanosecond 5, ticks 300 (zigzag 600).
        byte[] expected = {1, 2, 2, 'r', '1', 2, 5, (byte) 0xD8, 0x04};
        assertThat(rows.serializer().serialize("t", uptime)).containsExactly(expected);
        assertThat(uptimes.serializer().serialize("t", uptime)).containsExactly(expected);
        assertThat(uptimes.deserializer().deserialize("t", expected)).isEqualTo(uptime);
    }

    @Test
    void writesAnInterfaceRowWithOnlyItsIndexAndSpeedInFormatOne() {
        InterfaceRow row = new InterfaceRow("r1", 3, null, null, Instant.ofEpochSecond(-1), null, null, null, 10L);

        // version, kind 1, flags ifIndex|speed, "r1", second -1 (zigzag 1), nanosecond 0, ifIndex 3 (zigzag 6),
        // speed 10 (zigzag 20).
        assertThat(rows.serializer().serialize("t", row))
                .containsExactly(1, 1, 0b100_0001, 2, 'r', '1', 1, 0, 6, 20);
    }

    @Test
    void roundTripsInterfaceRowsWithEveryPartPresentOrAbsent() {
        InterfaceRow full = new InterfaceRow("2001:db8::1", Integer.MAX_VALUE, "Te0/1 über", "uplink \"core\"",
                T0.plusNanos(123_456_789), new Octets(-616L, Long.MAX_VALUE, T0.plusMillis(250)),
                new Octets(4_294_967_295L, 0, Instant.ofEpochSecond(-62_135_596_800L, 999_999_999)),
                Long.MIN_VALUE, 4_294_967_294L);
        InterfaceRow bare = new InterfaceRow("r1", null, null, null, T0, null, null, null, null);
        InterfaceRow named = new InterfaceRow("r1", -1, "", "eth0", T0.plusMillis(1), null,
                new Octets(1, 2, T0.plusMillis(1)), 0L, null);

        for (InterfaceRow row : new InterfaceRow[] {full, bare, named}) {
            assertThat(rows.deserializer().deserialize("t", rows.serializer().serialize("t", row))).isEqualTo(row);
        }
    }

    @Test
    void roundTripsTheMergeStateWhateverItHolds() {
        InterfaceRow pending = new InterfaceRow("r1", 2, null, "eth0", T0, null, new Octets(1, 2, T0), null, 1000L);
        InterfaceState[] values = {
            new InterfaceState(pending, T0.minusSeconds(55), T0.minusSeconds(60)),
            new InterfaceState(null, T0.plusSeconds(5), null),
            new InterfaceState(pending, null, T0.minusNanos(1)),
            InterfaceState.NONE,
        };

        for (InterfaceState state : values) {
            assertThat(states.deserializer().deserialize("t", states.serializer().serialize("t", state)))
                    .isEqualTo(state);
        }
        assertThat(states.serializer().serialize("t", InterfaceState.NONE)).containsExactly(1, 0);
    }

    @Test
    void takesAFifthOfTheBytesOfTheJson() {
        InterfaceRow pending = new InterfaceRow("192.0.2.1", 17, "Te0/1", "TenGigE0/0/0/1", T0,
                new Octets(123_456_789_012L, 98_765_432_101L, T0), new Octets(1_234_567, 7_654_321, T0), 10_000L,
                null);
        InterfaceState state = new InterfaceState(pending, T0.minusSeconds(55), T0.minusSeconds(60));

        byte[] binary = states.serializer().serialize("t", state);
        byte[] json = TelegrafJson.serde(InterfaceState.class).serializer().serialize("t", state);

        // version, flags; the row: flags, device 10, time 6 (5-byte second, nanosecond 0), ifIndex 1, names 6 + 15,
        // 64-bit counters 6 + 6 + 6, 32-bit 3 + 4 + 6, ifHighSpeed 3; the two instants 6 + 6.
        assertThat(binary).hasSize(2 + 1 + 10 + 6 + 1 + 6 + 15 + 18 + 13 + 3 + 12);
        assertThat(json).hasSize(416);
    }

    @Test
    void readsTheJsonOfEarlierVersionsAsItWas() {
        String uptimeJson = "{\"kind\":\"uptime\",\"device\":\"192.0.2.1\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"sysUpTimeTicks\":11331974}";
        String stateJson = "{\"pending\":{\"kind\":\"interface\",\"device\":\"r1\",\"ifIndex\":2,\"ifName\":null,"
                + "\"ifDescr\":\"eth0\",\"time\":\"2026-01-01T00:00:00.250Z\",\"octets64\":null,"
                + "\"octets32\":{\"in\":1,\"out\":2,\"readAt\":\"2026-01-01T00:00:00.250Z\"},"
                + "\"highSpeedMbps\":null,\"speedBitsPerSecond\":1000},"
                + "\"emittedUntil\":\"2025-12-31T23:59:05Z\",\"last64BitAt\":null}";
        String rowJson = "{\"kind\":\"interface\",\"device\":\"r1\",\"ifIndex\":null,\"ifName\":\"Te0/1\","
                + "\"ifDescr\":null,\"time\":\"2026-01-01T00:00:00Z\","
                + "\"octets64\":{\"in\":-616,\"out\":7,\"readAt\":\"2026-01-01T00:00:00Z\"},\"octets32\":null,"
                + "\"highSpeedMbps\":10000,\"speedBitsPerSecond\":null}";
        UptimeRow uptime = new UptimeRow("192.0.2.1", T0, 11_331_974L);
        InterfaceState state = new InterfaceState(new InterfaceRow("r1", 2, null, "eth0", T0.plusMillis(250), null,
                new Octets(1, 2, T0.plusMillis(250)), null, 1000L), T0.minusSeconds(55), null);
        InterfaceRow row = new InterfaceRow("r1", null, "Te0/1", null, T0, new Octets(-616L, 7L, T0), null, 10_000L,
                null);

        assertThat(uptimes.deserializer().deserialize("t", utf8(uptimeJson))).isEqualTo(uptime);
        assertThat(rows.deserializer().deserialize("t", utf8(uptimeJson))).isEqualTo(uptime);
        assertThat(states.deserializer().deserialize("t", utf8(stateJson))).isEqualTo(state);
        assertThat(rows.deserializer().deserialize("t", utf8(rowJson))).isEqualTo(row);
        // And they are what the JSON serde of earlier versions wrote, byte for byte.
        assertThat(TelegrafJson.serde(InterfaceState.class).serializer().serialize("t", state))
                .isEqualTo(utf8(stateJson));
        assertThat(TelegrafJson.serde(TelegrafRow.class).serializer().serialize("t", row)).isEqualTo(utf8(rowJson));
    }

    @Test
    void refusesCorruptBytesAsItRefusesUnreadableJson() {
        byte[] valid = rows.serializer().serialize("t", new InterfaceRow("r1", 3, "eth0", null, T0,
                new Octets(1, 2, T0), null, null, null));

        assertRefused(rows, new byte[0], "not a TelegrafRow: no bytes");
        assertRefused(rows, new byte[] {7, 1}, "not a TelegrafRow: unknown format byte 7");
        assertRefused(rows, Arrays.copyOf(valid, valid.length - 1), "not a TelegrafRow: truncated at byte ");
        assertRefused(rows, Arrays.copyOf(valid, valid.length + 1), "not a TelegrafRow: 1 bytes after the value");
        assertRefused(rows, new byte[] {1, 9}, "not a TelegrafRow: unknown row kind 9");
        assertRefused(rows, new byte[] {1, 1, (byte) 0x80, 2, 'r', '1', 0, 0},
                "not a TelegrafRow: unknown row flags 128");
        assertRefused(rows, new byte[] {1, 2, 100, 'r', '1'}, "not a TelegrafRow: string of 100 bytes at byte 3");
        assertRefused(rows, new byte[] {1, 2, 2, 'r', '1', 0, (byte) 0x80, (byte) 0x94, (byte) 0xEB, (byte) 0xDC,
            0x03, 0}, "not a TelegrafRow: nanosecond out of range: 1000000000");
        assertRefused(rows, new byte[] {1, 2, 2, 'r', '1', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0},
                "not a TelegrafRow: varint longer than 10 bytes");
        assertRefused(uptimes, valid, "not a UptimeRow: an interface row");
        assertRefused(states, new byte[] {1, 8}, "not a InterfaceState: unknown state flags 8");
        assertRefused(states, utf8("{\"pending\":{\"kind\":\"cpu\"}}"), "not a InterfaceState: ");
        assertRefused(rows, utf8("{\"kind\":\"cpu\"}"), "not a TelegrafRow: ");
    }

    @Test
    void writesABatchOfADevicesRowsInFormatOne() {
        UptimeRow uptime = new UptimeRow("r1", Instant.ofEpochSecond(1, 5), 300);
        InterfaceRow row = new InterfaceRow("r1", 3, null, null, Instant.ofEpochSecond(-1), null, null, null, 10L);
        RowBatch batch = RowBatch.of(uptime).plus(RowBatch.of(row));

        // version 1, kind 3 (batch), 2 rows, then each row as a single row is written after its version byte.
        byte[] expected = {1, 3, 2, 2, 2, 'r', '1', 2, 5, (byte) 0xD8, 0x04, 1, 0b100_0001, 2, 'r', '1', 1, 0, 6, 20};
        assertThat(batches.serializer().serialize("t", batch)).containsExactly(expected);
        assertThat(batches.deserializer().deserialize("t", expected).rows()).containsExactly(uptime, row);
    }

    @Test
    void readsTheSingleRowsOfEarlierVersionsAsBatchesOfOne() {
        InterfaceRow row = new InterfaceRow("r1", null, "Te0/1", null, T0, new Octets(-616L, 7L, T0), null, 10_000L,
                null);
        String rowJson = "{\"kind\":\"interface\",\"device\":\"r1\",\"ifIndex\":null,\"ifName\":\"Te0/1\","
                + "\"ifDescr\":null,\"time\":\"2026-01-01T00:00:00Z\","
                + "\"octets64\":{\"in\":-616,\"out\":7,\"readAt\":\"2026-01-01T00:00:00Z\"},\"octets32\":null,"
                + "\"highSpeedMbps\":10000,\"speedBitsPerSecond\":null}";

        assertThat(batches.deserializer().deserialize("t", rows.serializer().serialize("t", row)).rows())
                .containsExactly(row);
        assertThat(batches.deserializer().deserialize("t", utf8(rowJson)).rows()).containsExactly(row);
    }

    @Test
    void refusesCorruptBatches() {
        byte[] uptime = {2, 2, 'r', '1', 2, 5, (byte) 0xD8, 0x04};

        assertRefused(batches, new byte[] {1, 3, 0}, "not a RowBatch: a batch of 0 rows in 3 bytes");
        assertRefused(batches, concat(new byte[] {1, 3, 2}, uptime), "not a RowBatch: truncated at byte 11");
        assertRefused(batches, concat(concat(new byte[] {1, 3, 1}, uptime), new byte[] {0}),
                "not a RowBatch: 1 bytes after the value");
        assertRefused(batches, new byte[] {1, 3, 1, 9}, "not a RowBatch: unknown row kind 9");
        assertRefused(batches, new byte[] {7, 3}, "not a TelegrafRow: unknown format byte 7");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void assertRefused(Serde<?> serde, byte[] bytes, String message) {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith(message);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
