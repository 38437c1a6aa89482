package io.netpulse.app;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic exporter, the demo's source of traffic: it writes what SNMP pollers, flow collectors and an
 * inventory system would write, in the formats they use, so the demo exercises the same path as production.
 *
 * <p>At start it publishes the inventory of {@link DemoNetwork} (JSON, to the compacted inventory topic). Then it
 * polls every interface every 10 s (Avro {@link CounterSample}, Confluent-framed, keyed by device) and sends
 * {@value DemoTraffic#FLOWS_PER_SECOND} flow records a second (Avro {@link FlowRecord}, keyed by exporter), from
 * IPv4 and IPv6 exporters sampling 1:1 and 1:100. Two devices' polls go out as Telegraf JSON and the New York
 * exporters' flows as goflow2 JSON ({@link DemoFormats}), so the demo runs every ingest path. One 32-bit counter
 * wraps within the first minutes; one device reboots every 30 minutes; one interface runs hot, one device stops and
 * one address spikes ({@link DemoTraffic}). On a fresh broker (nothing polled yet) it first writes the last
 * {@link #BACKFILL} of that traffic at once, as a backlog, so a new user sees history, closed windows and each
 * alert within minutes; on a later start it begins at the current time. The values are a function of the seed
 * and the start.
 */
public final class DemoExporter implements AutoCloseable {

    /** The inputs it writes ({@code sendPoll} and {@code sendFlows}): the topology must read them all. */
    public static final Set<TopicNames.Input> WRITES = EnumSet.of(TopicNames.Input.COUNTERS,
            TopicNames.Input.TELEGRAF, TopicNames.Input.FLOWS, TopicNames.Input.FLOW_MESSAGES);
    /** The seed of {@code ./netpulse demo}. */
    public static final long DEFAULT_SEED = 20_260_101L;
    /** The history {@code ./netpulse demo} writes first on a fresh broker: enough for the per-IP spike's baseline. */
    public static final Duration BACKFILL = Duration.ofMinutes(90);

    private static final Logger LOG = LoggerFactory.getLogger(DemoExporter.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> clientProperties;
    private final TopicNames topics;
    private final AvroSerdes serdes;
    private final long seed;
    private final Duration backfill;
    private final Clock clock;
    private final AtomicLong failedSends = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private KafkaProducer<byte[], byte[]> producer;
    /** goflow2's sequence_num; only the scheduler thread touches it. */
    private long goflowSequence;

    /**
     * @param clientProperties bootstrap and security settings of the cluster
     * @param topics           where to write
     * @param serdes           Avro serdes in the Confluent format
     * @param seed             seed of the traffic
     * @param backfill         how much history to write first when nothing was polled yet; zero for none
     * @param clock            the current time
     */
    public DemoExporter(Map<String, Object> clientProperties, TopicNames topics, AvroSerdes serdes, long seed,
                        Duration backfill, Clock clock) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topics = topics;
        this.serdes = serdes;
        this.seed = seed;
        this.backfill = backfill;
        this.clock = clock;
    }

    /** Publishes the inventory, then starts polling and exporting flows. */
    public void start() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netpulse-demo-exporter");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());

        DemoTraffic.inventory().forEach((key, json) ->
                send(topics.inventory(), key, json.getBytes(StandardCharsets.UTF_8)));
        producer.flush();

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean backfilling = !backfill.isZero() && nothingPolledYet();
        DemoTraffic traffic = new DemoTraffic(seed, backfilling ? now.minus(backfill) : now);
        Serializer<CounterSample> counters = serdes.framed(CounterSample.class).serializer();
        Serializer<FlowRecord> flows = serdes.framed(FlowRecord.class).serializer();
        if (backfilling) {
            while (traffic.nextPollTime().isBefore(now)) {
                sendPoll(traffic.nextPoll(), counters);
            }
            while (traffic.nextFlowTime().isBefore(now)) {
                sendFlows(traffic.nextFlowSecond(), flows);
            }
            producer.flush();
            LOG.info("Demo exporter wrote the last {} minutes of traffic first (a fresh broker)", backfill.toMinutes());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("netpulse-demo-exporter").daemon(true).factory());
        scheduler.scheduleAtFixedRate(() -> guarded(() -> sendPoll(traffic.nextPoll(), counters)),
                0, DemoTraffic.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> guarded(() -> sendFlows(traffic.nextFlowSecond(), flows)),
                0, 1, TimeUnit.SECONDS);
        LOG.info("Demo exporter started: {} interfaces on {} devices polled every {} s, {} flow records/s",
                DemoNetwork.INTERFACES.size(), DemoNetwork.DEVICES.size(), DemoTraffic.POLL_INTERVAL.toSeconds(),
                DemoTraffic.FLOWS_PER_SECOND);
    }

    /** Whether the counters topic is still empty: a first start, when history may be written without repeating. */
    private boolean nothingPolledYet() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.counters()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().allMatch(offset -> offset == 0);
        }
    }

    /** Sends one poll: Avro samples, except the {@link DemoFormats#TELEGRAF_DEVICES}' as Telegraf would. */
    private void sendPoll(List<CounterSample> samples, Serializer<CounterSample> counters) {
        Set<String> uptimeSent = new HashSet<>();
        for (CounterSample sample : samples) {
            if (!DemoFormats.TELEGRAF_DEVICES.contains(sample.getDevice())) {
                send(topics.counters(), sample.getDevice(), counters.serialize(topics.counters(), sample));
                continue;
            }
            if (sample.getSysUpTime() != null && uptimeSent.add(sample.getDevice())) {
                send(topics.telegraf(), sample.getDevice(), utf8(DemoFormats.telegrafUptime(sample.getDevice(),
                        sample.getPollTime(), sample.getSysUpTime())));
            }
            DemoFormats.telegrafInterfaceRows(sample).forEach(row -> send(topics.telegraf(), sample.getDevice(),
                    utf8(row)));
        }
    }

    /** Sends one second of flows: Avro records, except the {@link DemoFormats#GOFLOW2_EXPORTERS}' as goflow2 would. */
    private void sendFlows(List<FlowRecord> records, Serializer<FlowRecord> flows) {
        for (FlowRecord flow : records) {
            if (DemoFormats.GOFLOW2_EXPORTERS.contains(flow.getExporter())) {
                send(topics.flowMessages(), DemoFormats.goflow2Key(flow.getExporter()),
                        utf8(DemoFormats.goflow2(flow, goflowSequence++)));
            } else {
                send(topics.flows(), flow.getExporter(), flows.serialize(topics.flows(), flow));
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stops sending and closes the producer (what is buffered is sent first). */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
        LOG.info("Demo exporter stopped");
    }

    private void send(String topic, String key, byte[] value) {
        send(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private void send(String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            // Logged on the first failure and every 1000th after, so a broker outage does not flood the log.
            if (error != null && failedSends.getAndIncrement() % 1000 == 0) {
                LOG.warn("Demo exporter could not send to {} ({} failures so far): {}", topic, failedSends.get(),
                        error.toString());
            }
        });
    }

    /** Keeps the schedule alive: an exception would silently cancel every later run. */
    private static void guarded(Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.warn("Demo exporter tick failed", e);
        }
    }
}
