package io.netpulse.topology.inputs.counters.telegraf;

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
     * This row with what {@code other} (a later row of the same interface and poll) adds: where both have a value,
     * this row's stays, so the first reading of a poll wins. The time stays this row's: the poll's first.
     */
    public InterfaceRow mergedWith(InterfaceRow other) {
        return new InterfaceRow(
                device,
                ifIndex != null ? ifIndex : other.ifIndex,
                ifName != null ? ifName : other.ifName,
                ifDescr != null ? ifDescr : other.ifDescr,
                time,
                octets64 != null ? octets64 : other.octets64,
                octets32 != null ? octets32 : other.octets32,
                highSpeedMbps != null ? highSpeedMbps : other.highSpeedMbps,
                speedBitsPerSecond != null ? speedBitsPerSecond : other.speedBitsPerSecond);
    }

    /**
     * Whether {@code other} carries counters of a width this row (a poll's rows so far) already has: a second
     * reading of the same table in one poll, a duplicate rather than the poll's other table.
     */
    public boolean repeatsCountersOf(InterfaceRow other) {
        return octets64 != null && other.octets64 != null || octets32 != null && other.octets32 != null;
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
