package io.netpulse.topology.inputs.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.inputs.ingest.FramedAvroReader;
import io.netpulse.topology.inputs.ingest.InvalidRecordException;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Parses {@code netpulse.inventory}, a compacted topic operators fill from their inventory with any Kafka tool.
 * Keys are {@code interface:<uuid>} or {@code ip:<address>}; a null value deletes the key. Values are JSON
 * (docs/topics-and-inputs.md documents the two shapes) or a Confluent-framed Avro {@link InventoryEntry}, told apart by the first
 * byte (the Confluent magic byte 0 never starts a JSON document).
 *
 * <pre>
 * interface:&lt;uuid&gt; {"type": "interface", "interface_id": "&lt;uuid&gt;", "site_id": "&lt;uuid&gt;" or null,
 *                    "device": "edge-1", "if_index": 3, "name": "xe-0/0/1", "speed_bps": 10000000000,
 *                    "count_in_site_volume": true}
 * ip:&lt;address&gt;     {"type": "ip", "address": "192.0.2.10", "account_id": "acct-42", "server_id": "srv-7",
 *                    "server_created": "2024-05-01"}
 * </pre>
 *
 * Required: the type, interface_id, device and if_index, or address, account_id, server_id and server_created;
 * site_id, name and speed_bps may be absent or null, count_in_site_volume defaults to true; other fields are
 * ignored. A record is rejected, with the field in the reason, for an unknown key, a value whose id or address
 * differs from its key, a malformed UUID, IP address or date, a missing field, an ifIndex below 1 or a negative
 * speed. Valid records come out normalized ({@link InventoryRecord}): lower-case UUIDs, canonical addresses.
 */
public final class InventoryParser implements RecordParser<InventoryRecord> {

    private static final String INTERFACE = InventoryRecord.INTERFACE;
    private static final String IP = InventoryRecord.ADDRESS;

    private final FramedAvroReader<InventoryEntry> avro;
    private final ObjectMapper json = new ObjectMapper();

    public InventoryParser(AvroSerdes serdes) {
        this.avro = new FramedAvroReader<>(serdes, InventoryEntry.class);
    }

    @Override
    public Parsed<InventoryRecord> parse(String topic, byte[] key, byte[] value) {
        try {
            return Parsed.accepted(parse(topic, key == null ? null : new String(key, StandardCharsets.UTF_8), value));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e.getMessage());
        }
    }

    private InventoryRecord parse(String topic, String key, byte[] value) {
        if (key == null) {
            throw new InvalidRecordException("the key is missing: it must be 'interface:<uuid>' or 'ip:<address>'");
        }
        if (key.startsWith(INTERFACE)) {
            UUID id = uuid("key", key.substring(INTERFACE.length()));
            InventoryEntry entry = value == null ? null : new InventoryEntry(anInterface(topic, id, value));
            return new InventoryRecord(INTERFACE + id, entry);
        }
        if (key.startsWith(IP)) {
            String address = address("key", key.substring(IP.length()));
            InventoryEntry entry = value == null ? null : new InventoryEntry(anAddress(topic, address, value));
            return new InventoryRecord(IP + address, entry);
        }
        throw new InvalidRecordException("key '" + key + "' is neither 'interface:<uuid>' nor 'ip:<address>'");
    }

    private InterfaceEntry anInterface(String topic, UUID keyId, byte[] value) {
        InterfaceEntry entry;
        if (isAvro(value)) {
            if (!(avro.read(topic, value).getEntry() instanceof InterfaceEntry avroEntry)) {
                throw new InvalidRecordException("key is an interface but the Avro value is an AddressEntry");
            }
            entry = InterfaceEntry.newBuilder(avroEntry)
                    .setInterfaceId(uuid("interfaceId", avroEntry.getInterfaceId()).toString())
                    .setSiteId(avroEntry.getSiteId() == null ? null : uuid("siteId", avroEntry.getSiteId()).toString())
                    .build();
        } else {
            JsonNode node = object(value, "interface");
            entry = InterfaceEntry.newBuilder()
                    .setInterfaceId(uuid("interface_id", text(node, "interface_id")).toString())
                    .setSiteId(optionalText(node, "site_id") == null ? null
                            : uuid("site_id", optionalText(node, "site_id")).toString())
                    .setDevice(text(node, "device"))
                    .setIfIndex(integer(node, "if_index"))
                    .setName(optionalText(node, "name"))
                    .setSpeed(optionalLong(node, "speed_bps"))
                    .setCountInSiteVolume(optionalBoolean(node, "count_in_site_volume", true))
                    .build();
        }
        if (!entry.getInterfaceId().equals(keyId.toString())) {
            throw new InvalidRecordException("interface_id " + entry.getInterfaceId() + " differs from the key's "
                    + keyId);
        }
        if (entry.getDevice().isBlank() || entry.getDevice().indexOf('|') >= 0) {
            throw new InvalidRecordException("device '" + entry.getDevice() + "' is empty or contains '|'");
        }
        if (entry.getIfIndex() < 1) {
            throw new InvalidRecordException("if_index " + entry.getIfIndex() + " is below 1");
        }
        if (entry.getSpeed() != null && entry.getSpeed() < 0) {
            throw new InvalidRecordException("speed_bps " + entry.getSpeed() + " is negative");
        }
        return entry;
    }

    private AddressEntry anAddress(String topic, String keyAddress, byte[] value) {
        AddressEntry entry;
        if (isAvro(value)) {
            if (!(avro.read(topic, value).getEntry() instanceof AddressEntry avroEntry)) {
                throw new InvalidRecordException("key is an ip but the Avro value is an InterfaceEntry");
            }
            entry = AddressEntry.newBuilder(avroEntry).setAddress(address("address", avroEntry.getAddress())).build();
        } else {
            JsonNode node = object(value, "ip");
            String created = text(node, "server_created");
            LocalDate serverCreated;
            try {
                serverCreated = LocalDate.parse(created);
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException("server_created '" + created + "' is not a yyyy-MM-dd date");
            }
            entry = AddressEntry.newBuilder()
                    .setAddress(address("address", text(node, "address")))
                    .setAccountId(text(node, "account_id"))
                    .setServerId(text(node, "server_id"))
                    .setServerCreated(serverCreated)
                    .build();
        }
        if (!entry.getAddress().equals(keyAddress)) {
            throw new InvalidRecordException("address " + entry.getAddress() + " differs from the key's " + keyAddress);
        }
        if (entry.getAccountId().isBlank() || entry.getServerId().isBlank()) {
            throw new InvalidRecordException("account_id and server_id must not be empty");
        }
        return entry;
    }

    private static boolean isAvro(byte[] value) {
        return value.length > 0 && value[0] == AvroSerdes.MAGIC_BYTE;
    }

    private JsonNode object(byte[] value, String type) {
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("value is neither Confluent-framed Avro nor JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRecordException("value cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException("value is not a JSON object");
        }
        String actual = text(node, "type");
        if (!actual.equals(type)) {
            throw new InvalidRecordException("type '" + actual + "' does not match the key, which is an " + type);
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        String text = optionalText(node, field);
        if (text == null) {
            throw new InvalidRecordException(field + " is missing");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(field + " must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRecordException(field + " is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidRecordException(field + " must be an integer");
        }
        return value.intValue();
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException(field + " must be an integer");
        }
        return value.longValue();
    }

    private static boolean optionalBoolean(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static UUID uuid(String field, String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equalsIgnoreCase(text)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRecordException(field + " '" + text + "' is not a UUID");
    }

    private static String address(String field, String text) {
        return IpAddresses.normalize(text).orElseThrow(() ->
                new InvalidRecordException(field + " '" + text + "' is not an IPv4 or IPv6 address"));
    }
}
