package io.netpulse.registry.store;

import static io.netpulse.registry.TestSchemas.PING;
import static io.netpulse.registry.TestSchemas.PING_V2;
import static io.netpulse.registry.TestSchemas.PONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.store.InMemorySchemaRegistry.Change;
import io.netpulse.registry.store.InMemorySchemaRegistry.Deleted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** Confluent Schema Registry's rules for ids, versions and deletes, in memory. */
class InMemorySchemaRegistryTest {

    /** PING written with other whitespace and key order: the same schema. */
    static final Schema PING_REFORMATTED = parse("""
            {"namespace":"io.netpulse.test","fields":[{"type":"string","name":"device"}],
             "name":"Ping","type":"record"}""");

    final List<Change> logged = new ArrayList<>();
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(logged::add);

    @Test
    void numbersIdsGloballyAndVersionsPerSubject() {
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.register("pings-value", PING_V2)).isEqualTo(2);
        assertThat(registry.register("pongs-value", PONG)).isEqualTo(3);
        // The same schema under another subject keeps its global id but is version 1 there.
        assertThat(registry.register("flows-value", PING)).isEqualTo(1);

        assertThat(registry.subjects(Deleted.EXCLUDED)).containsExactly("flows-value", "pings-value", "pongs-value");
        assertThat(registry.versions("pings-value", Deleted.EXCLUDED)).containsExactly(1, 2);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 2, PING_V2));
        assertThat(registry.version("flows-value", VersionId.of(1), false))
                .isEqualTo(new RegisteredSchema("flows-value", 1, 1, PING));
        assertThat(registry.schemaById(3)).isEqualTo(PONG);
    }

    @Test
    void reRegisteringTheSameSchemaAnswersItsIdWithoutANewVersion() {
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);
        assertThat(registry.register("pings-value", PING_REFORMATTED)).isEqualTo(1);
        registry.register("pings-value", PING_V2);
        assertThat(registry.register("pings-value", PING)).isEqualTo(1);

        assertThat(registry.versions("pings-value", Deleted.EXCLUDED)).containsExactly(1, 2);
        assertThat(registry.lookUp("pings-value", PING_REFORMATTED, false))
                .isEqualTo(new RegisteredSchema("pings-value", 1, 1, PING));
        assertThat(logged).containsExactly(
                new Change.VersionWritten(new RegisteredSchema("pings-value", 1, 1, PING), false),
                new Change.VersionWritten(new RegisteredSchema("pings-value", 2, 2, PING_V2), false));
    }

    @Test
    void aChangedDefaultIsAnotherSchema() {
        Schema retriesDefaultZero = parse("""
                {"type": "record", "name": "Ping", "fields": [{"name": "retries", "type": "int", "default": 0}]}""");
        Schema retriesDefaultThree = parse("""
                {"type": "record", "name": "Ping", "fields": [{"name": "retries", "type": "int", "default": 3}]}""");

        assertThat(registry.register("pings-value", retriesDefaultZero)).isEqualTo(1);
        assertThat(registry.register("pings-value", retriesDefaultThree)).isEqualTo(2);
    }

    @Test
    void lookUpTellsAnUnknownSubjectFromAnUnknownSchema() {
        registry.register("pings-value", PING);

        assertError(() -> registry.lookUp("pongs-value", PING, false), 404, 40401, "Subject 'pongs-value' not found.");
        assertError(() -> registry.lookUp("pings-value", PONG, false), 404, 40403, "Schema not found");
        assertError(() -> registry.schemaById(9), 404, 40403, "Schema 9 not found");
        assertError(() -> registry.version("pings-value", VersionId.of(2), false), 404, 40402,
                "Version 2 not found.");
        assertError(() -> registry.version("pongs-value", VersionId.parse("latest"), false), 404, 40401,
                "Subject 'pongs-value' not found.");
        assertError(() -> VersionId.parse("0"), 422, 42202, "The specified version '0' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
        assertError(() -> VersionId.parse("two"), 422, 42202, "The specified version 'two' is not a valid version"
                + " id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    @Test
    void aSoftDeletedVersionIsHiddenButItsIdResolvesAndItsNumberIsNotReused() {
        registry.register("pings-value", PING);
        registry.register("pings-value", PING_V2);

        assertThat(registry.deleteVersion("pings-value", VersionId.parse("latest"), false)).isEqualTo(2);

        assertThat(registry.versions("pings-value", Deleted.EXCLUDED)).containsExactly(1);
        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(1, 2);
        assertThat(registry.versions("pings-value", Deleted.ONLY)).containsExactly(2);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 1, 1, PING));
        assertThat(registry.version("pings-value", VersionId.of(2), true))
                .isEqualTo(new RegisteredSchema("pings-value", 2, 2, PING_V2));
        assertThat(registry.schemaById(2)).isEqualTo(PING_V2);
        assertError(() -> registry.deleteVersion("pings-value", VersionId.parse("2"), false), 404, 40406,
                "Subject 'pings-value' Version 2 was soft deleted.Set permanent=true to delete permanently");
        assertError(() -> registry.deleteVersion("pings-value", VersionId.of(1), true), 404, 40407,
                "Subject 'pings-value' Version 1 was not deleted first before being permanently deleted");
        // A new schema takes version 3; version 2 stays taken by the deleted one.
        assertThat(registry.register("pings-value", PONG_WITH_DEVICE)).isEqualTo(3);
        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(1, 2, 3);
    }

    @Test
    void aPermanentDeleteOfTheLastVersionOfASchemaDropsItsId() {
        registry.register("pings-value", PING);
        registry.register("pings-value", PING_V2);
        registry.deleteVersion("pings-value", VersionId.of(2), false);

        assertThat(registry.deleteVersion("pings-value", VersionId.of(2), true)).isEqualTo(2);

        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(1);
        assertError(() -> registry.schemaById(2), 404, 40403, "Schema 2 not found");
        assertError(() -> registry.deleteVersion("pings-value", VersionId.of(2), true), 404, 40402,
                "Version 2 not found.");
        // Ids are never handed out twice: the schema comes back with a new one.
        assertThat(registry.register("pings-value", PING_V2)).isEqualTo(3);
    }

    @Test
    void aSubjectIsDeletedSoftThenPermanently() {
        registry.register("pings-value", PING);
        registry.register("pings-value", PING_V2);
        registry.setCompatibility(Optional.of("pings-value"), CompatibilityLevel.FULL);

        assertError(() -> registry.deleteSubject("pings-value", true), 404, 40405,
                "Subject 'pings-value' was not deleted first before being permanently deleted");
        assertThat(registry.deleteSubject("pings-value", false)).containsExactly(1, 2);
        assertError(() -> registry.deleteSubject("pings-value", false), 404, 40404,
                "Subject 'pings-value' was soft deleted.Set permanent=true to delete permanently");
        assertThat(registry.subjects(Deleted.EXCLUDED)).isEmpty();
        assertThat(registry.subjects(Deleted.INCLUDED)).containsExactly("pings-value");
        assertError(() -> registry.versions("pings-value", Deleted.EXCLUDED), 404, 40401,
                "Subject 'pings-value' not found.");
        assertThat(registry.schemaById(1)).isEqualTo(PING);

        assertThat(registry.deleteSubject("pings-value", true)).containsExactly(1, 2);

        assertThat(registry.subjects(Deleted.INCLUDED)).isEmpty();
        assertThat(registry.subjectCompatibility("pings-value")).isEmpty();
        assertError(() -> registry.deleteSubject("pings-value", true), 404, 40401,
                "Subject 'pings-value' not found.");
        assertError(() -> registry.schemaById(1), 404, 40403, "Schema 1 not found");
    }

    @Test
    void aSchemaRegisteredAgainAfterASoftDeleteKeepsItsIdAndDropsItsDeletedVersion() {
        registry.register("pings-value", PING);
        registry.register("pings-value", PING_V2);
        registry.deleteSubject("pings-value", false);
        logged.clear();

        assertThat(registry.register("pings-value", PING)).isEqualTo(1);

        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(2, 3);
        assertThat(registry.latest("pings-value")).contains(new RegisteredSchema("pings-value", 3, 1, PING));
        assertThat(logged).containsExactly(new Change.VersionErased("pings-value", 1),
                new Change.VersionWritten(new RegisteredSchema("pings-value", 3, 1, PING), false));
    }

    @Test
    void compatibilityIsTheSubjectsLevelElseTheGlobalOneElseBackward() {
        assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.compatibility("pings-value")).isEqualTo(CompatibilityLevel.BACKWARD);

        registry.setCompatibility(Optional.empty(), CompatibilityLevel.FULL);
        registry.setCompatibility(Optional.of("pings-value"), CompatibilityLevel.NONE);

        assertThat(registry.compatibility("pings-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.compatibility("pongs-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(registry.deleteCompatibility(Optional.of("pings-value"))).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.compatibility("pings-value")).isEqualTo(CompatibilityLevel.FULL);
        assertError(() -> registry.deleteCompatibility(Optional.of("pings-value")), 404, 40401,
                "Subject 'pings-value' not found.");
        assertThat(registry.deleteCompatibility(Optional.empty())).isEqualTo(CompatibilityLevel.FULL);
        assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithConfluentsDetails() {
        registry.register("pings-value", PING);

        // PONG cannot read PING's data: rttMillis has no default. PING's own field is no problem backward.
        assertError(() -> registry.register("pings-value", PONG), 409, 409, "Schema being registered is"
                + " incompatible with an earlier schema for subject \"pings-value\", details: ["
                + "{errorType:'NAME_MISMATCH', description:'The name of the schema has changed (path '/name')',"
                + " additionalInfo:'expected: io.netpulse.test.Ping'}, "
                + "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'rttMillis' at path"
                + " '/fields/0' in the new schema has no default value and is missing in the old schema',"
                + " additionalInfo:'rttMillis'}, "
                + "{oldSchemaVersion: 1}, {oldSchema: '" + PING + "'}, "
                + "{validateFields: 'false', compatibility: 'BACKWARD'}]");
        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(1);
        assertThat(logged).hasSize(1);
    }

    @Test
    void compatibilityChecksANamedVersionOrTheLatestAndNothingWhenThereIsNone() {
        registry.register("pings-value", PING);

        assertThat(registry.checkCompatibility("pings-value", VersionId.parse("latest"), PING_V2)).isEmpty();
        assertThat(registry.checkCompatibility("pongs-value", VersionId.parse("latest"), PONG)).isEmpty();
        assertError(() -> registry.checkCompatibility("pings-value", VersionId.of(5), PING_V2), 404, 40402,
                "Version 5 not found.");
        assertError(() -> registry.checkCompatibility("pongs-value", VersionId.of(1), PONG), 404, 40402,
                "Version 1 not found.");
    }

    @Test
    void aFailedLogChangesNothing() {
        InMemorySchemaRegistry failing = new InMemorySchemaRegistry(change -> {
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "log down");
        });

        assertError(() -> failing.register("pings-value", PING), 500, 50001, "log down");
        assertThat(failing.subjects(Deleted.INCLUDED)).isEmpty();
        assertError(() -> failing.schemaById(1), 404, 40403, "Schema 1 not found");
    }

    @Test
    void appliedChangesKeepTheirIdsAndNewIdsFollowTheHighest() {
        registry.apply(new Change.VersionWritten(new RegisteredSchema("pings-value", 1, 5, PING), false));
        registry.apply(new Change.VersionWritten(new RegisteredSchema("pings-value", 2, 7, PING_V2), true));
        registry.apply(new Change.CompatibilitySet(Optional.of("pings-value"), CompatibilityLevel.NONE));

        assertThat(registry.register("pongs-value", PONG)).isEqualTo(8);
        assertThat(registry.register("flows-value", PING)).isEqualTo(5);
        assertThat(registry.register("pings-value", PONG)).isEqualTo(8);
        assertThat(registry.versions("pings-value", Deleted.INCLUDED)).containsExactly(1, 2, 3);
        assertThat(registry.schemaById(7)).isEqualTo(PING_V2);
        assertThat(logged).hasSize(3);
    }

    /** PONG with PING's field, so it may follow PING backward. */
    static final Schema PONG_WITH_DEVICE = parse("""
            {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
             "fields": [{"name": "device", "type": "string"}, {"name": "rttMillis", "type": "long", "default": 0}]}""");

    static void assertError(ThrowableAssert.ThrowingCallable call, int status, int errorCode, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(errorCode);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
