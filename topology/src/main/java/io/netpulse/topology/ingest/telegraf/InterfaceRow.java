package io.netpulse.topology.ingest.telegraf;

import java.time.Instant;
import java.util.Objects;

/**
 * One interface row of one Telegraf SNMP table (ifTable, ifXTable, or any table named as an interface measurement).
 * Each table is a separate metric, so one poll usually gives two rows per interface; any component but the device
 * and time may be absent ({@code null}).
 *
 * @param device             the polled device
 * @param ifIndex            from the {@code ifIndex} or {@code index} tag (or an {@code ifIndex} field); null when
 *                           the row names its interface only by {@code ifName} or {@code ifDescr}
 * @param ifName             IF-MIB ifName (tag or string field)
 * @param ifDescr            IF-MIB ifDescr (tag or string field)
 * @param time               the row's time (Telegraf stamps each table with the end of its walk)
 * @param octets64           ifHCInOctets and ifHCOutOctets
 * @param octets32           ifInOctets and ifOutOctets
 * @param highSpeedMbps      ifHighSpeed when above 0 (0 means below 1 Mbit/s or unknown)
 * @param speedBitsPerSecond ifSpeed unless 0 or 4294967295 (unknown, or above 4.29 Gbit/s)
 */
public record InterfaceRow(
        String device,
        Integer ifIndex,
        String ifName,
        String ifDescr,
        Instant time,
        Octets octets64,
        Octets octets32,
        Long highSpeedMbps,
        Long speedBitsPerSecond) implements TelegrafRow {

    private static final long BITS_PER_MEGABIT = 1_000_000L;

    public InterfaceRow {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(time, "time");
    }

    /** The same row, its interface now known. */
    public InterfaceRow withIfIndex(int index) {
        return new InterfaceRow(device, index, ifName, ifDescr, time, octets64, octets32, highSpeedMbps,
                speedBitsPerSecond);
    }

    /**
     * This row with what {@code other} (a row of the same interface and poll) adds: its values win where both
     * have one, so a repeated row replaces the earlier one. The time stays this row's: the poll's first.
     */
    public InterfaceRow mergedWith(InterfaceRow other) {
        return new InterfaceRow(
                device,
                ifIndex != null ? ifIndex : other.ifIndex,
                other.ifName != null ? other.ifName : ifName,
                other.ifDescr != null ? other.ifDescr : ifDescr,
                time,
                other.octets64 != null ? other.octets64 : octets64,
                other.octets32 != null ? other.octets32 : octets32,
                other.highSpeedMbps != null ? other.highSpeedMbps : highSpeedMbps,
                other.speedBitsPerSecond != null ? other.speedBitsPerSecond : speedBitsPerSecond);
    }

    /** Speed in bit/s: ifHighSpeed x 10^6 when known, else ifSpeed when known, else null. */
    public Long bitsPerSecond() {
        return highSpeedMbps != null ? Long.valueOf(highSpeedMbps * BITS_PER_MEGABIT) : speedBitsPerSecond;
    }

    /** ifName, else ifDescr: the name shown for the interface. */
    public String displayName() {
        return ifName != null ? ifName : ifDescr;
    }
}
