package io.netpulse.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpulse.app.DemoNetwork.Device;
import io.netpulse.app.DemoNetwork.Interface;
import io.netpulse.app.DemoNetwork.Server;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ip.IpSettings;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo exporter's traffic, computed rather than sent: successive counter polls and flow records of
 * {@link DemoNetwork}, a pure function of the seed and the start time, so tests check exactly what the demo sends.
 *
 * <p>Rates follow a day curve (lowest at 03:00 UTC, highest at 15:00 UTC) with ±10 % noise per poll, capped at
 * the interface speed. Counters start high, as on routers up for weeks; the 32-bit one starts about two minutes
 * short of its wrap. The rebooting device comes back with sysUpTime and counters near zero.
 *
 * <p>Three things an operator is alerted to happen in it: {@link DemoNetwork#HOT_INTERFACE} runs at 93 to 97 % of
 * its speed throughout; {@link DemoNetwork#SILENT_DEVICE} stops polling and exporting {@link #SILENT_AFTER} after
 * the start; {@link DemoNetwork#SPIKING_SERVER} receives a very large flow a second during the 10-minute sample
 * that starts at {@link #spikeStart}.
 */
final class DemoTraffic {

    /** Time between two polls of a device, as most SNMP pollers are set up for rates. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
    /** Flow records per second over all exporters. */
    static final int FLOWS_PER_SECOND = 24;
    /** The poll at which the rebooting device first comes back from a reboot (5 minutes in). */
    static final int FIRST_REBOOT_POLL = 30;
    /** How long after the start {@link DemoNetwork#SILENT_DEVICE} stops sending. */
    static final Duration SILENT_AFTER = Duration.ofMinutes(80);
    /** The per-IP sample the spike fills: the default sample length. */
    static final Duration SPIKE_LENGTH = IpSettings.defaults().sampleLength();
    /** The spiking flow's sampled packets and bytes per packet, scaled by its exporter's 1:100 sampling. */
    static final long SPIKE_PACKETS = 2_000;
    static final long SPIKE_BYTES_PER_PACKET = 1_500;

    private static final long TICKS_PER_POLL = POLL_INTERVAL.toMillis() / 10; // sysUpTime counts hundredths
    private static final long UP_TIME_MODULUS = 1L << 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    // Two streams, so counters and flows stay the same whichever of the two the scheduler runs first.
    private final Random random;
    private final Random flowRandom;
    private final Instant start;
    private final Map<Interface, long[]> octets = new HashMap<>();
    private final Map<Device, Long> upTime = new HashMap<>();
    private int poll;
    private int flowSecond;

    DemoTraffic(long seed, Instant start) {
        this.random = new Random(seed);
        this.flowRandom = new Random(~seed);
        this.start = start;
    }

    /** The next poll of every interface, at {@code start + n * POLL_INTERVAL} (plus a per-device offset). */
    List<CounterSample> nextPoll() {
        Instant at = start.plus(POLL_INTERVAL.multipliedBy(poll));
        List<CounterSample> samples = new ArrayList<>();
        for (Device device : DemoNetwork.DEVICES) {
            boolean rebooted = rebootsAt(device, poll);
            long ticks = nextUpTime(device, rebooted);
            Instant polled = at.plusMillis(150L * device.number());
            boolean silent = silent(device, at);
            for (Interface iface : DemoNetwork.INTERFACES) {
                if (iface.device() != device) {
                    continue;
                }
                long[] counters = nextCounters(iface, at, rebooted, ticks);
                if (silent) {
                    continue;
                }
                samples.add(CounterSample.newBuilder()
                        .setDevice(device.name())
                        .setIfIndex(iface.ifIndex())
                        .setInterfaceId(device.name().contains("edge") ? iface.id().toString() : null)
                        .setPollTime(polled)
                        .setSysUpTime(ticks)
                        .setInOctets(counters[0])
                        .setOutOctets(counters[1])
                        .setCounterWidth(iface.counterWidth())
                        .setIfSpeed(iface.speedBitsPerSecond())
                        .setIfName(iface.name())
                        .build());
            }
        }
        poll++;
        return samples;
    }

    /** The flow records received in the next second, {@link #FLOWS_PER_SECOND} of them. */
    List<FlowRecord> nextFlowSecond() {
        Instant received = start.plusSeconds(flowSecond);
        List<FlowRecord> records = new ArrayList<>(FLOWS_PER_SECOND);
        for (int i = 0; i < FLOWS_PER_SECOND; i++) {
            Device exporter = DemoNetwork.DEVICES.get(i % DemoNetwork.DEVICES.size());
            Server server = DemoNetwork.SERVERS.get(flowRandom.nextInt(DemoNetwork.SERVERS.size()));
            String remote = remoteOfSameFamily(server.address());
            boolean inbound = flowRandom.nextBoolean();
            long packets = 1 + flowRandom.nextInt(exporter.samplingRate() > 1 ? 200 : 2_000);
            long bytes = packets * (64 + flowRandom.nextInt(1_437));
            boolean bad = flowRandom.nextInt(40) == 0;
            Instant end = received.minusMillis(flowRandom.nextInt(900));
            if (silent(exporter, received)) {
                continue;
            }
            records.add(FlowRecord.newBuilder()
                    .setExporter(exporter.exporterAddress())
                    .setSrcAddr(inbound ? remote : server.address())
                    .setDstAddr(inbound ? server.address() : remote)
                    .setBytes(bytes)
                    .setPackets(packets)
                    .setFlows(1)
                    .setSamplingRate(exporter.samplingRate())
                    .setBadBytes(bad ? Math.min(bytes, 1_500) : 0)
                    .setBadPackets(bad ? 1 : 0)
                    .setFlowStart(end.minusMillis(flowRandom.nextInt(30_000)))
                    .setFlowEnd(end)
                    .setReceivedAt(received)
                    .build());
        }
        Instant spike = spikeStart(start);
        if (!received.isBefore(spike) && received.isBefore(spike.plus(SPIKE_LENGTH))) {
            Device exporter = DemoNetwork.DEVICES.getFirst();
            records.add(FlowRecord.newBuilder()
                    .setExporter(exporter.exporterAddress())
                    .setSrcAddr(DemoNetwork.REMOTE_ADDRESSES.getFirst())
                    .setDstAddr(DemoNetwork.SPIKING_SERVER.address())
                    .setBytes(SPIKE_PACKETS * SPIKE_BYTES_PER_PACKET)
                    .setPackets(SPIKE_PACKETS)
                    .setFlows(1)
                    .setSamplingRate(exporter.samplingRate())
                    .setBadBytes(0)
                    .setBadPackets(0)
                    .setFlowStart(received.minusSeconds(1))
                    .setFlowEnd(received)
                    .setReceivedAt(received)
                    .build());
        }
        flowSecond++;
        return records;
    }

    /** Whether {@code device} has stopped sending at {@code at}. */
    boolean silent(Device device, Instant at) {
        return device == DemoNetwork.SILENT_DEVICE && !at.isBefore(start.plus(SILENT_AFTER));
    }

    /**
     * The start of the spike: the first sample boundary an hour or more after the traffic's start, so the address
     * has six samples of baseline before it.
     */
    static Instant spikeStart(Instant start) {
        long length = SPIKE_LENGTH.toMillis();
        long hourLater = start.plus(Duration.ofHours(1)).toEpochMilli();
        return Instant.ofEpochMilli(Math.ceilDiv(hourLater, length) * length);
    }

    /** The time of the next poll's tick (each device polls a few milliseconds after it). */
    Instant nextPollTime() {
        return start.plus(POLL_INTERVAL.multipliedBy(poll));
    }

    /** The time the next second of flows is received. */
    Instant nextFlowTime() {
        return start.plusSeconds(flowSecond);
    }

    /** The inventory as JSON, keyed {@code interface:<uuid>} and {@code ip:<address>}, in a stable order. */
    static Map<String, String> inventory() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Interface iface : DemoNetwork.INTERFACES) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", "interface");
            value.put("interface_id", iface.id().toString());
            value.put("site_id", iface.device().site().id().toString());
            value.put("device", iface.device().name());
            value.put("if_index", iface.ifIndex());
            value.put("name", iface.name());
            value.put("speed_bps", iface.speedBitsPerSecond());
            value.put("count_in_site_volume", iface.countInSiteVolume());
            entries.put("interface:" + iface.id(), json(value));
        }
        for (Server server : DemoNetwork.SERVERS) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", "ip");
            value.put("address", server.address());
            value.put("account_id", server.accountId());
            value.put("server_id", server.serverId());
            value.put("server_created", server.serverCreated().toString());
            entries.put("ip:" + server.address(), json(value));
        }
        return entries;
    }

    static boolean rebootsAt(Device device, int poll) {
        return device.rebootEvery() > 0 && poll >= FIRST_REBOOT_POLL
                && (poll - FIRST_REBOOT_POLL) % device.rebootEvery() == 0;
    }

    private long nextUpTime(Device device, boolean rebooted) {
        long ticks;
        if (!upTime.containsKey(device)) {
            ticks = device.upTimeAtStart();
        } else if (rebooted) {
            ticks = 1_500 + random.nextInt(1_500); // back up 15 to 30 s ago
        } else {
            ticks = (upTime.get(device) + TICKS_PER_POLL) % UP_TIME_MODULUS;
        }
        upTime.put(device, ticks);
        return ticks;
    }

    private long[] nextCounters(Interface iface, Instant at, boolean rebooted, long upTimeTicks) {
        long[] counters = octets.get(iface);
        double seconds = POLL_INTERVAL.toSeconds();
        if (counters == null || rebooted) {
            // A router up for a while, or just rebooted: counters hold what passed since it came up.
            double upSeconds = Math.min(upTimeTicks / 100.0, 86_400.0 * 30);
            seconds = upSeconds;
            counters = new long[2];
            if (iface == DemoNetwork.WRAPPING_INTERFACE && !rebooted) {
                // Two minutes of traffic short of the wrap, so the wrap shows within the first minutes.
                long twoMinutes = (long) (rate(iface, at) * 120 / 8);
                counters[0] = (1L << 32) - twoMinutes;
                counters[1] = (1L << 32) - (long) (twoMinutes * iface.outShare()) - 1;
                seconds = 0;
            }
        }
        double rate = rate(iface, at);
        long in = (long) (rate * seconds / 8);
        long out = (long) (Math.min(rate * iface.outShare(), iface.speedBitsPerSecond()) * seconds / 8);
        counters[0] = wrap(iface, counters[0] + in);
        counters[1] = wrap(iface, counters[1] + out);
        octets.put(iface, counters);
        return counters.clone();
    }

    /** A 32-bit counter wraps at 2^32; a 64-bit one would take centuries, and never does here. */
    private static long wrap(Interface iface, long value) {
        return iface.counterWidth() == 32 ? Math.floorMod(value, 1L << 32) : value;
    }

    /** Inbound bit/s at {@code at}: the day curve around the interface's mean, with noise, capped at its speed. */
    private double rate(Interface iface, Instant at) {
        double dayFraction = (at.getEpochSecond() % 86_400) / 86_400.0;
        double curve = 0.6 + 0.4 * Math.sin(2 * Math.PI * (dayFraction - 0.375));
        double noise = 0.9 + 0.2 * random.nextDouble();
        if (iface == DemoNetwork.HOT_INTERFACE) {
            return iface.speedBitsPerSecond() * (0.93 + 0.04 * (noise - 0.9) / 0.2);
        }
        return Math.min(iface.meanInBitsPerSecond() * curve * noise, iface.speedBitsPerSecond());
    }

    private String remoteOfSameFamily(String address) {
        boolean v6 = address.contains(":");
        List<String> candidates = DemoNetwork.REMOTE_ADDRESSES.stream().filter(a -> a.contains(":") == v6).toList();
        return candidates.get(flowRandom.nextInt(candidates.size()));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
