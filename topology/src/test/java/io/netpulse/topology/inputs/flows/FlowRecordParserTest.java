package io.netpulse.topology.inputs.flows;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FlowRecordParserTest {

    private static final String TOPIC = "netpulse.flows";

    @Test
    void parsesAFramedRecordIntoAScaledFlow() {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        FlowRecord record = SourceStatsHarness.flow("2001:DB8::7", T0).setSamplingRate(4).build();
        byte[] bytes = serdes.framed(FlowRecord.class).serializer().serialize(TOPIC, record);

        Parsed<Flow> parsed = new FlowRecordParser(serdes, new SamplingRates(1, java.util.Map.of())).parse(TOPIC, null, bytes);

        assertThat(parsed).isEqualTo(new Parsed.Accepted<>(List.of(new Flow("2001:db8::7", "192.0.2.10",
                "198.51.100.20", 4000, 40, 1, 0, 0, 4, false, T0.minusSeconds(1), T0, T0))));
    }

    @Test
    void rejectsATombstone() {
        Parsed<Flow> parsed = new FlowRecordParser(new AvroSerdes(new InMemorySchemaRegistry()), new SamplingRates(1, java.util.Map.of()))
                .parse(TOPIC, null, null);

        assertThat(parsed).isEqualTo(new Parsed.Rejected<>("a flow record needs a value; a tombstone is not one"));
    }

    @Test
    void rejectsASchemaIdTheRegistryDoesNotKnow() {
        byte[] bytes = {0, 0, 0, 0, 42, 2};

        Parsed<Flow> parsed = new FlowRecordParser(new AvroSerdes(new InMemorySchemaRegistry()), new SamplingRates(1, java.util.Map.of()))
                .parse(TOPIC, null, bytes);

        assertThat(parsed).isEqualTo(new Parsed.Rejected<>("schema unknown to the registry: Schema 42 not found"));
    }

    @Test
    void anUnreachableRegistryFailsTheRecordInsteadOfDeadLetteringIt() {
        SchemaRegistryClient down = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw new SchemaRegistryException(0, 0, "connection refused");
            }

            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException(0, 0, "connection refused");
            }
        };
        byte[] bytes = {0, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> new FlowRecordParser(new AvroSerdes(down), new SamplingRates(1, java.util.Map.of())).parse(TOPIC, null, bytes))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessage("connection refused");
    }
}
