package io.netpulse.registry.server;

import static io.netpulse.registry.TestSchemas.quoted;
import static io.netpulse.registry.server.RegistryHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.RepositorySchemas;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .avsc} of {@code schemas/} stands alone and is what netpulse registers: a producer that registers or
 * looks up the repository's file, as written, finds netpulse's id.
 */
class RepositorySchemaFilesTest {

    static final Path ROOT = Path.of("..", "schemas", "src", "main", "avro");

    final RegistryHttp http = new RegistryHttp(new RegistryService(new InMemorySchemaRegistry(), request -> true));

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void theRepositoryHoldsTheseFiles() throws IOException {
        assertThat(files().stream().map(file -> ROOT.relativize(file).toString().replace('\\', '/')))
                .containsExactly(
                        "aggregate/Alert.avsc", "aggregate/BillingPeriod.avsc",
                        "aggregate/FlowCounts.avsc", "aggregate/InterfaceRate.avsc",
                        "aggregate/IpTrafficSample.avsc", "aggregate/IpTrafficStats.avsc",
                        "aggregate/IpTrafficWindowStats.avsc",
                        "aggregate/SiteVolume.avsc", "aggregate/SourceSeconds.avsc", "aggregate/SourceStats.avsc",
                        "aggregate/SourceWindowStats.avsc", "aggregate/TalkerFlows.avsc", "aggregate/TopTalkers.avsc",
                        "counter/CounterSample.avsc", "flow/FlowRecord.avsc",
                        "inventory/InventoryEntry.avsc");
    }

    @Test
    void everyFileParsesAloneAndRoundTripsThroughTheRegistry() throws IOException {
        int id = 0;
        for (Path file : files()) {
            String text = Files.readString(file);
            Schema schema = new Schema.Parser().parse(text);
            String subject = schema.getName() + "-value";
            String registered = "{\"subject\":\"" + subject + "\",\"version\":1,\"id\":" + ++id + ",\"schema\":"
                    + quoted(schema.toString()) + "}";

            assertThat(http.post("/subjects/" + subject + "/versions", "{\"schema\":" + quoted(text) + "}"))
                    .as(file.toString()).isEqualTo(ok("{\"id\":" + id + "}"));
            assertThat(http.post("/subjects/" + subject, "{\"schema\":" + quoted(text) + "}"))
                    .as(file.toString()).isEqualTo(ok(registered));
            assertThat(http.get("/schemas/ids/" + id)).as(file.toString())
                    .isEqualTo(ok("{\"schema\":" + quoted(schema.toString()) + "}"));
        }
        assertThat(id).isEqualTo(16);
    }

    @Test
    void eachFileIsWhatNetpulseRegistersAndEncodesLikeItsGeneratedClass() throws Exception {
        for (Path file : files()) {
            Schema schema = new Schema.Parser().parse(Files.readString(file));
            @SuppressWarnings("unchecked")
            Class<? extends SpecificRecord> type =
                    (Class<? extends SpecificRecord>) Class.forName(schema.getFullName());
            Schema generated = SpecificData.get().getSchema(type);

            assertThat(RepositorySchemas.path(type))
                    .isEqualTo("avro/" + ROOT.relativize(file).toString().replace('\\', '/'));
            assertThat(RepositorySchemas.of(type)).as(file.toString()).isEqualTo(schema);
            // Same Parsing Canonical Form: the same bytes on the wire; only properties such as avro.java.string differ.
            assertThat(SchemaNormalization.parsingFingerprint64(generated)).as(file.toString())
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
        }
    }

    @Test
    void aTypeDefinedInSeveralFilesIsDefinedAlikeInEach() throws IOException {
        Map<String, String> definitions = new HashMap<>();
        Map<String, Integer> files = new HashMap<>();
        for (Path file : files()) {
            for (Schema named : namedTypes(new Schema.Parser().parse(Files.readString(file)))) {
                String previous = definitions.putIfAbsent(named.getFullName(), named.toString());
                assertThat(previous == null ? named.toString() : previous).as(named.getFullName() + " in " + file)
                        .isEqualTo(named.toString());
                files.merge(named.getFullName(), 1, Integer::sum);
            }
        }
        // IpTrafficStats and IpTrafficWindowStats each define TrafficScopeStats, so each parses alone.
        assertThat(files.get("io.netpulse.schema.aggregate.TrafficScopeStats")).isEqualTo(2);
    }

    /** The record, enum and fixed types a schema defines, itself included. */
    private static List<Schema> namedTypes(Schema schema) {
        Map<String, Schema> found = new HashMap<>();
        collect(schema, found);
        return List.copyOf(found.values());
    }

    private static void collect(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema(), found));
                }
            }
            case ENUM, FIXED -> found.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), found);
            case MAP -> collect(schema.getValueType(), found);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, found));
            default -> {
            }
        }
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(ROOT)) {
            return paths.filter(path -> path.toString().endsWith(".avsc")).sorted().toList();
        }
    }
}
