package io.netpulse.topology.inputs.flows;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads netpulse's own flow topic: Confluent-framed Avro {@link FlowRecord}s, validated and scaled by
 * {@link FlowRules}. Bytes that are not a framed FlowRecord, a schema id the registry does not know, an address
 * that is not an IP literal, or a negative count are rejected with the reason. A registry that cannot be reached
 * is not the record's fault: that failure propagates, so the record is retried rather than dead-lettered.
 */
public final class FlowRecordParser implements RecordParser<Flow> {

    private final Deserializer<FlowRecord> deserializer;
    private final SamplingRates samplingRates;

    /**
     * @param serdes              resolves writer schemas by id
     * @param samplingRates applied to records whose sampling rate is 0 (unknown)
     */
    public FlowRecordParser(AvroSerdes serdes, SamplingRates samplingRates) {
        this.deserializer = serdes.framed(FlowRecord.class).deserializer();
        this.samplingRates = samplingRates;
    }

    @Override
    public Parsed<Flow> parse(String topic, byte[] key, byte[] value) {
        if (value == null) {
            return Parsed.rejected("a flow record needs a value; a tombstone is not one");
        }
        FlowRecord record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            return Parsed.rejected(e.getMessage());
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                return Parsed.rejected("schema unknown to the registry: " + e.getMessage());
            }
            throw e;
        }
        return FlowRules.toFlow(record, samplingRates);
    }
}
