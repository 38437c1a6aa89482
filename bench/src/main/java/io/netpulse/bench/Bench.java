package io.netpulse.bench;

import io.netpulse.app.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code ./netpulse bench}: produces a realistic input to a broker (the embedded one in this JVM, or
 * {@code --bootstrap} a cluster of yours), then times in the same run (a) a plain consumer reading it, (b) netpulse
 * until every record is committed and the APIs count all of it and (c) the least Kafka Streams application of its
 * kind ({@link StreamsFloor}), and prints records/s, the ratios b/a and b/c, peak RSS and the size of every store.
 * {@code ./netpulse bench jmh [JMH options]} runs the microbenchmarks instead.
 */
public final class Bench {

    private static final PrintStream OUT = System.out;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);
    private static final String USAGE = """
            Usage: ./netpulse bench [--profile flows|steady|counters|all] [--scale F] [--instances N]
                                    [--bootstrap HOST:PORT] [--partitions N] [--floor-shape N]
                   ./netpulse bench jmh [JMH options, e.g. -f 1 -wi 2 -i 3 GoflowJson]
              flows     1,000,000 goflow2 JSON flows from 2,000 exporters between 100,000 addresses
              steady    1,000,000 goflow2 JSON flows: 100 exporters at 1,000 flows/s each
              counters  Telegraf JSON: 1,000 devices x 20 interfaces x 20 polls (ifXTable rows + uptime)
              --scale multiplies the record counts (0.1 for a quick look); --instances starts that many netpulse
              instances in this JVM on the same input (their answers compared); --bootstrap uses your cluster
              instead of the embedded broker (topics and the application id are new for each run). After netpulse
              the Kafka Streams floor runs on the same input: --floor-shape N (1 to 4, default 1) sends every
              record through N repartitions, each counted in N stores. NETPULSE_*
              environment variables configure the instances as they configure ./netpulse run.""";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("netpulse bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("netpulse-bench-");
        EmbeddedKafka broker = null;
        try {
            String bootstrap;
            if (options.bootstrap().isPresent()) {
                bootstrap = options.bootstrap().get();
            } else {
                broker = new EmbeddedKafka(dir.resolve("kafka"), 0, 0).start();
                bootstrap = broker.bootstrapServers();
            }
            for (Workload workload : options.workloads(Instant.now().truncatedTo(ChronoUnit.SECONDS))) {
                runOne(workload, bootstrap, options, dir);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            // the broker's log and each run's stores take about a gigabyte a profile: a run leaves nothing behind,
            // and a directory that cannot be deleted is said, never in place of the run's own error
            try {
                Utils.delete(dir.toFile());
            } catch (IOException e) {
                System.err.println("netpulse bench: could not delete " + dir + ": " + e);
            }
        }
        System.exit(0);
    }

    private static void runOne(Workload workload, String bootstrap, Options options, Path dir) throws Exception {
        String runId = workload.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "bench-" + runId;
        OUT.printf("%nnetpulse bench: %s (%s)%n", workload.name(), workload.description());
        createTopic(bootstrap, topic, options.partitions());

        long produceStart = System.nanoTime();
        long bytes = produce(bootstrap, topic, workload);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        OUT.printf("  input     %,d records, %,.1f MB, produced in %.1f s%n", workload.records(), bytes / 1e6,
                produceSeconds);

        Floor.Measured floor = Floor.read(bootstrap, topic);
        OUT.printf("  floor     a plain consumer read %,d records in %.2f s: %,.0f records/s%n", floor.records(),
                floor.took().toNanos() / 1e9, floor.perSecond());

        BrokerBytes brokerBefore = BrokerBytes.now(bootstrap);
        PeakRss.reset();
        Path runDir = Files.createDirectories(dir.resolve(runId));
        NetpulseRun.CaughtUp caughtUp;
        try (NetpulseRun run = NetpulseRun.start(workload, bootstrap, topic, options.instances(), runDir, runId)) {
            Duration ready = run.awaitReady(READY_TIMEOUT);
            OUT.printf("  netpulse  %d instance(s) ready after %.1f s; processing...%n", options.instances(),
                    ready.toNanos() / 1e9);
            caughtUp = run.awaitCaughtUp(topic, workload.records(), CATCH_UP_TIMEOUT, OUT::println);
            double perSecond = caughtUp.perSecond(workload.records());
            OUT.printf("  netpulse  %,d records committed in %.1f s: %,.0f records/s, ratio %.3f of the floor%n",
                    workload.records(), caughtUp.took().toNanos() / 1e9, perSecond, perSecond / floor.perSecond());
            caughtUp.secondHalfPerSecond(workload.records()).ifPresentOrElse(rate -> OUT.printf(
                    "            second half: %,.0f records/s from %.0f %% of the input on (warm: the JIT"
                            + " compilers' work mostly done)%n", rate,
                    100.0 * caughtUp.halfwayRecords() / workload.records()),
                    () -> OUT.println("            second half: n/a (the input was done before a poll saw half)"));
            List<String> answers = run.verifyEach(workload.expected(), Duration.ofSeconds(30));
            for (int i = 0; i < answers.size(); i++) {
                OUT.printf("  answers   instance %d: %s%n", i, answers.get(i));
            }
            if (answers.stream().distinct().count() > 1) {
                OUT.println("  answers   DIFFER between instances");
            }
            OUT.printf("  peak RSS  %,.0f MB (this JVM: broker, producer and netpulse)%n", PeakRss.bytes() / 1e6);
            Map<String, Long> stores = run.storeBytes(runDir);
            long total = stores.values().stream().mapToLong(Long::longValue).sum();
            OUT.printf("  stores    %,.1f MB on disk in total%n", total / 1e6);
            stores.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(store -> OUT.printf("            %-36s %,10.1f MB%n", store.getKey(),
                            store.getValue() / 1e6));
            BrokerBytes.now(bootstrap).since(brokerBefore).print(OUT, brokerBefore.bytesOf(topic));
        }
        // after netpulse, closed: netpulse's figures stay those of a JVM that ran nothing before it, and the floor
        // has the cores to itself
        streamsFloor(workload, bootstrap, topic, options.floorShape(), runDir, runId, caughtUp);
    }

    private static void streamsFloor(Workload workload, String bootstrap, String topic, int floorShape, Path runDir,
                                     String runId, NetpulseRun.CaughtUp netpulse) throws Exception {
        OUT.printf("  streams   Kafka Streams floor, netpulse's settings, parsing nothing: %d repartition(s), each"
                + " counted in %d store(s)...%n", floorShape, floorShape);
        NetpulseRun.CaughtUp floor = StreamsFloor.run(bootstrap, topic, workload.records(), workload.sources(),
                floorShape, runDir.resolve("streams-floor"), runId, READY_TIMEOUT, CATCH_UP_TIMEOUT, OUT::println);
        double perSecond = floor.perSecond(workload.records());
        // The floor runs warm (the JVM compiled Kafka's code for netpulse), so its whole run compares with
        // netpulse's second half. Both end with the same commit tail (a second or two), a larger share of the
        // floor's shorter run.
        OptionalDouble netpulseHalf = netpulse.secondHalfPerSecond(workload.records());
        OUT.printf("  streams   %,.0f records/s in %.1f s; netpulse %.2f of it, its second half %s%n", perSecond,
                floor.took().toNanos() / 1e9, netpulse.perSecond(workload.records()) / perSecond,
                netpulseHalf.isPresent() ? String.format("%.2f", netpulseHalf.getAsDouble() / perSecond) : "n/a");
    }

    private static void createTopic(String bootstrap, String topic, int partitions)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) -1))).all().get();
        }
    }

    /** Produces the workload as its exporter would (acks=all, the default partitioner); returns the value bytes. */
    private static long produce(String bootstrap, String topic, Workload workload) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicLong bytes = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long step = Math.max(1, workload.records() / 10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            workload.generator().generate(record -> {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
                bytes.addAndGet(record.value().length);
                if (sent.incrementAndGet() % step == 0) {
                    OUT.printf("  ... produced %,d of %,d%n", sent.get(), workload.records());
                }
            });
            producer.flush();
        }
        return bytes.get();
    }

    /** The command line. */
    record Options(List<String> profiles, double scale, int instances, Optional<String> bootstrap, int partitions,
                   int floorShape) {

        static Options parse(String[] args) {
            List<String> profiles = List.of("flows");
            double scale = 1;
            int instances = 1;
            Optional<String> bootstrap = Optional.empty();
            int partitions = 4;
            int floorShape = 1;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--profile" -> profiles = value != null && value.equals("all")
                            ? List.of("flows", "steady", "counters") : List.of(required("--profile", value));
                    case "--scale" -> scale = Double.parseDouble(required("--scale", value));
                    case "--instances" -> instances = Integer.parseInt(required("--instances", value));
                    case "--bootstrap" -> bootstrap = Optional.of(required("--bootstrap", value));
                    case "--partitions" -> partitions = Integer.parseInt(required("--partitions", value));
                    case "--floor-shape" -> floorShape = Integer.parseInt(required("--floor-shape", value));
                    case "-h", "--help" -> throw new IllegalArgumentException("usage");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            for (String profile : profiles) {
                if (!Set.of("flows", "steady", "counters").contains(profile)) {
                    throw new IllegalArgumentException("unknown profile " + profile);
                }
            }
            if (!(scale > 0 && scale <= 10) || instances < 1 || instances > 4 || partitions < 1 || floorShape < 1
                    || floorShape > 4) {
                throw new IllegalArgumentException("--scale must be in (0, 10], --instances in [1, 4], "
                        + "--partitions at least 1, --floor-shape in [1, 4]");
            }
            return new Options(profiles, scale, instances, bootstrap, partitions, floorShape);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        List<Workload> workloads(Instant now) {
            List<Workload> workloads = new ArrayList<>();
            for (String profile : profiles) {
                workloads.add(switch (profile) {
                    case "flows" -> Workload.flows("flows", "goflow2 JSON, 2,000 exporters, 100,000 addresses",
                            Math.round(1_000_000 * scale), 2_000, 100_000, Duration.ofMinutes(4), now);
                    case "steady" -> Workload.flows("steady", "goflow2 JSON, 100 exporters at 1,000 flows/s each",
                            Math.round(1_000_000 * scale), 100, 100_000,
                            Duration.ofMillis(Math.round(10_000 * scale)), now);
                    default -> Workload.counters("counters", "Telegraf JSON, 20 interfaces per device, 20 polls",
                            (int) Math.max(1, Math.round(1_000 * scale)), 20, 20, now);
                });
            }
            return workloads;
        }
    }

    /** The JVM's peak resident set (VmHWM), which Linux lets a process reset. */
    static final class PeakRss {

        private PeakRss() {
        }

        static void reset() throws IOException {
            Path clear = Path.of("/proc/self/clear_refs");
            if (Files.isWritable(clear)) {
                Files.writeString(clear, "5");
            }
        }

        static long bytes() throws IOException {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return 0;
            }
            try (Stream<String> lines = Files.lines(status)) {
                return lines.filter(line -> line.startsWith("VmHWM:"))
                        .map(line -> line.replaceAll("[^0-9]", ""))
                        .mapToLong(kilobytes -> Long.parseLong(kilobytes) * 1024)
                        .findFirst().orElse(0);
            }
        }
    }
}
