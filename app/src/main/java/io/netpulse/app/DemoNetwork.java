package io.netpulse.app;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The fixed network the demo exporter simulates: three sites, two routers each, four interfaces per router, and
 * the servers whose addresses appear in flows. The ids never change, so README's curl lines work on every
 * machine. Ids follow one pattern so they read back easily: site {@code n} is
 * {@code d3e05173-0000-4000-8000-00000000000n}, interface {@code i} of device {@code d} is
 * {@code d3e01f00-000d-4000-8000-00000000000i}.
 */
public final class DemoNetwork {

    /** A site: its inventory id and a short name. */
    public record Site(UUID id, String name) {
    }

    /**
     * A polled and flow-exporting router.
     *
     * @param number           1-based, part of its interfaces' ids
     * @param name             the name the poller uses as {@code device}
     * @param site             where it stands
     * @param exporterAddress  the address its flow records carry as exporter (IPv4 or IPv6)
     * @param samplingRate     1 in N packets its flow export samples
     * @param upTimeAtStart    sysUpTime (hundredths of a second) at the first poll
     * @param rebootEvery      polls between reboots; 0 for a device that never reboots
     */
    public record Device(int number, String name, Site site, String exporterAddress, long samplingRate,
                         long upTimeAtStart, int rebootEvery) {
    }

    /**
     * An interface of a device.
     *
     * @param id                   inventory id
     * @param device               the device
     * @param ifIndex              IF-MIB ifIndex
     * @param name                 ifName
     * @param speedBitsPerSecond   ifSpeed
     * @param counterWidth         32 or 64
     * @param meanInBitsPerSecond  average inbound rate (the diurnal curve swings around it)
     * @param outShare             outbound rate as a share of inbound
     * @param countInSiteVolume    whether the site's volume counts it (uplinks only)
     */
    public record Interface(UUID id, Device device, int ifIndex, String name, long speedBitsPerSecond,
                            int counterWidth, long meanInBitsPerSecond, double outShare,
                            boolean countInSiteVolume) {
    }

    /**
     * A server address of the IP inventory.
     *
     * @param address       IPv4 or IPv6
     * @param accountId     owning account
     * @param serverId      dedicated server
     * @param serverCreated when the server was created
     */
    public record Server(String address, String accountId, String serverId, LocalDate serverCreated) {
    }

    public static final Site AMSTERDAM = new Site(siteId(1), "ams");
    public static final Site FRANKFURT = new Site(siteId(2), "fra");
    public static final Site NEW_YORK = new Site(siteId(3), "nyc");

    private static final long GIGABIT = 1_000_000_000L;
    private static final long MEGABIT = 1_000_000L;
    private static final long DAYS = 24 * 3600 * 100L;

    /** Polls between the reboots of {@code nyc-core-1}: every 30 minutes, the first after 5 minutes. */
    public static final int REBOOT_EVERY_POLLS = 180;

    public static final List<Device> DEVICES = List.of(
            new Device(1, "ams-edge-1", AMSTERDAM, "10.1.0.1", 100, 120 * DAYS, 0),
            new Device(2, "ams-core-1", AMSTERDAM, "10.1.0.2", 1, 87 * DAYS, 0),
            new Device(3, "fra-edge-1", FRANKFURT, "10.2.0.1", 100, 43 * DAYS, 0),
            new Device(4, "fra-core-1", FRANKFURT, "10.2.0.2", 1, 311 * DAYS, 0),
            new Device(5, "nyc-edge-1", NEW_YORK, "2001:db8:300::1", 100, 12 * DAYS, 0),
            new Device(6, "nyc-core-1", NEW_YORK, "2001:db8:300::2", 1, 30_000, REBOOT_EVERY_POLLS));

    /** The interface with a 32-bit counter that wraps within the first minutes. */
    public static final Interface WRAPPING_INTERFACE;

    public static final List<Interface> INTERFACES;

    static {
        List<Interface> interfaces = new java.util.ArrayList<>();
        for (Device device : DEVICES) {
            boolean edge = device.name().contains("edge");
            if (edge) {
                interfaces.add(iface(device, 1, "xe-0/0/0", 10 * GIGABIT, 64, 3 * GIGABIT, 0.35, true));
                interfaces.add(iface(device, 2, "xe-0/0/1", 10 * GIGABIT, 64, 2 * GIGABIT, 0.40, true));
                interfaces.add(iface(device, 3, "xe-0/0/2", 10 * GIGABIT, 64, 1200 * MEGABIT, 2.5, false));
                interfaces.add(iface(device, 4, "ge-0/0/3", GIGABIT, 64, 250 * MEGABIT, 0.8, false));
            } else {
                interfaces.add(iface(device, 1, "et-0/0/0", 40 * GIGABIT, 64, 6 * GIGABIT, 0.9, false));
                interfaces.add(iface(device, 2, "xe-0/0/1", 10 * GIGABIT, 64, 800 * MEGABIT, 1.6, false));
                interfaces.add(iface(device, 3, "ge-0/0/2", GIGABIT, 64, 300 * MEGABIT, 0.5, false));
                // An old line card that only has 32-bit counters: at ~60 Mbit/s they wrap about every 9.5 minutes.
                interfaces.add(iface(device, 4, "fe-0/0/3", 100 * MEGABIT, device.number() == 4 ? 32 : 64,
                        60 * MEGABIT, 0.7, false));
            }
        }
        INTERFACES = List.copyOf(interfaces);
        WRAPPING_INTERFACE = INTERFACES.stream().filter(i -> i.counterWidth() == 32).findFirst().orElseThrow();
    }

    /**
     * The interface that runs hot: {@code ams-core-1 ge-0/0/2} carries 93 to 97 % of its 1 Gbit/s inbound, so the
     * utilization alert is raised.
     */
    public static final Interface HOT_INTERFACE = INTERFACES.stream()
            .filter(i -> i.device().name().equals("ams-core-1") && i.ifIndex() == 3).findFirst().orElseThrow();

    /**
     * The device that stops: {@code fra-core-1} (polled through Telegraf, exporting flows as 10.2.0.2) sends
     * nothing from {@link DemoTraffic#SILENT_AFTER} after the traffic's start on, so the silent-source alert is
     * raised for its counters and its flows. A core router: the sites' volumes (their edge uplinks) go on.
     */
    public static final Device SILENT_DEVICE = DEVICES.get(3);

    public static final List<Server> SERVERS = List.of(
            new Server("203.0.113.10", "acct-1001", "srv-2001", LocalDate.of(2023, 3, 14)),
            new Server("203.0.113.11", "acct-1001", "srv-2001", LocalDate.of(2023, 3, 14)),
            new Server("203.0.113.20", "acct-1002", "srv-2002", LocalDate.of(2024, 11, 2)),
            new Server("203.0.113.21", "acct-1002", "srv-2003", LocalDate.of(2025, 6, 30)),
            new Server("198.51.100.40", "acct-1003", "srv-2004", LocalDate.of(2022, 1, 9)),
            new Server("198.51.100.41", "acct-1003", "srv-2005", LocalDate.of(2025, 12, 1)),
            new Server("2001:db8:100::10", "acct-1001", "srv-2001", LocalDate.of(2023, 3, 14)),
            new Server("2001:db8:100::20", "acct-1002", "srv-2002", LocalDate.of(2024, 11, 2)),
            new Server("2001:db8:200::40", "acct-1003", "srv-2004", LocalDate.of(2022, 1, 9)),
            new Server("2001:db8:200::41", "acct-1004", "srv-2006", LocalDate.of(2025, 2, 17)));

    /**
     * The address that spikes: {@code 203.0.113.20} receives one more, very large flow a second during one
     * 10-minute sample ({@link DemoTraffic#spikeStart}), about 30 times its usual traffic, so the per-IP spike alert
     * is raised against its own baseline.
     */
    public static final Server SPIKING_SERVER = SERVERS.get(2);

    /** Addresses on the other side of the servers' traffic (documentation ranges, not in the inventory). */
    public static final List<String> REMOTE_ADDRESSES = List.of(
            "192.0.2.1", "192.0.2.17", "192.0.2.33", "192.0.2.200", "198.51.100.7", "198.51.100.99",
            "203.0.113.250", "2001:db8:ffff::1", "2001:db8:ffff::53", "2001:db8:fffe::443");

    private DemoNetwork() {
    }

    private static UUID siteId(int n) {
        return UUID.fromString(String.format("d3e05173-0000-4000-8000-%012d", n));
    }

    private static Interface iface(Device device, int ifIndex, String name, long speed, int width, long mean,
                                   double outShare, boolean countInSiteVolume) {
        UUID id = UUID.fromString(String.format("d3e01f00-%04d-4000-8000-%012d", device.number(), ifIndex));
        return new Interface(id, device, ifIndex, name, speed, width, mean, outShare, countInSiteVolume);
    }
}
