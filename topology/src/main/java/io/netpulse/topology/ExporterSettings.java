package io.netpulse.topology;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How netpulse reads what third-party exporters already write to Kafka: Telegraf's SNMP metrics
 * ({@code outputs.kafka}, {@code data_format = "json"}) and goflow2's flows ({@code -transport=kafka}).
 * A JSON number does not say its unit nor a table row its role, so those choices are configuration.
 *
 * @param telegraf how the Telegraf topic is read
 * @param goflow2  how the goflow2 topic is read
 */
public record ExporterSettings(Telegraf telegraf, Goflow2 goflow2) {

    public ExporterSettings {
        Objects.requireNonNull(telegraf, "telegraf");
        Objects.requireNonNull(goflow2, "goflow2");
    }

    /** The defaults documented in docs/configuration.md: Telegraf's and goflow2's own defaults. */
    public static ExporterSettings defaults() {
        return new ExporterSettings(Telegraf.defaults(), Goflow2.defaults());
    }

    /** Unit of the uptime field of Telegraf's top-level SNMP metric. */
    public enum UptimeUnit {
        /** Seconds, possibly fractional: what Telegraf's {@code conversion = "float(2)"} of sysUpTime gives. */
        SECONDS,
        /** Hundredths of a second, the raw SNMP TimeTicks (no conversion configured in Telegraf). */
        TIMETICKS
    }

    /** What goflow2 was started with: {@code -format=json} (its default) or {@code -format=bin}. */
    public enum Goflow2Format {
        /** One JSON object per record. */
        JSON,
        /** One varint-length-delimited protobuf FlowMessage per record. */
        PROTOBUF;

        /** Parses {@code json}, or {@code protobuf} / {@code bin} (goflow2's own name for it), any case. */
        public static Goflow2Format parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "protobuf", "bin" -> PROTOBUF;
                default -> throw new IllegalArgumentException(
                        "goflow2 format must be json or protobuf (goflow2 -format=bin): " + text);
            };
        }
    }

    /**
     * Reading Telegraf's JSON metrics.
     *
     * @param timestampUnit         Telegraf's {@code json_timestamp_units}: the unit of integer timestamps, a power
     *                              of ten from 1ns to 1s (string timestamps are read as RFC 3339 whatever this is)
     * @param interfaceMeasurements measurement names of interface rows (the {@code name} of the ifTable/ifXTable
     *                              {@code [[inputs.snmp.table]]} blocks)
     * @param uptimeMeasurement     measurement name of the top-level SNMP fields (inputs.snmp's {@code name})
     * @param uptimeFields          field names tried in order for sysUpTime in that metric
     * @param uptimeUnit            unit of that field
     * @param pollWindow            rows of one interface whose times lie within this of the poll's first row belong
     *                              to the same poll; Telegraf stamps each table with the time its walk ended, so
     *                              an ifTable and an ifXTable row of one poll can be a walk apart. Must be longer
     *                              than a walk and shorter than the Telegraf {@code interval}
     * @param counterWidthMemory    once an interface gave 64-bit counters, a poll with only 32-bit ones is held back
     *                              for this long (a missing ifXTable row must not flip the counter width); keep it
     *                              at least the rates' maximum gap, across which no rate is computed anyway
     */
    public record Telegraf(
            Duration timestampUnit,
            Set<String> interfaceMeasurements,
            String uptimeMeasurement,
            List<String> uptimeFields,
            UptimeUnit uptimeUnit,
            Duration pollWindow,
            Duration counterWidthMemory) {

        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        public Telegraf {
            Objects.requireNonNull(timestampUnit, "timestampUnit");
            long nanos = timestampUnit.toNanos();
            if (nanos < 1 || nanos > NANOS_PER_SECOND || !isPowerOfTen(nanos)) {
                throw new IllegalArgumentException(
                        "Telegraf timestamp unit must be a power of ten from 1ns to 1s: " + timestampUnit);
            }
            interfaceMeasurements = Set.copyOf(interfaceMeasurements);
            if (interfaceMeasurements.isEmpty()) {
                throw new IllegalArgumentException("at least one Telegraf interface measurement is needed");
            }
            Objects.requireNonNull(uptimeMeasurement, "uptimeMeasurement");
            if (interfaceMeasurements.contains(uptimeMeasurement)) {
                throw new IllegalArgumentException("Telegraf uptime measurement '" + uptimeMeasurement
                        + "' is also an interface measurement");
            }
            uptimeFields = List.copyOf(uptimeFields);
            if (uptimeFields.isEmpty()) {
                throw new IllegalArgumentException("at least one Telegraf uptime field name is needed");
            }
            Objects.requireNonNull(uptimeUnit, "uptimeUnit");
            requirePositive(pollWindow, "pollWindow");
            requirePositive(counterWidthMemory, "counterWidthMemory");
        }

        /**
         * Telegraf's defaults ({@code json_timestamp_units = "1s"}, inputs.snmp named {@code snmp}, tables named
         * {@code interface}, sysUpTime as {@code float(2)} seconds), a 5-second poll window (Telegraf's default
         * interval is 10 s) and a 15-minute width memory (the rates' default maximum gap).
         */
        public static Telegraf defaults() {
            return new Telegraf(
                    Duration.ofSeconds(1),
                    Set.of("interface"),
                    "snmp",
                    List.of("sysUpTime", "sysUptime", "uptime"),
                    UptimeUnit.SECONDS,
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(15));
        }

        /**
         * Reads a unit the way Telegraf's {@code json_timestamp_units} is written: {@code 1ns}, {@code 1us} (or
         * {@code 1µs}), {@code 1ms}, {@code 10ms}, {@code 1s} and the other powers of ten in between.
         */
        public static Duration timestampUnit(String telegrafDuration) {
            String text = telegrafDuration.trim();
            int digits = 0;
            while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
                digits++;
            }
            if (digits == 0 || digits > 10) {
                throw new IllegalArgumentException("not a Telegraf duration such as 1s, 1ms, 1us or 1ns: "
                        + telegrafDuration);
            }
            long amount = Long.parseLong(text.substring(0, digits));
            long nanosPerUnit = switch (text.substring(digits)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> NANOS_PER_SECOND;
                default -> throw new IllegalArgumentException(
                        "not a Telegraf duration such as 1s, 1ms, 1us or 1ns: " + telegrafDuration);
            };
            return Duration.ofNanos(Math.multiplyExact(amount, nanosPerUnit));
        }

        /** Writes {@code unit} as {@link #timestampUnit(String)} reads it: {@code 1s}, {@code 10ms}, {@code 1us}... */
        public static String timestampUnitText(Duration unit) {
            long nanos = unit.toNanos();
            for (Map.Entry<String, Long> suffix : List.of(Map.entry("s", NANOS_PER_SECOND),
                    Map.entry("ms", 1_000_000L), Map.entry("us", 1_000L))) {
                if (nanos % suffix.getValue() == 0) {
                    return nanos / suffix.getValue() + suffix.getKey();
                }
            }
            return nanos + "ns";
        }

        private static boolean isPowerOfTen(long value) {
            long v = value;
            while (v % 10 == 0) {
                v /= 10;
            }
            return v == 1;
        }
    }

    /**
     * Reading goflow2's flows.
     *
     * @param format                 what goflow2 writes to the flow-messages topic
     * @param samplingRateByExporter per exporter address, the sampling rate to assume while goflow2 reports 0
     *                               (NetFlow v9/IPFIX before the exporter sent its options data); other
     *                               exporters get the flows' default sampling rate
     */
    public record Goflow2(Goflow2Format format, Map<String, Long> samplingRateByExporter) {

        public Goflow2 {
            Objects.requireNonNull(format, "format");
            samplingRateByExporter = Map.copyOf(samplingRateByExporter);
        }

        /** JSON, goflow2's default format, and no per-exporter sampling rate. */
        public static Goflow2 defaults() {
            return new Goflow2(Goflow2Format.JSON, Map.of());
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
