package io.netpulse.topology.inputs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.topology.inputs.counters.CounterSampleParser;
import io.netpulse.topology.inputs.inventory.InventoryParser;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every Avro parser tells a registry that cannot answer (its failure propagates, so the record is retried rather
 * than dead-lettered) from a registry that answers the schema id is unknown (the record is rejected).
 */
class RegistryOutageParsersTest {

    /** Confluent framing of schema id 7 and a two-byte body: the body is never reached. */
    private static final byte[] FRAMED = {0, 0, 0, 0, 7, 2, 4};
    private static final byte[] INTERFACE_KEY =
            "interface:9f9510bd-1234-5678-a7cf-f845a39e26db".getBytes(StandardCharsets.UTF_8);

    @Test
    void counterSampleParserLetsAnUnreachableRegistryFailTheRecord() {
        CounterSampleParser parser = new CounterSampleParser(new AvroSerdes(registry(unreachable())));

        assertThatThrownBy(() -> parser.parse("netpulse.counters", null, FRAMED))
                .isInstanceOf(SchemaRegistryException.class).hasMessage("connection refused");
    }

    @Test
    void counterSampleParserLetsARegistryServerErrorFailTheRecord() {
        SchemaRegistryException storeError = new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                "Error in the backend datastore");
        CounterSampleParser parser = new CounterSampleParser(new AvroSerdes(registry(storeError)));

        assertThatThrownBy(() -> parser.parse("netpulse.counters", null, FRAMED)).isSameAs(storeError);
    }

    @Test
    void counterSampleParserRejectsASchemaIdTheRegistryDoesNotKnow() {
        CounterSampleParser parser = new CounterSampleParser(
                new AvroSerdes(registry(SchemaRegistryException.schemaNotFound(7))));

        assertThat(parser.parse("netpulse.counters", null, FRAMED)).isEqualTo(Parsed.rejected(
                "not a CounterSample: the registry does not know its schema id (Schema 7 not found)"));
    }

    @Test
    void inventoryParserLetsAnUnreachableRegistryFailAnAvroRecord() {
        InventoryParser parser = new InventoryParser(new AvroSerdes(registry(unreachable())));

        assertThatThrownBy(() -> parser.parse("netpulse.inventory", INTERFACE_KEY, FRAMED))
                .isInstanceOf(SchemaRegistryException.class).hasMessage("connection refused");
    }

    @Test
    void inventoryParserRejectsAnAvroRecordWithAnUnknownSchemaId() {
        InventoryParser parser = new InventoryParser(
                new AvroSerdes(registry(SchemaRegistryException.schemaNotFound(7))));

        assertThat(parser.parse("netpulse.inventory", INTERFACE_KEY, FRAMED)).isEqualTo(Parsed.rejected(
                "not a InventoryEntry: the registry does not know its schema id (Schema 7 not found)"));
    }

    private static SchemaRegistryException unreachable() {
        return new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                "connection refused");
    }

    private static SchemaRegistryClient registry(SchemaRegistryException failure) {
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw failure;
            }

            @Override
            public Schema schemaById(int id) {
                throw failure;
            }
        };
    }
}
