package io.netpulse.topology.inputs.counters;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.inputs.ingest.FramedAvroReader;
import io.netpulse.topology.inputs.ingest.InvalidRecordException;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.util.UUID;

/**
 * Parses {@code netpulse.counters}: Confluent-framed Avro {@link CounterSample}s. A sample is rejected, with the
 * field and value in the reason, when no rate could ever be computed from it or it would poison the
 * per-interface state: an empty device (or one containing {@code |}, the interface key separator), an ifIndex
 * below 1, a counter width other than 32 or 64, a 32-bit counter outside [0, 2^32), a sysUpTime outside the
 * TimeTicks range [0, 2^32), a negative ifSpeed or an interfaceId that is not a UUID. 64-bit counters are
 * unsigned: every long is valid, values above 2^63-1 arrive negative.
 */
public final class CounterSampleParser implements RecordParser<CounterSample> {

    /** 2^32: where 32-bit counters and sysUpTime wrap. */
    static final long TWO_POW_32 = 1L << 32;

    private final FramedAvroReader<CounterSample> reader;

    public CounterSampleParser(AvroSerdes serdes) {
        this.reader = new FramedAvroReader<>(serdes, CounterSample.class);
    }

    @Override
    public Parsed<CounterSample> parse(String topic, byte[] key, byte[] value) {
        if (value == null) {
            return Parsed.rejected("null value: a counter sample topic carries no tombstones");
        }
        try {
            CounterSample sample = reader.read(topic, value);
            validate(sample);
            return Parsed.accepted(sample);
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e.getMessage());
        }
    }

    /**
     * Checks one decoded sample; public so other counter sources (Telegraf) apply the same rules.
     *
     * @throws InvalidRecordException with the offending field and value
     */
    public static void validate(CounterSample sample) {
        String device = sample.getDevice();
        if (device.isBlank()) {
            throw new InvalidRecordException("device is empty");
        }
        if (device.indexOf('|') >= 0) {
            throw new InvalidRecordException("device '" + device + "' contains '|', the interface key separator");
        }
        if (sample.getIfIndex() < 1) {
            throw new InvalidRecordException("ifIndex " + sample.getIfIndex() + " is below 1");
        }
        int width = sample.getCounterWidth();
        if (width != 32 && width != 64) {
            throw new InvalidRecordException("counterWidth " + width + " is neither 32 nor 64");
        }
        if (width == 32) {
            requireUnsigned32("inOctets", sample.getInOctets());
            requireUnsigned32("outOctets", sample.getOutOctets());
        }
        if (sample.getSysUpTime() != null) {
            requireUnsigned32("sysUpTime", sample.getSysUpTime());
        }
        if (sample.getIfSpeed() != null && sample.getIfSpeed() < 0) {
            throw new InvalidRecordException("ifSpeed " + sample.getIfSpeed() + " is negative");
        }
        if (sample.getInterfaceId() != null) {
            requireUuid(sample.getInterfaceId());
        }
    }

    private static void requireUnsigned32(String field, long value) {
        if (value < 0 || value >= TWO_POW_32) {
            throw new InvalidRecordException(field + " " + value + " is outside [0, 2^32) of a 32-bit "
                    + ("sysUpTime".equals(field) ? "TimeTicks value" : "counter"));
        }
    }

    private static void requireUuid(String text) {
        try {
            if (UUID.fromString(text).toString().equalsIgnoreCase(text)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRecordException("interfaceId '" + text + "' is not a UUID");
    }
}
