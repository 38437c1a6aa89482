package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.readUntil;
import static io.netpulse.app.EndToEndKit.recentMinute;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded system end to end, as an exporter and a downstream consumer see it: Avro counter samples written in
 * the Confluent format with schemas registered through the registry's REST API, and {@code netpulse.interface-rates}
 * read back with a plain consumer and decoded through the same API, with exact bit rates.
 */
class EndToEndTest {

    private static final String DEVICE = "e2e-edge-1";
    private static final int IF_INDEX = 7;
    /** Octets per minute: 7,500,000 x 8 / 60 = 1,000,000 bit/s in, 1,500,000 x 8 / 60 = 200,000 bit/s out. */
    private static final long IN_PER_MINUTE = 7_500_000;
    private static final long OUT_PER_MINUTE = 1_500_000;

    @TempDir
    Path stateDir;

    @Test
    void counterSamplesComeOutOfInterfaceRatesAsExactBitRatesOnceTheirMinutesClose() {
        int httpPort = freePort();
        AppConfig config = config(environment(stateDir, httpPort));
        URI registryUrl = URI.create("http://127.0.0.1:" + httpPort + "/registry");
        try (Netpulse netpulse = new Netpulse(config).start();
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistrySettings.of(registryUrl))) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            AvroSerdes serdes = new AvroSerdes(registry);
            String counters = config.topics().names().counters();
            Instant t0 = recentMinute();
            // Polls every minute from t0 to t0 + 8 min: eight intervals, each inside one minute. The device's
            // latest poll is t0 + 8 min, so the minutes whose end plus the 3-minute grace is at most that have
            // closed: t0 to t0 + 4.
            List<ProducerRecord<byte[], byte[]>> polls = new ArrayList<>();
            for (int minute = 0; minute <= 8; minute++) {
                CounterSample poll = sample(DEVICE, IF_INDEX, t0.plus(Duration.ofMinutes(minute)),
                        1_000_000_000L + minute * IN_PER_MINUTE, 5_000_000L + minute * OUT_PER_MINUTE);
                polls.add(record(counters, DEVICE, serdes.framed(CounterSample.class).serializer()
                        .serialize(counters, poll)));
            }

            produce(netpulse.bootstrapServers(), polls);
            List<ConsumerRecord<byte[], byte[]>> read = readUntil(netpulse.bootstrapServers(),
                    config.topics().names().interfaceRates(), records -> records.size() >= 5);

            Deserializer<InterfaceRate> rates = serdes.framed(InterfaceRate.class).deserializer();
            List<Map.Entry<InterfaceKey, InterfaceRate>> published = read.stream()
                    .map(r -> Map.entry(InterfaceKey.serde().deserializer().deserialize(r.topic(), r.key()),
                            rates.deserialize(r.topic(), r.value())))
                    .toList();
            InterfaceKey key = new InterfaceKey(DEVICE, IF_INDEX);
            assertThat(published).containsExactly(
                    Map.entry(key, minute(t0, 0)),
                    Map.entry(key, minute(t0, 1)),
                    Map.entry(key, minute(t0, 2)),
                    Map.entry(key, minute(t0, 3)),
                    Map.entry(key, minute(t0, 4)));
        }
    }

    private static InterfaceRate minute(Instant t0, int minute) {
        Instant start = t0.plus(Duration.ofMinutes(minute));
        return InterfaceRate.newBuilder()
                .setDevice(DEVICE)
                .setIfIndex(IF_INDEX)
                .setInterfaceId(new InterfaceKey(DEVICE, IF_INDEX).derivedId().toString())
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofMinutes(1)))
                .setInBitsPerSecond(1_000_000.0)
                .setOutBitsPerSecond(200_000.0)
                .setInOctets(IN_PER_MINUTE)
                .setOutOctets(OUT_PER_MINUTE)
                .setCoveredMillis(60_000)
                .build();
    }
}
