package io.netpulse.topology.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    static final Schema PING = parse("""
            {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
             "fields": [{"name": "device", "type": "string"}]}""");
    /** PING written with other whitespace and key order: the same schema. */
    static final Schema PING_REFORMATTED = parse("""
            {"namespace":"io.netpulse.test","fields":[{"type":"string","name":"device"}],"name":"Ping","type":"record"}""");
    static final Schema PING_V2 = parse("""
            {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
             "fields": [{"name": "device", "type": "string"},
                        {"name": "ifIndex", "type": ["null", "int"], "default": null}]}""");
    static final Schema PONG = parse("""
            {"type": "record", "name": "Pong", "namespace": "io.netpulse.test",
             "fields": [{"name": "rttMillis", "type": "long"}]}""");

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void numbersIdsGloballyAndVersionsPerSubject() {
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.register("pings-value", PING_V2)).isEqualTo(2);
        assertThat(registry.register("pongs-value", PONG)).isEqualTo(3);
        // The same schema under another subject keeps its global id but is version 1 there.
        assertThat(registry.register("pongs-value", PING)).isEqualTo(1);

        assertThat(registry.subjects()).containsExactly("pings-value", "pongs-value");
        assertThat(registry.versions("pings-value")).containsExactly(1, 2);
        assertThat(registry.versions("pongs-value")).containsExactly(1, 2);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 2, PING_V2));
        assertThat(registry.latest("pongs-value")).contains(new RegisteredSchema("pongs-value", 2, 1, PING));
        assertThat(registry.schemaById(1)).isEqualTo(PING);
        assertThat(registry.schemaById(2)).isEqualTo(PING_V2);
        assertThat(registry.schemaById(3)).isEqualTo(PONG);
    }

    @Test
    void reRegisteringTheSameSchemaAnswersItsIdWithoutANewVersion() {
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.register("pings-value", PING_REFORMATTED)).isEqualTo(1);

        assertThat(registry.versions("pings-value")).containsExactly(1);
        assertThat(registry.find("pings-value", PING_REFORMATTED)).contains(new RegisteredSchema("pings-value", 1, 1, PING));
        assertThat(registry.find("pings-value", PONG)).isEmpty();
    }

    @Test
    void reRegisteringAnOlderVersionAnswersItsIdWithoutANewVersion() {
        registry.register("pings-value", PING);
        registry.register("pings-value", PING_V2);

        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.versions("pings-value")).containsExactly(1, 2);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 2, PING_V2));
    }

    @Test
    void aChangedDefaultIsAnotherSchema() {
        Schema retriesDefaultZero = parse("""
                {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
                 "fields": [{"name": "retries", "type": "int", "default": 0}]}""");
        Schema retriesDefaultThree = parse("""
                {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
                 "fields": [{"name": "retries", "type": "int", "default": 3}]}""");

        assertThat(registry.register("pings-value", retriesDefaultZero)).isEqualTo(1);
        assertThat(registry.register("pings-value", retriesDefaultThree)).isEqualTo(2);
        assertThat(registry.versions("pings-value")).containsExactly(1, 2);
    }

    @Test
    void handsANewRegistrationToPersistBeforeItIsVisible() {
        List<RegisteredSchema> persisted = new ArrayList<>();
        registry.register("pings-value", PING, persisted::add);
        registry.register("pings-value", PING, persisted::add);
        registry.register("pongs-value", PING, persisted::add);

        assertThat(persisted).containsExactly(
                new RegisteredSchema("pings-value", 1, 1, PING),
                new RegisteredSchema("pongs-value", 1, 1, PING));
    }

    @Test
    void aFailedPersistChangesNothing() {
        assertThatThrownBy(() -> registry.register("pings-value", PING, registration -> {
            throw new IllegalStateException("log down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("log down");

        assertThat(registry.subjects()).isEmpty();
        assertThatThrownBy(() -> registry.schemaById(1)).isInstanceOf(SchemaRegistryException.class);
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
    }

    @Test
    void restoredEntriesKeepTheirIdsAndNewIdsFollowTheHighest() {
        registry.restore(new RegisteredSchema("pings-value", 1, 5, PING));
        registry.restore(new RegisteredSchema("pings-value", 2, 7, PING_V2));

        assertThat(registry.register("pongs-value", PONG)).isEqualTo(8);
        assertThat(registry.register("pongs-value", PING)).isEqualTo(5);
        assertThat(registry.register("pings-value", PING_V2)).isEqualTo(7);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 7, PING_V2));
        assertThat(registry.schemaById(5)).isEqualTo(PING);
    }

    @Test
    void anUnknownIdIsConfluentsSchemaNotFound() {
        registry.register("pings-value", PING);

        assertThatThrownBy(() -> registry.schemaById(9))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.getMessage()).isEqualTo("Schema 9 not found");
                });
    }

    @Test
    void anUnknownSubjectHasNoVersions() {
        assertThat(registry.latest("nothing-value")).isEmpty();
        assertThat(registry.versions("nothing-value")).isEmpty();
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
