package io.netpulse.registry.server;

import static io.netpulse.registry.TestSchemas.PING;
import static io.netpulse.registry.TestSchemas.PING_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.store.CompatibilityLevel;
import io.netpulse.registry.store.InMemorySchemaRegistry.Change;
import io.netpulse.registry.store.RegisteredSchema;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The entries of the embedded registry's topic, byte for byte, and back. */
class SchemaLogEntriesTest {

    static final String SCHEMA = PING_JSON.replace("\"", "\\\"");

    @Test
    void eachChangeIsOneEntryKeyedByWhatItChanges() {
        RegisteredSchema ping = new RegisteredSchema("pings-value", 3, 7, PING);

        assertThat(text(new Change.VersionWritten(ping, false))).isEqualTo("{\"subject\":\"pings-value\",\"version\":3}"
                + " = {\"subject\":\"pings-value\",\"version\":3,\"id\":7,\"schema\":\"" + SCHEMA + "\"}");
        assertThat(text(new Change.VersionWritten(ping, true))).isEqualTo("{\"subject\":\"pings-value\",\"version\":3}"
                + " = {\"subject\":\"pings-value\",\"version\":3,\"id\":7,\"schema\":\"" + SCHEMA
                + "\",\"deleted\":true}");
        assertThat(text(new Change.VersionErased("pings-value", 3)))
                .isEqualTo("{\"subject\":\"pings-value\",\"version\":3} = null");
        assertThat(text(new Change.CompatibilitySet(Optional.of("pings-value"), CompatibilityLevel.FULL_TRANSITIVE)))
                .isEqualTo("{\"config\":\"pings-value\"} = {\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(text(new Change.CompatibilitySet(Optional.empty(), CompatibilityLevel.NONE)))
                .isEqualTo("{\"config\":null} = {\"compatibilityLevel\":\"NONE\"}");
        assertThat(text(new Change.CompatibilityErased(Optional.empty()))).isEqualTo("{\"config\":null} = null");
    }

    @Test
    void everyEntryReadsBackAsItsChange() {
        for (Change change : new Change[] {
                new Change.VersionWritten(new RegisteredSchema("pings-value", 3, 7, PING), false),
                new Change.VersionWritten(new RegisteredSchema("pings-value", 3, 7, PING), true),
                new Change.VersionErased("pings-value", 3),
                new Change.CompatibilitySet(Optional.of("pings-value"), CompatibilityLevel.FORWARD),
                new Change.CompatibilityErased(Optional.of("pings-value")),
                new Change.CompatibilitySet(Optional.empty(), CompatibilityLevel.BACKWARD_TRANSITIVE),
                new Change.CompatibilityErased(Optional.empty())}) {
            SchemaLogEntries.Entry entry = SchemaLogEntries.encode(change);
            assertThat(SchemaLogEntries.decode(entry.key(), entry.value())).isEqualTo(change);
        }
    }

    @Test
    void anEntryOfTheFirstVersionIsALiveVersion() {
        assertThat(SchemaLogEntries.decode(bytes("{\"subject\":\"pings-value\",\"version\":1}"),
                bytes("{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":\"" + SCHEMA + "\"}")))
                .isEqualTo(new Change.VersionWritten(new RegisteredSchema("pings-value", 1, 1, PING), false));
    }

    @Test
    void anEntryOfAnotherShapeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SchemaLogEntries.decode(bytes("{\"subject\":\"pings-value\",\"version\":1}"),
                bytes("{\"id\": 1}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected {subject, version, id, schema}");
        assertThatThrownBy(() -> SchemaLogEntries.decode(bytes("{\"config\":null}"),
                bytes("{\"compatibilityLevel\":\"SIDEWAYS\"}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown compatibility level SIDEWAYS");
        assertThatThrownBy(() -> SchemaLogEntries.decode(bytes("[1]"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the key is not a JSON object");
    }

    private static String text(Change change) {
        SchemaLogEntries.Entry entry = SchemaLogEntries.encode(change);
        return new String(entry.key(), StandardCharsets.UTF_8) + " = "
                + (entry.value() == null ? "null" : new String(entry.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
