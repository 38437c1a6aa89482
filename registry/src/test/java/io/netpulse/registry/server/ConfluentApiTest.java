package io.netpulse.registry.server;

import static io.netpulse.registry.TestSchemas.PING_JSON;
import static io.netpulse.registry.TestSchemas.PING_V2_JSON;
import static io.netpulse.registry.TestSchemas.PONG_JSON;
import static io.netpulse.registry.TestSchemas.quoted;
import static io.netpulse.registry.server.RegistryHttp.error;
import static io.netpulse.registry.server.RegistryHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.RepositorySchemas;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.flow.FlowRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calls Confluent's clients make (a serializer with and without auto-register, a deserializer, the schema
 * registry client's admin calls), replayed over HTTP against the embedded registry, each answered exactly as
 * Confluent Schema Registry 7.9 answers it: status, content type and body, error codes and messages included.
 */
class ConfluentApiTest {

    final RegistryHttp http = new RegistryHttp(new RegistryService(new InMemorySchemaRegistry(), request -> true));

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aProducerRegistersAndAConsumerResolvesTheId() {
        String version1 = "{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":" + quoted(PING_JSON) + "}";

        // KafkaAvroSerializer with auto.register.schemas, then the same schema as the python client and the Java
        // client send it (references, schemaType, other whitespace): one id, one version.
        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}"))
                .isEqualTo(ok("{\"id\":1}"));
        assertThat(http.post("/subjects/pings-value/versions",
                "{\"schema\": " + quoted(PING_JSON) + ", \"references\": []}")).isEqualTo(ok("{\"id\":1}"));
        assertThat(http.post("/subjects/pings-value/versions", "{\"schemaType\":\"AVRO\",\"schema\":"
                + quoted(PING_JSON.replace(",", ", ")) + "}")).isEqualTo(ok("{\"id\":1}"));
        // KafkaAvroSerializer with auto.register.schemas=false looks the schema up.
        assertThat(http.post("/subjects/pings-value", "{\"schema\":" + quoted(PING_JSON) + "}"))
                .isEqualTo(ok(version1));
        // KafkaAvroDeserializer resolves the id of each record.
        assertThat(http.get("/schemas/ids/1")).isEqualTo(ok("{\"schema\":" + quoted(PING_JSON) + "}"));
        assertThat(http.get("/subjects")).isEqualTo(ok("[\"pings-value\"]"));
        assertThat(http.get("/subjects/pings-value/versions")).isEqualTo(ok("[1]"));
        assertThat(http.get("/subjects/pings-value/versions/latest")).isEqualTo(ok(version1));
        assertThat(http.get("/subjects/pings-value/versions/1")).isEqualTo(ok(version1));
        assertThat(http.get("/subjects/pings-value/versions/1/schema")).isEqualTo(ok(PING_JSON));
    }

    @Test
    void whatIsNotThereIsAnsweredWithConfluentsCodes() {
        assertThat(http.post("/subjects/pongs-value", "{\"schema\":" + quoted(PONG_JSON) + "}"))
                .isEqualTo(error(404, 40401, "Subject 'pongs-value' not found."));
        http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}");

        assertThat(http.post("/subjects/pings-value", "{\"schema\":" + quoted(PONG_JSON) + "}"))
                .isEqualTo(error(404, 40403, "Schema not found"));
        assertThat(http.get("/schemas/ids/2")).isEqualTo(error(404, 40403, "Schema 2 not found"));
        assertThat(http.get("/subjects/pings-value/versions/2")).isEqualTo(error(404, 40402, "Version 2 not found."));
        assertThat(http.get("/subjects/pongs-value/versions/latest"))
                .isEqualTo(error(404, 40401, "Subject 'pongs-value' not found."));
        assertThat(http.get("/subjects/pongs-value/versions"))
                .isEqualTo(error(404, 40401, "Subject 'pongs-value' not found."));
        assertThat(http.get("/subjects/pings-value/versions/0")).isEqualTo(error(422, 42202,
                "The specified version '0' is not a valid version id. Allowed values are between [1, 2^31-1] and"
                        + " the string \"latest\""));
        assertThat(http.get("/subjects/pings-value/versions/newest")).isEqualTo(error(422, 42202,
                "The specified version 'newest' is not a valid version id. Allowed values are between [1, 2^31-1]"
                        + " and the string \"latest\""));
        assertThat(http.get("/schemas/ids/one")).isEqualTo(error(404, 404, "HTTP 404 Not Found"));
        assertThat(http.get("/schemata")).isEqualTo(error(404, 404, "HTTP 404 Not Found"));
    }

    @Test
    void compatibilityIsCheckedWithAvrosRulesAndEnforcedOnRegistration() {
        String flowRecord = repositoryFile(FlowRecord.class);
        String canonical = new Schema.Parser().parse(flowRecord).toString();
        String renamed = flowRecord.replace("{\"name\": \"packets\", \"type\": \"long\"",
                "{\"name\": \"packetCount\", \"type\": \"long\"");
        String withTos = flowRecord.replace("  ]\n}", "    ,{\"name\": \"tos\", \"type\": [\"null\", \"int\"],"
                + " \"default\": null}\n  ]\n}");
        assertThat(renamed).isNotEqualTo(flowRecord);
        assertThat(withTos).isNotEqualTo(flowRecord);
        String packetsRenamed = "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field"
                + " 'packetCount' at path '/fields/4' in the new schema has no default value and is missing in the"
                + " old schema', additionalInfo:'packetCount'}";

        assertThat(http.post("/subjects/netpulse.flows-value/versions", "{\"schema\":" + quoted(flowRecord) + "}"))
                .isEqualTo(ok("{\"id\":1}"));
        assertThat(http.post("/compatibility/subjects/netpulse.flows-value/versions/latest",
                "{\"schema\":" + quoted(withTos) + "}")).isEqualTo(ok("{\"is_compatible\":true}"));
        assertThat(http.post("/compatibility/subjects/netpulse.flows-value/versions/1?verbose=true",
                "{\"schema\":" + quoted(withTos) + "}")).isEqualTo(ok("{\"is_compatible\":true,\"messages\":[]}"));
        assertThat(http.post("/compatibility/subjects/netpulse.flows-value/versions/latest",
                "{\"schema\":" + quoted(renamed) + "}")).isEqualTo(ok("{\"is_compatible\":false}"));
        assertThat(http.post("/compatibility/subjects/netpulse.flows-value/versions?verbose=true",
                "{\"schema\":" + quoted(renamed) + "}")).isEqualTo(ok("{\"is_compatible\":false,\"messages\":["
                + quoted(packetsRenamed) + "," + quoted("{oldSchemaVersion: 1}") + ","
                + quoted("{oldSchema: '" + canonical + "'}") + ","
                + quoted("{validateFields: 'false', compatibility: 'BACKWARD'}") + "]}"));
        assertThat(http.post("/compatibility/subjects/netpulse.flows-value/versions/2",
                "{\"schema\":" + quoted(withTos) + "}")).isEqualTo(error(404, 40402, "Version 2 not found."));
        assertThat(http.post("/compatibility/subjects/netpulse.counters-value/versions/latest",
                "{\"schema\":" + quoted(withTos) + "}")).isEqualTo(ok("{\"is_compatible\":true}"));

        // The two mistakes a producer made that the registry let through: packets renamed, and a string.
        assertThat(http.post("/subjects/netpulse.flows-value/versions", "{\"schema\":" + quoted(renamed) + "}"))
                .isEqualTo(error(409, 409, "Schema being registered is incompatible with an earlier schema for"
                        + " subject \"netpulse.flows-value\", details: [" + packetsRenamed + ", "
                        + "{oldSchemaVersion: 1}, {oldSchema: '" + canonical + "'}, {validateFields: 'false',"
                        + " compatibility: 'BACKWARD'}]"));
        assertThat(http.post("/subjects/netpulse.flows-value/versions",
                "{\"schema\":" + quoted("{\"type\":\"string\"}") + "}"))
                .isEqualTo(error(409, 409, "Schema being registered is incompatible with an earlier schema for"
                        + " subject \"netpulse.flows-value\", details: [{errorType:'TYPE_MISMATCH', description:'The"
                        + " type (path '/') of a field in the new schema does not match with the old schema',"
                        + " additionalInfo:'reader type: STRING not compatible with writer type: RECORD'}, "
                        + "{oldSchemaVersion: 1}, {oldSchema: '" + canonical + "'}, {validateFields: 'false',"
                        + " compatibility: 'BACKWARD'}]"));
        assertThat(http.get("/subjects/netpulse.flows-value/versions")).isEqualTo(ok("[1]"));
        assertThat(http.post("/subjects/netpulse.flows-value/versions", "{\"schema\":" + quoted(withTos) + "}"))
                .isEqualTo(ok("{\"id\":2}"));
    }

    @Test
    void compatibilityLevelsAreReadAndSetGloballyAndPerSubject() {
        assertThat(http.get("/config")).isEqualTo(ok("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(http.put("/config", "{\"compatibility\":\"full\"}")).isEqualTo(ok("{\"compatibility\":\"FULL\"}"));
        assertThat(http.get("/config")).isEqualTo(ok("{\"compatibilityLevel\":\"FULL\"}"));
        assertThat(http.get("/config/pings-value")).isEqualTo(error(404, 40408,
                "Subject 'pings-value' does not have subject-level compatibility configured"));
        assertThat(http.get("/config/pings-value?defaultToGlobal=true"))
                .isEqualTo(ok("{\"compatibilityLevel\":\"FULL\"}"));
        assertThat(http.put("/config/pings-value", "{\"compatibility\":\"NONE\"}"))
                .isEqualTo(ok("{\"compatibility\":\"NONE\"}"));
        assertThat(http.get("/config/pings-value")).isEqualTo(ok("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}")).isEqualTo(error(422, 42203,
                "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive,"
                        + " forward_transitive, and full_transitive"));
        assertThat(http.put("/config/pings-value", "NONE")).isEqualTo(error(422, 42203,
                "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive,"
                        + " forward_transitive, and full_transitive"));

        // NONE lets a subject take any schema after any other.
        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}"))
                .isEqualTo(ok("{\"id\":1}"));
        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PONG_JSON) + "}"))
                .isEqualTo(ok("{\"id\":2}"));

        assertThat(http.delete("/config/pings-value")).isEqualTo(ok("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(http.delete("/config/pings-value")).isEqualTo(error(404, 40401, "Subject 'pings-value' not found."));
        assertThat(http.delete("/config")).isEqualTo(ok("{\"compatibilityLevel\":\"FULL\"}"));
        assertThat(http.get("/config")).isEqualTo(ok("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void deletesAreSoftFirstThenPermanent() {
        http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}");
        http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_V2_JSON) + "}");
        http.post("/subjects/pongs-value/versions", "{\"schema\":" + quoted(PONG_JSON) + "}");

        assertThat(http.delete("/subjects/pings-value/versions/latest")).isEqualTo(ok("2"));
        assertThat(http.delete("/subjects/pings-value/versions/2")).isEqualTo(error(404, 40406,
                "Subject 'pings-value' Version 2 was soft deleted.Set permanent=true to delete permanently"));
        assertThat(http.delete("/subjects/pings-value/versions/1?permanent=true")).isEqualTo(error(404, 40407,
                "Subject 'pings-value' Version 1 was not deleted first before being permanently deleted"));
        assertThat(http.get("/subjects/pings-value/versions")).isEqualTo(ok("[1]"));
        assertThat(http.get("/subjects/pings-value/versions?deleted=true")).isEqualTo(ok("[1,2]"));
        assertThat(http.get("/subjects/pings-value/versions?deletedOnly=true")).isEqualTo(ok("[2]"));
        assertThat(http.get("/subjects/pings-value/versions/2")).isEqualTo(error(404, 40402, "Version 2 not found."));
        assertThat(http.get("/subjects/pings-value/versions/2?deleted=true")).isEqualTo(ok(
                "{\"subject\":\"pings-value\",\"version\":2,\"id\":2,\"schema\":" + quoted(PING_V2_JSON) + "}"));

        assertThat(http.delete("/subjects/pongs-value?permanent=true")).isEqualTo(error(404, 40405,
                "Subject 'pongs-value' was not deleted first before being permanently deleted"));
        assertThat(http.delete("/subjects/pings-value")).isEqualTo(ok("[1]"));
        assertThat(http.delete("/subjects/pings-value")).isEqualTo(error(404, 40404,
                "Subject 'pings-value' was soft deleted.Set permanent=true to delete permanently"));
        assertThat(http.get("/subjects")).isEqualTo(ok("[\"pongs-value\"]"));
        assertThat(http.get("/subjects?deleted=true")).isEqualTo(ok("[\"pings-value\",\"pongs-value\"]"));
        // A soft-deleted schema still resolves: records written with it stay readable.
        assertThat(http.get("/schemas/ids/1")).isEqualTo(ok("{\"schema\":" + quoted(PING_JSON) + "}"));

        assertThat(http.delete("/subjects/pings-value?permanent=true")).isEqualTo(ok("[1,2]"));
        assertThat(http.get("/schemas/ids/1")).isEqualTo(error(404, 40403, "Schema 1 not found"));
        assertThat(http.get("/subjects?deleted=true")).isEqualTo(ok("[\"pongs-value\"]"));
        assertThat(http.delete("/subjects/pings-value"))
                .isEqualTo(error(404, 40401, "Subject 'pings-value' not found."));
        // Ids are not handed out twice.
        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}"))
                .isEqualTo(ok("{\"id\":4}"));
    }

    static String repositoryFile(Class<?> type) {
        try (InputStream in = ConfluentApiTest.class.getClassLoader()
                .getResourceAsStream(RepositorySchemas.path(type))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
