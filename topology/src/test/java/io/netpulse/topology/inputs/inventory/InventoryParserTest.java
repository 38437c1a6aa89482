package io.netpulse.topology.inputs.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryParserTest {

    private static final String TOPIC = "netpulse.inventory";
    private static final String ID = "9f9510bd-1234-5678-a7cf-f845a39e26db";
    private static final String SITE = "5b6e2c1a-0000-4000-8000-000000000001";
    private static final String INTERFACE_JSON = """
            {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "edge-1", "if_index": 3,
             "name": "xe-0/0/1", "speed_bps": 10000000000, "count_in_site_volume": false, "owner": "noc"}
            """.formatted(ID, SITE);
    private static final String ADDRESS_JSON = """
            {"type": "ip", "address": "2001:DB8:0:0:0:0:0:1", "account_id": "acct-42", "server_id": "srv-7",
             "server_created": "2024-05-01"}
            """;

    private final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
    private final InventoryParser parser = new InventoryParser(serdes);

    private Parsed<InventoryRecord> parse(String key, String value) {
        return parser.parse(TOPIC, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static InterfaceEntry.Builder anInterface() {
        return InterfaceEntry.newBuilder().setInterfaceId(ID).setSiteId(SITE).setDevice("edge-1").setIfIndex(3)
                .setName("xe-0/0/1").setSpeed(10_000_000_000L).setCountInSiteVolume(false);
    }

    @Test
    void readsAJsonInterface() {
        assertThat(parse("interface:" + ID.toUpperCase(), INTERFACE_JSON)).isEqualTo(Parsed.accepted(
                new InventoryRecord("interface:" + ID, new InventoryEntry(anInterface().build()))));
    }

    @Test
    void fillsTheOptionalInterfaceFields() {
        String minimal = """
                {"type": "interface", "interface_id": "%s", "device": "edge-1", "if_index": 3, "site_id": null}
                """.formatted(ID);

        assertThat(parse("interface:" + ID, minimal)).isEqualTo(Parsed.accepted(new InventoryRecord(
                "interface:" + ID, new InventoryEntry(InterfaceEntry.newBuilder().setInterfaceId(ID)
                .setDevice("edge-1").setIfIndex(3).build()))));
    }

    @Test
    void readsAJsonAddressInCanonicalForm() {
        assertThat(parse("ip:2001:db8::1", ADDRESS_JSON)).isEqualTo(Parsed.accepted(new InventoryRecord(
                "ip:2001:db8::1", new InventoryEntry(AddressEntry.newBuilder().setAddress("2001:db8::1")
                .setAccountId("acct-42").setServerId("srv-7").setServerCreated(LocalDate.of(2024, 5, 1))
                .build()))));
    }

    @Test
    void readsConfluentFramedAvro() {
        InventoryEntry entry = new InventoryEntry(anInterface().setInterfaceId(ID.toUpperCase()).build());
        byte[] bytes = serdes.framed(InventoryEntry.class).serializer().serialize(TOPIC, entry);

        assertThat(parser.parse(TOPIC, ("interface:" + ID).getBytes(StandardCharsets.UTF_8), bytes))
                .isEqualTo(Parsed.accepted(new InventoryRecord("interface:" + ID,
                        new InventoryEntry(anInterface().build()))));
    }

    @Test
    void tombstonesDeleteTheNormalizedKey() {
        assertThat(parse("interface:" + ID.toUpperCase(), null))
                .isEqualTo(Parsed.accepted(new InventoryRecord("interface:" + ID, null)));
        assertThat(parse("ip:::ffff:192.0.2.10", null))
                .isEqualTo(Parsed.accepted(new InventoryRecord("ip:192.0.2.10", null)));
    }

    static Stream<Arguments> invalidRecords() {
        String otherId = "11111111-2222-3333-4444-555555555555";
        return Stream.of(
                Arguments.of("no key prefix", "edge-1|3", INTERFACE_JSON,
                        "key 'edge-1|3' is neither 'interface:<uuid>' nor 'ip:<address>'"),
                Arguments.of("bad UUID in the key", "interface:9f9510bd", INTERFACE_JSON,
                        "key '9f9510bd' is not a UUID"),
                Arguments.of("bad IP in the key", "ip:192.0.2.300", ADDRESS_JSON,
                        "key '192.0.2.300' is not an IPv4 or IPv6 address"),
                Arguments.of("a host name is no address", "ip:example.com", null,
                        "key 'example.com' is not an IPv4 or IPv6 address"),
                Arguments.of("id differs from the key", "interface:" + otherId, INTERFACE_JSON,
                        "interface_id " + ID + " differs from the key's " + otherId),
                Arguments.of("address differs from the key", "ip:2001:db8::2", ADDRESS_JSON,
                        "address 2001:db8::1 differs from the key's 2001:db8::2"),
                Arguments.of("bad site UUID", "interface:" + ID, INTERFACE_JSON.replace(SITE, "site-1"),
                        "site_id 'site-1' is not a UUID"),
                Arguments.of("missing device", "interface:" + ID, INTERFACE_JSON.replace("\"device\"", "\"host\""),
                        "device is missing"),
                Arguments.of("if_index not a number", "interface:" + ID, INTERFACE_JSON.replace("3,", "\"3\","),
                        "if_index must be an integer"),
                Arguments.of("if_index 0", "interface:" + ID, INTERFACE_JSON.replace("3,", "0,"),
                        "if_index 0 is below 1"),
                Arguments.of("negative speed", "interface:" + ID, INTERFACE_JSON.replace("10000000000", "-1"),
                        "speed_bps -1 is negative"),
                Arguments.of("type does not match the key", "interface:" + ID,
                        INTERFACE_JSON.replace("\"interface\",", "\"ip\","),
                        "type 'ip' does not match the key, which is an interface"),
                Arguments.of("bad date", "ip:2001:db8::1", ADDRESS_JSON.replace("2024-05-01", "01/05/2024"),
                        "server_created '01/05/2024' is not a yyyy-MM-dd date"),
                Arguments.of("missing account", "ip:2001:db8::1", ADDRESS_JSON.replace("\"account_id\"", "\"a\""),
                        "account_id is missing"),
                Arguments.of("not JSON", "interface:" + ID, "edge-1 3",
                        "value is neither Confluent-framed Avro nor JSON: Unrecognized token 'edge': was expecting"
                                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("JSON but not an object", "interface:" + ID, "[1, 2]", "value is not a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void rejectsInvalidRecordsWithTheirReason(String description, String key, String value, String reason) {
        assertThat(parse(key, value)).isEqualTo(Parsed.rejected(reason));
    }

    @Test
    void rejectsAMissingKey() {
        assertThat(parser.parse(TOPIC, null, INTERFACE_JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                Parsed.rejected("the key is missing: it must be 'interface:<uuid>' or 'ip:<address>'"));
    }

    @Test
    void rejectsAnAvroEntryOfTheWrongKind() {
        InventoryEntry address = new InventoryEntry(AddressEntry.newBuilder().setAddress("192.0.2.10")
                .setAccountId("a").setServerId("s").setServerCreated(LocalDate.of(2024, 5, 1)).build());
        byte[] bytes = serdes.framed(InventoryEntry.class).serializer().serialize(TOPIC, address);

        assertThat(parser.parse(TOPIC, ("interface:" + ID).getBytes(StandardCharsets.UTF_8), bytes))
                .isEqualTo(Parsed.rejected("key is an interface but the Avro value is an AddressEntry"));
    }
}
