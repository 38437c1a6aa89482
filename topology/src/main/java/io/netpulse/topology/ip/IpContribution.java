package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one flow adds to one address, on its way to the address's task: the exporter travels with it, so that
 * task judges each record against its own exporter's clock.
 *
 * @param exporter the exporter that sent the flow
 * @param bytes    received and transmitted bytes
 */
record IpContribution(String exporter, IpTrafficSample bytes) {

    private static final byte VERSION = 1;
    private static final int FIXED = 1 + Integer.BYTES + 2 * Long.BYTES;

    /** Both contributions of one exporter to one address as one. */
    IpContribution plus(IpContribution other) {
        return new IpContribution(exporter, IpTrafficRollup.plus(bytes, other.bytes));
    }

    /** Compact serde (a version byte, the exporter in UTF-8 behind its length, two longs) for the repartition. */
    static Serde<IpContribution> serde() {
        Serializer<IpContribution> serializer = (topic, contribution) -> {
            if (contribution == null) {
                return null;
            }
            byte[] exporter = contribution.exporter.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(FIXED + exporter.length).put(VERSION).putInt(exporter.length).put(exporter)
                    .putLong(contribution.bytes.getReceived()).putLong(contribution.bytes.getTransmitted()).array();
        };
        Deserializer<IpContribution> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            int length = data.length >= FIXED && in.get() == VERSION ? in.getInt() : -1;
            if (length < 0 || data.length != FIXED + length) {
                throw new SerializationException("not an IpContribution: " + data.length + " bytes");
            }
            byte[] exporter = new byte[length];
            in.get(exporter);
            return new IpContribution(new String(exporter, StandardCharsets.UTF_8),
                    new IpTrafficSample(in.getLong(), in.getLong()));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
