package io.netpulse.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which versions each level compares a new schema with, and in which direction. The history is A then B; Avro
 * decides each reader/writer pair:
 * <pre>
 *   A = {device: string}
 *   B = {device: string, ifIndex: int = 0}
 *   C = {ifIndex: int}                        reads B; cannot read A (no ifIndex); B cannot read C (no device)
 *   D = {device: string = "", ifIndex: int = 0}  reads and is read by A and B
 *   E = {device: string, ifIndex: long = 0}   reads B (int promotes to long); B cannot read E (long to int)
 *   F = {device: string, ifIndex: int}        reads B, not A; A and B read F
 * </pre>
 */
class CompatibilityLevelTest {

    static final Schema A = parse("{\"name\":\"device\",\"type\":\"string\"}");
    static final Schema B = parse("{\"name\":\"device\",\"type\":\"string\"},"
            + "{\"name\":\"ifIndex\",\"type\":\"int\",\"default\":0}");
    static final List<RegisteredSchema> HISTORY = List.of(
            new RegisteredSchema("pings-value", 2, 2, B), new RegisteredSchema("pings-value", 1, 1, A));

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            C drops device, B reads nothing lost  | BACKWARD            | C | true
            C cannot read A's data                | BACKWARD_TRANSITIVE | C | false
            B cannot read C's data                | FORWARD             | C | false
            B cannot read C's data, checked first | FORWARD_TRANSITIVE  | C | false
            C and B, one way fails                | FULL                | C | false
            anything goes                         | NONE                | C | true
            D has every default                   | FULL_TRANSITIVE     | D | true
            D read by A                           | FORWARD_TRANSITIVE  | D | true
            E reads B: int promotes to long       | BACKWARD            | E | true
            B cannot read E: long to int          | FORWARD             | E | false
            E and B: one way fails                | FULL                | E | false
            F reads B                             | FULL                | F | true
            F cannot read A: ifIndex has no default | FULL_TRANSITIVE   | F | false
            A reads F                             | FORWARD_TRANSITIVE  | F | true
            F cannot read A                       | BACKWARD_TRANSITIVE | F | false
            """)
    void eachLevelComparesWithItsVersionsInItsDirections(String description, CompatibilityLevel level,
                                                        String candidate, boolean compatible) {
        assertThat(level.check(candidate(candidate), HISTORY).isEmpty()).as(description).isEqualTo(compatible);
    }

    @Test
    void aTransitiveLevelAnswersTheFirstVersionItCannotFollow() {
        Schema c = candidate("C");

        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.check(c, HISTORY)).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'ifIndex' at path"
                        + " '/fields/0' in the new schema has no default value and is missing in the old schema',"
                        + " additionalInfo:'ifIndex'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + A + "'}",
                "{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}");
        // FULL reports the old schema reading the new one first, without quoting it, then the other way.
        assertThat(CompatibilityLevel.FULL.check(c, HISTORY)).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'device' at path"
                        + " '/fields/0' in the old schema has no default value and is missing in the new schema',"
                        + " additionalInfo:'device'}",
                "{validateFields: 'false', compatibility: 'FULL'}");
        assertThat(CompatibilityLevel.FORWARD.check(candidate("E"), HISTORY)).containsExactly(
                "{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/1/type') of a field in the old"
                        + " schema does not match with the new schema', additionalInfo:'reader type: INT not"
                        + " compatible with writer type: LONG'}",
                "{oldSchemaVersion: 2}",
                "{oldSchema: '" + B + "'}",
                "{validateFields: 'false', compatibility: 'FORWARD'}");
    }

    @Test
    void namesAreReadInAnyCase() {
        assertThat(CompatibilityLevel.forName("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.forName("Backward")).contains(CompatibilityLevel.BACKWARD);
        assertThat(CompatibilityLevel.forName("sideways")).isEmpty();
    }

    private static Schema candidate(String name) {
        return switch (name) {
            case "C" -> parse("{\"name\":\"ifIndex\",\"type\":\"int\"}");
            case "D" -> parse("{\"name\":\"device\",\"type\":\"string\",\"default\":\"\"},"
                    + "{\"name\":\"ifIndex\",\"type\":\"int\",\"default\":0}");
            case "E" -> parse("{\"name\":\"device\",\"type\":\"string\"},"
                    + "{\"name\":\"ifIndex\",\"type\":\"long\",\"default\":0}");
            case "F" -> parse("{\"name\":\"device\",\"type\":\"string\"},{\"name\":\"ifIndex\",\"type\":\"int\"}");
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Schema parse(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[" + fields + "]}");
    }
}
