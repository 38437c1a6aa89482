package io.netpulse.topology.inputs.ingest;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.serde.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one Confluent-framed Avro value for a parser, telling bad bytes apart from a registry outage. Bytes that
 * are not a valid {@code T} (wrong framing, unknown schema id, body that does not decode) are the record's fault:
 * {@link InvalidRecordException}. A registry that cannot answer is nobody's record's fault: its
 * {@link SchemaRegistryException} propagates, so the record is retried rather than dead-lettered.
 *
 * @param <T> the generated Avro class
 */
public final class FramedAvroReader<T extends SpecificRecord> {

    private final Deserializer<T> deserializer;
    private final String typeName;

    public FramedAvroReader(AvroSerdes serdes, Class<T> type) {
        this.deserializer = serdes.framed(type).deserializer();
        this.typeName = type.getSimpleName();
    }

    /**
     * Decodes {@code bytes} read from {@code topic}.
     *
     * @throws InvalidRecordException when the bytes are not a Confluent-framed {@code T}
     */
    public T read(String topic, byte[] bytes) {
        try {
            return deserializer.deserialize(topic, bytes);
        } catch (SerializationException e) {
            throw new InvalidRecordException(e.getMessage());
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new InvalidRecordException("not a " + typeName + ": the registry does not know its schema id ("
                        + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
