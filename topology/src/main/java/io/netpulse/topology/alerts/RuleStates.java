package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one byte layout of a rule's per-subject state: a version byte, the alert it holds active, if any (bare
 * Avro behind its length, -1 for none), then the rule's own numbers. Keeping the whole active alert means the record that clears it repeats the
 * values that raised it, and a scope that changed in between (an interface moved to another site) does not move
 * the alert.
 */
final class RuleStates {

    private static final byte VERSION = 1;

    /** Writes a state's own numbers. */
    @FunctionalInterface
    interface Writer<S> {
        void write(S state, DataOutputStream out) throws IOException;
    }

    /** Reads a state's own numbers, given the alert it holds. */
    @FunctionalInterface
    interface Reader<S> {
        S read(DataInputStream in, Alert active) throws IOException;
    }

    private RuleStates() {
    }

    /** The serde of states of one rule; {@code active} gives the alert a state holds (null for none). */
    static <S> Serde<S> serde(Serde<Alert> alerts, Function<S, Alert> active, Writer<S> writer, Reader<S> reader) {
        return Serdes.serdeFrom((topic, state) -> {
            if (state == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                Alert alert = active.apply(state);
                if (alert == null) {
                    out.writeInt(-1);
                } else {
                    byte[] encoded = alerts.serializer().serialize(topic, alert);
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
                writer.write(state, out);
            } catch (IOException e) {
                throw new SerializationException("cannot write a rule state", e);
            }
            return bytes.toByteArray();
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                if (in.readByte() != VERSION) {
                    throw new SerializationException("not a rule state of version " + VERSION);
                }
                int length = in.readInt();
                Alert alert = length < 0 ? null : alerts.deserializer().deserialize(topic, in.readNBytes(length));
                return reader.read(in, alert);
            } catch (IOException e) {
                throw new SerializationException("cannot read a rule state", e);
            }
        });
    }
}
