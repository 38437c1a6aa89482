package io.netpulse.app;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.app.DemoNetwork.Device;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    static final long SEED = DemoExporter.DEFAULT_SEED;

    @Test
    void sameSeedAndStartGiveTheSameTraffic() {
        DemoTraffic first = new DemoTraffic(SEED, T0);
        DemoTraffic second = new DemoTraffic(SEED, T0);

        for (int i = 0; i < 5; i++) {
            assertThat(first.nextPoll()).isEqualTo(second.nextPoll());
            assertThat(first.nextFlowSecond()).isEqualTo(second.nextFlowSecond());
        }
    }

    @Test
    void everyInterfaceIsPolledEveryTenSecondsWithTheDeviceUpTime() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);

        List<CounterSample> first = traffic.nextPoll();
        List<CounterSample> second = traffic.nextPoll();

        assertThat(first).hasSize(24);
        CounterSample amsFirst = first.get(0);
        CounterSample amsSecond = second.get(0);
        assertThat(amsFirst.getDevice()).isEqualTo("ams-edge-1");
        assertThat(amsFirst.getIfIndex()).isEqualTo(1);
        assertThat(amsFirst.getInterfaceId()).isEqualTo("d3e01f00-0001-4000-8000-000000000001");
        // ams-edge-1 is device 1: polled 150 ms after the tick; up 120 days = 1,036,800,000 hundredths.
        assertThat(amsFirst.getPollTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00.150Z"));
        assertThat(amsFirst.getSysUpTime()).isEqualTo(1_036_800_000L);
        assertThat(amsSecond.getPollTime()).isEqualTo(Instant.parse("2026-01-01T00:00:10.150Z"));
        assertThat(amsSecond.getSysUpTime()).isEqualTo(1_036_801_000L);
        assertThat(amsFirst.getCounterWidth()).isEqualTo(64);
        assertThat(amsFirst.getIfSpeed()).isEqualTo(10_000_000_000L);
        assertThat(amsFirst.getIfName()).isEqualTo("xe-0/0/0");
        // At most the interface speed (10 Gbit/s) over 10 s: 12.5 GB.
        assertThat(amsSecond.getInOctets() - amsFirst.getInOctets()).isBetween(1L, 12_500_000_000L);
    }

    @Test
    void the32BitCounterWrapsOnceWithinTheFirstThreeMinutes() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        List<Long> in = new ArrayList<>();
        for (int poll = 0; poll <= 18; poll++) {
            in.add(sampleOf(traffic.nextPoll(), "fra-core-1", 4).getInOctets());
        }

        int wraps = 0;
        for (int poll = 1; poll < in.size(); poll++) {
            if (in.get(poll) < in.get(poll - 1)) {
                wraps++;
            }
        }
        assertThat(wraps).isEqualTo(1);
        assertThat(in).allSatisfy(value -> assertThat(value).isBetween(0L, 4_294_967_295L));
        assertThat(DemoNetwork.WRAPPING_INTERFACE.id().toString()).isEqualTo("d3e01f00-0004-4000-8000-000000000004");
    }

    @Test
    void theRebootingDeviceComesBackWithUpTimeAndCountersNearZero() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        List<List<CounterSample>> polls = new ArrayList<>();
        for (int poll = 0; poll <= DemoTraffic.FIRST_REBOOT_POLL + 1; poll++) {
            polls.add(traffic.nextPoll());
        }

        CounterSample before = sampleOf(polls.get(29), "nyc-core-1", 1);
        CounterSample rebooted = sampleOf(polls.get(30), "nyc-core-1", 1);
        CounterSample after = sampleOf(polls.get(31), "nyc-core-1", 1);
        // Up 5 minutes at the first poll (30,000 hundredths); 29 polls of 1,000 later 59,000.
        assertThat(before.getSysUpTime()).isEqualTo(59_000L);
        assertThat(rebooted.getSysUpTime()).isBetween(1_500L, 2_999L);
        assertThat(after.getSysUpTime()).isEqualTo(rebooted.getSysUpTime() + 1_000);
        assertThat(rebooted.getInOctets()).isLessThan(before.getInOctets());
        assertThat(rebooted.getOutOctets()).isLessThan(before.getOutOctets());
        assertThat(after.getInOctets()).isGreaterThan(rebooted.getInOctets());
        assertThat(DemoTraffic.rebootsAt(device("nyc-core-1"), 30)).isTrue();
        assertThat(DemoTraffic.rebootsAt(device("nyc-core-1"), 210)).isTrue();
        assertThat(DemoTraffic.rebootsAt(device("nyc-core-1"), 31)).isFalse();
        assertThat(DemoTraffic.rebootsAt(device("ams-edge-1"), 30)).isFalse();
    }

    @Test
    void flowsComeFromEveryExporterInBothFamiliesAtBothSamplingRates() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        traffic.nextFlowSecond();

        List<FlowRecord> second = traffic.nextFlowSecond();

        assertThat(second).hasSize(24);
        assertThat(second.stream().map(FlowRecord::getExporter).collect(Collectors.toSet())).isEqualTo(Set.of(
                "10.1.0.1", "10.1.0.2", "10.2.0.1", "10.2.0.2", "2001:db8:300::1", "2001:db8:300::2"));
        assertThat(second.stream().map(FlowRecord::getSamplingRate).collect(Collectors.toSet()))
                .isEqualTo(Set.of(1L, 100L));
        assertThat(second).allSatisfy(flow -> {
            assertThat(flow.getSrcAddr().contains(":")).isEqualTo(flow.getDstAddr().contains(":"));
            assertThat(flow.getReceivedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
            assertThat(flow.getFlowStart()).isBeforeOrEqualTo(flow.getFlowEnd());
            assertThat(flow.getFlowEnd()).isBeforeOrEqualTo(flow.getReceivedAt());
            assertThat(flow.getBytes()).isBetween(64 * flow.getPackets(), 1_500 * flow.getPackets());
        });
        List<FlowRecord> firstMinute = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            firstMinute.addAll(traffic.nextFlowSecond());
        }
        assertThat(firstMinute).anySatisfy(flow -> assertThat(flow.getSrcAddr()).contains(":"));
        assertThat(firstMinute).anySatisfy(flow -> assertThat(flow.getSrcAddr()).doesNotContain(":"));
    }

    @Test
    void inventoryNamesEveryInterfaceAndServerInTheReadmeJsonFormat() {
        Map<String, String> inventory = DemoTraffic.inventory();

        assertThat(inventory).hasSize(24 + 10);
        assertThat(inventory.get("interface:d3e01f00-0001-4000-8000-000000000001")).isEqualTo("{\"type\":\"interface\","
                + "\"interface_id\":\"d3e01f00-0001-4000-8000-000000000001\","
                + "\"site_id\":\"d3e05173-0000-4000-8000-000000000001\",\"device\":\"ams-edge-1\",\"if_index\":1,"
                + "\"name\":\"xe-0/0/0\",\"speed_bps\":10000000000,\"count_in_site_volume\":true}");
        assertThat(inventory.get("ip:2001:db8:100::20")).isEqualTo("{\"type\":\"ip\",\"address\":\"2001:db8:100::20\","
                + "\"account_id\":\"acct-1002\",\"server_id\":\"srv-2002\",\"server_created\":\"2024-11-02\"}");
    }

    @Test
    void theHotInterfaceCarriesAbove90PercentOfItsGigabitInEveryPoll() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        CounterSample previous = sampleOf(traffic.nextPoll(), "ams-core-1", 3);
        // 10 s at 93 to 97 % of 1 Gbit/s: 1,162,500,000 to 1,212,500,000 octets; 90 % would be 1,125,000,000.
        for (int poll = 1; poll <= 60; poll++) {
            CounterSample current = sampleOf(traffic.nextPoll(), "ams-core-1", 3);
            assertThat(current.getInOctets() - previous.getInOctets()).isBetween(1_162_499_999L, 1_212_500_000L);
            previous = current;
        }
        assertThat(DemoNetwork.HOT_INTERFACE.speedBitsPerSecond()).isEqualTo(1_000_000_000L);
    }

    @Test
    void theSilentDeviceStopsPollingAndExportingEightyMinutesIn() {
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        // Polls 0 to 479 (00:00:00 to 01:19:50) have fra-core-1's four interfaces, poll 480 (01:20:00) does not.
        List<CounterSample> poll = List.of();
        for (int n = 0; n < 480; n++) {
            poll = traffic.nextPoll();
        }
        assertThat(poll).hasSize(24).anySatisfy(s -> assertThat(s.getDevice()).isEqualTo("fra-core-1"));
        assertThat(traffic.nextPoll()).hasSize(20).noneSatisfy(s -> assertThat(s.getDevice()).isEqualTo("fra-core-1"));

        // Seconds 0 to 4799 have its flows (exporter 10.2.0.2, 4 of every 24), second 4800 does not.
        List<FlowRecord> second = List.of();
        for (int n = 0; n < 4800; n++) {
            second = traffic.nextFlowSecond();
        }
        assertThat(second.stream().filter(f -> f.getExporter().equals("10.2.0.2"))).hasSize(4);
        assertThat(traffic.nextFlowSecond()).hasSize(20).noneSatisfy(f ->
                assertThat(f.getExporter()).isEqualTo("10.2.0.2"));
    }

    @Test
    void theSpikingAddressGetsOneHugeFlowASecondForOneTenMinuteSampleAnHourIn() {
        // An hour after 00:00:00 is 01:00:00, a 10-minute boundary: the spike is [01:00:00, 01:10:00).
        assertThat(DemoTraffic.spikeStart(T0)).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(DemoTraffic.spikeStart(T0.plusSeconds(1))).isEqualTo(Instant.parse("2026-01-01T01:10:00Z"));
        DemoTraffic traffic = new DemoTraffic(SEED, T0);
        List<FlowRecord> spike = new ArrayList<>();
        for (int n = 0; n < 4300; n++) {
            // ams-edge-1 samples 1:100 and its usual flows have at most 200 sampled packets
            traffic.nextFlowSecond().stream()
                    .filter(f -> f.getExporter().equals("10.1.0.1") && f.getPackets() > 200)
                    .forEach(spike::add);
        }
        // 600 seconds, one flow each, 2,000 sampled packets of 1,500 bytes at 1:100.
        assertThat(spike).hasSize(600).allSatisfy(f -> {
            assertThat(f.getDstAddr()).isEqualTo("203.0.113.20");
            assertThat(f.getPackets()).isEqualTo(2_000L);
            assertThat(f.getBytes()).isEqualTo(3_000_000L);
            assertThat(f.getSamplingRate()).isEqualTo(100L);
        });
        assertThat(spike.getFirst().getReceivedAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(spike.getLast().getReceivedAt()).isEqualTo(Instant.parse("2026-01-01T01:09:59Z"));
    }

    private static CounterSample sampleOf(List<CounterSample> poll, String device, int ifIndex) {
        return poll.stream().filter(s -> s.getDevice().equals(device) && s.getIfIndex() == ifIndex)
                .findFirst().orElseThrow();
    }

    private static Device device(String name) {
        return DemoNetwork.DEVICES.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
