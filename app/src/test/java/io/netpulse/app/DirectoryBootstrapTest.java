package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.readToEnd;
import static io.netpulse.app.EndToEndKit.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The directory is brought up to date with the inventory topic before Kafka Streams starts: on a real broker, the
 * entries the topology would write, the last per key, an invalid record left out.
 */
class DirectoryBootstrapTest {

    private static final String UPLINK = "10000000-0000-4000-8000-000000000001";
    private static final String SITE = "aaaaaaaa-0000-4000-8000-00000000000a";

    @Test
    void writesTheDirectoryEntriesOfTheWholeInventoryLastPerKey() throws Exception {
        try (EmbeddedBrokerSupport.Broker broker = EmbeddedBrokerSupport.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            TopicNames names = TopicNames.defaults();
            TopicSetup.ensure(admin, TopicSetup.specs(names, 2, false), (short) 1);
            AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
            Topics topics = Topics.of(names, serdes);
            produce(broker.bootstrapServers(), List.of(
                    inventory(names, "interface:" + UPLINK, """
                            {"type": "interface", "interface_id": "%s", "site_id": null, "device": "edge-1",
                             "if_index": 1}""".formatted(UPLINK)),
                    inventory(names, "ip:192.0.2.10", """
                            {"type": "ip", "address": "192.0.2.10", "account_id": "acct-1", "server_id": "srv-1",
                             "server_created": "2025-01-01"}"""),
                    inventory(names, "interface:bad", "not json"),
                    // the interface moves to a site: its last version is the one the directory keeps
                    inventory(names, "interface:" + UPLINK, """
                            {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "edge-1",
                             "if_index": 1}""".formatted(UPLINK, SITE))));

            int written = DirectoryBootstrap.run(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()), topics, serdes, Duration.ofSeconds(30));

            Map<String, InventoryEntry> directory = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : readToEnd(broker.bootstrapServers(), names.directory())) {
                directory.put(new String(record.key(), StandardCharsets.UTF_8),
                        topics.directory().valueSerde().deserializer().deserialize(names.directory(), record.value()));
            }
            // interface, its device|ifIndex index; address, its account|server index
            assertThat(written).isEqualTo(4);
            assertThat(directory.keySet()).containsExactlyInAnyOrder("interface:" + UPLINK, "key:edge-1|1",
                    "ip:192.0.2.10", "server:acct-1|srv-1|192.0.2.10");
            InterfaceEntry uplink = (InterfaceEntry) directory.get("interface:" + UPLINK).getEntry();
            assertThat(uplink.getSiteId()).isEqualTo(SITE);
            assertThat(directory.get("key:edge-1|1")).isEqualTo(directory.get("interface:" + UPLINK));
            AddressEntry address = (AddressEntry) directory.get("ip:192.0.2.10").getEntry();
            assertThat(address.getAccountId()).isEqualTo("acct-1");
        }
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> inventory(TopicNames names,
                                                                                             String key,
                                                                                             String json) {
        return record(names.inventory(), key, json.getBytes(StandardCharsets.UTF_8));
    }
}
