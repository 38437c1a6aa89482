package io.netpulse.app;

import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import io.netpulse.app.auth.JwksService;
import io.netpulse.app.auth.LocalIssuer;
import io.netpulse.query.pipeline.RequestMetrics;
import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * Query latency of one instance with full stores, a measurement rather than a test (no timed assertion belongs in
 * the test suite): it starts an embedded instance, fills it with {@code interfaces} interfaces polled every minute
 * over the last {@code counter-minutes} minutes and {@code flows} flows from 2,000 source devices over the last hour,
 * waits until Kafka Streams has read them all, then asks each query {@code requests} times over keep-alive
 * connections (java.net.http, HTTP/1.1) at concurrency 1 and 16, while one thread keeps ingesting flows, and prints
 * p50 / p99 / max and errors per query as a Markdown table, with the mean time the server's own request timers
 * measured (so the time a request waits before its handler runs is the difference). Its first two rows are floors,
 * static and public, asked through the same server, client and load: the JWKS document (a few hundred bytes) and the
 * chart library's script (140 KB, about the size of a day of minutes as JSON), so what a query adds to the floor of
 * its size is the query's own cost. The first device's 20
 * interfaces are also polled over the day before, so that the measured interface's 1-hour and 24-hour answers are
 * full (60 and 1,440 points a series); with {@code jfr=FILE} the c=1 run of the 1-hour interface query (or of the
 * queries whose name contains {@code jfr-probe=TEXT}) is recorded (execution samples every millisecond, monitor
 * waits, parks and pinned carriers) to FILE.n, n the query's row; with
 * {@code only=TEXT} only the queries whose name contains TEXT are measured; with {@code client=hey} the requests
 * are sent by {@code hey} (on the PATH; Debian's package {@code hey}) instead of java.net.http in this JVM, so the
 * client neither shares the JVM nor adds its own hand-offs to each answer.
 *
 * <p>Run (after {@code mvn -o -q -pl app -am test-compile}):
 * <pre>
 * mvn -o -q -pl app dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp app/target/test-classes:app/target/classes:$(cat /tmp/cp.txt) io.netpulse.app.QueryLatencyBench \
 *     [interfaces=20000] [counter-minutes=15] [flows=1000000] [requests=500] [ingest=true] [guarantee=at_least_once] [jfr=FILE] [jfr-probe=TEXT] [only=TEXT] [client=hey]
 * </pre>
 */
public final class QueryLatencyBench {

    private static final int SOURCES = 2_000;
    private static final int ADDRESSES = 1_000;
    private static final int SITES = 100;
    private static final int INTERFACES_PER_DEVICE = 20;
    /** How far back the first device's interfaces are polled, for the 24-hour query. */
    private static final Duration HISTORY = Duration.ofHours(25);
    private static final String IMPORT_STATS = "/api/mgmt.flowgateway_analytics/1.0/import_stats";
    /** A static file about the size of a day of minutes as JSON (two series of 1,440 points: about 150 KB). */
    private static final String UPLOT = Dashboard.VENDOR_PATH + "/uPlot.cjs.js";

    private QueryLatencyBench() {
    }

    /** One measured query: {@code body} and {@code bearer} null when it has none. */
    private record Probe(String name, String method, String url, String body, String bearer) {

        HttpRequest request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            if (bearer != null) {
                request.header("Authorization", bearer);
            }
            return body == null ? request.GET().build() : request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        }

        /** The same requests through hey, each request's time and status in CSV. */
        List<String> hey(int concurrency, int total) {
            List<String> command = new ArrayList<>(List.of("hey", "-n", Integer.toString(total), "-c",
                    Integer.toString(concurrency), "-m", method, "-o", "csv"));
            if (bearer != null) {
                command.addAll(List.of("-H", "Authorization: " + bearer));
            }
            if (body != null) {
                command.addAll(List.of("-T", "application/json", "-d", body));
            }
            command.add(url);
            return command;
        }
    }

    /** Latencies of one probe at one concurrency. */
    private record Result(String name, int concurrency, long[] nanos, Map<String, Long> errors, double perSecond) {
        String cell() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s / %s (max %s)%s", ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]),
                    errors.isEmpty() ? "" : ", errors " + errors);
        }

        private static long percentile(long[] sorted, int p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.0f", nanos / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("interfaces", "20000", "counter-minutes", "15",
                "flows", "1000000", "requests", "500", "ingest", "true", "guarantee", "at_least_once"));
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int interfaces = Integer.parseInt(options.get("interfaces"));
        int counterMinutes = Integer.parseInt(options.get("counter-minutes"));
        int flows = Integer.parseInt(options.get("flows"));
        int requests = Integer.parseInt(options.get("requests"));
        boolean ingest = Boolean.parseBoolean(options.get("ingest"));
        Optional<String> jfr = Optional.ofNullable(options.get("jfr"));
        String jfrProbe = options.getOrDefault("jfr-probe", ", 1 h");

        Path stateDir = Files.createTempDirectory("netpulse-bench");
        int httpPort = EmbeddedKafka.freePort();
        Map<String, String> environment = EndToEndKit.environment(stateDir, httpPort);
        environment.put("NETPULSE_ROCKSDB_MEMORY", "256MiB");
        // Kafka Streams settings of the caller's environment apply (NETPULSE_KAFKA_NUM_STREAM_THREADS=1, ...)
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("NETPULSE_KAFKA_")) {
                environment.put(name, value);
            }
        });
        // at_least_once by default: on a machine this loaded, exactly-once transactions time out and are fenced
        // while the backlog is read (queries read the same stores either way)
        environment.put("NETPULSE_PROCESSING_GUARANTEE", options.get("guarantee"));
        AppConfig config = AppConfig.load(Optional.empty(), environment, new java.util.Properties());
        try (Netpulse netpulse = new Netpulse(config).start()) {
            EndToEndKit.await("ready", () -> netpulse.health().ready());
            String base = "http://127.0.0.1:" + httpPort;
            String token = EndToEndKit.demoToken(stateDir).orElseThrow();
            // a tenant's token names its sites: its default data-transferred is one key, not a fan-out
            String siteToken = LocalIssuer.openOrCreate(stateDir, Clock.systemUTC())
                    .mint(List.of(siteId(7 % SITES)), List.of(), List.of(), Duration.ofHours(2));
            TopicNames topics = config.topics().names();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(
                    RegistrySettings.of(netpulse.registryUrl()));
                 KafkaProducer<byte[], byte[]> producer = producer(netpulse.bootstrapServers())) {
                AvroSerdes serdes = new AvroSerdes(registry);
                long started = System.nanoTime();
                fill(producer, serdes, topics, now, interfaces, counterMinutes, flows);
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", netpulse.bootstrapServers()))) {
                    awaitCaughtUp(admin, config.streams().applicationId(), Set.of(topics.counters(), topics.flows(),
                            topics.inventory()));
                }
                long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
                long history = Math.min(interfaces, INTERFACES_PER_DEVICE) * (HISTORY.toMinutes() - counterMinutes);
                long records = (long) interfaces * (counterMinutes + 1) + history + flows;
                System.out.printf(Locale.ROOT, "filled: %d interfaces x %d polls (+ %d polls of a day's history),"
                                + " %d flows, read by Kafka Streams in %d s (%d records/s)%n", interfaces,
                        counterMinutes + 1, history, flows, seconds, records / seconds);

                AtomicBoolean ingesting = new AtomicBoolean(ingest);
                AtomicLong ingested = new AtomicLong();
                Thread background = Thread.ofPlatform().name("bench-ingest").start(() -> {
                    Serializer<FlowRecord> flowSerializer = serdes.framed(FlowRecord.class).serializer();
                    for (long i = 0; ingesting.get(); i++) {
                        Instant at = Instant.now();
                        String exporter = source((int) (i % SOURCES));
                        FlowRecord flow = EndToEndKit.flow(exporter, at, 1500, 3);
                        flow.setDstAddr(address((int) (i % ADDRESSES)));
                        producer.send(new ProducerRecord<>(topics.flows(), exporter.getBytes(StandardCharsets.UTF_8),
                                flowSerializer.serialize(topics.flows(), flow)));
                        ingested.incrementAndGet();
                        if (i % 100 == 99) {
                            sleep(100); // about 1,000 flows a second
                        }
                    }
                });

                String only = options.getOrDefault("only", "");
                boolean hey = options.getOrDefault("client", "java").equals("hey");
                List<Probe> probes = probes(base, token, siteToken, now).stream()
                        .filter(probe -> probe.name().contains(only)).toList();
                List<Result> results = new ArrayList<>();
                List<Double> serverMeans = new ArrayList<>();
                long measureStarted = System.nanoTime();
                for (Probe probe : probes) {
                    // a fan-out over every source takes about a second: a tenth of the requests
                    int count = probe.name().contains("all") ? Math.max(20, requests / 10) : requests;
                    for (int concurrency : new int[] {1, 16}) {
                        measure(probe, concurrency, Math.min(100, count), hey); // warm-up
                        boolean profiled = jfr.isPresent() && concurrency == 1 && probe.name().contains(jfrProbe);
                        try (Recording recording = new Recording()) {
                            if (profiled) {
                                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
                                recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(1));
                                // where a request waits rather than works: monitors, parks and pinned carriers
                                recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(0));
                                recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(0)).withStackTrace();
                                recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(0));
                                recording.start();
                            }
                            double[] before = serverTime();
                            results.add(measure(probe, concurrency, count, hey));
                            double[] after = serverTime();
                            serverMeans.add(after[0] == before[0] ? Double.NaN
                                    : (after[1] - before[1]) / (after[0] - before[0]));
                            if (profiled) {
                                recording.stop();
                                recording.dump(Path.of(jfr.get() + "." + probes.indexOf(probe)));
                            }
                        }
                    }
                }
                ingesting.set(false);
                background.join();
                long measureSeconds = Math.max(1, (System.nanoTime() - measureStarted) / 1_000_000_000L);
                System.out.printf(Locale.ROOT, "%n%d requests per query and concurrency (after %d of warm-up);"
                                + " %d flows ingested meanwhile (%d/s)%n%n", requests, Math.min(100, requests),
                        ingested.get(), ingested.get() / measureSeconds);
                System.out.println("| query | c=1 p50 / p99 ms | c=16 p50 / p99 ms | c=16 req/s"
                        + " | server mean ms, c=1 / c=16 |");
                System.out.println("|---|---|---|---|---|");
                for (int i = 0; i < results.size(); i += 2) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f / %.2f |%n", results.get(i).name(),
                            results.get(i).cell(), results.get(i + 1).cell(), results.get(i + 1).perSecond(),
                            serverMeans.get(i), serverMeans.get(i + 1));
                }
            }
        } finally {
            // the broker's log and the stores of a run take about a gigabyte: a bench run leaves nothing behind, and a
            // directory that cannot be deleted is said, never in place of the run's own error
            try {
                Utils.delete(stateDir.toFile());
            } catch (IOException e) {
                System.err.println("QueryLatencyBench: could not delete " + stateDir + ": " + e);
            }
        }
    }

    /**
     * Requests the APIs answered so far and their summed time in milliseconds, from the instance's own request
     * timers: from the API filter to the last byte written, so the gap to the client's figure is the time spent
     * before the handler runs (connection, parsing, scheduling) and on the way back.
     */
    private static double[] serverTime() {
        double count = 0;
        double millis = 0;
        for (Meter meter : Metrics.globalRegistry().meters()) {
            if (meter instanceof Timer timer && meter.id().name().equals(RequestMetrics.NAME)) {
                count += timer.count();
                millis += timer.totalTime(TimeUnit.MILLISECONDS);
            }
        }
        return new double[] {count, millis};
    }

    private static List<Probe> probes(String base, String token, String siteToken, Instant now) {
        String bearer = "Bearer " + token;
        String interfaceId = interfaceId(7);
        String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        return List.of(
                new Probe("floor: " + JwksService.PATH, "GET", base + JwksService.PATH, null, null),
                new Probe("floor, 140 KB: " + UPLOT, "GET", base + UPLOT, null, null),
                new Probe("/observe/health", "GET", base + "/observe/health", null, null),
                new Probe("interface metrics, 1 h", "POST", base + "/metrics/interfaces/" + interfaceId + "/metrics",
                        "{\"from\":\"" + now.minus(Duration.ofHours(1)) + "\",\"to\":\"" + now + "\"}", bearer),
                new Probe("interface metrics, 24 h", "POST", base + "/metrics/interfaces/" + interfaceId + "/metrics",
                        "{\"from\":\"" + now.minus(Duration.ofHours(24)) + "\",\"to\":\"" + now + "\"}", bearer),
                new Probe("data-transferred, default, one site's token", "GET",
                        base + "/metrics/dashboard/data-transferred", null, "Bearer " + siteToken),
                new Probe("import_stats, one source, 60 min", "POST", base + IMPORT_STATS,
                        "{\"stats_type\":\"flows_per_minute\",\"interval_type\":\"minutes\",\"time_interval\":60,"
                                + "\"source_ip\":\"" + source(7) + "\"}", bearer),
                new Probe("per-IP, hourly, one day", "GET", base + "/accounts/acct-7/dedicatedServers/srv-7/ipAddresses/"
                        + address(7) + "/statistics/traffic?scope=receive&startDate=" + today + "&endDate=" + today
                        + "&period=hourly&method=avg", null, bearer),
                new Probe("data-transferred, default, all 100 sites", "GET",
                        base + "/metrics/dashboard/data-transferred", null, bearer),
                new Probe("import_stats, all 2,000 sources, 60 min", "POST", base + IMPORT_STATS,
                        "{\"stats_type\":\"flows_per_minute\",\"interval_type\":\"minutes\",\"time_interval\":60,"
                                + "\"source_ip\":\"\"}", bearer));
    }

    /**
     * {@code total} requests of {@code probe} from {@code concurrency} threads, each on its own connection: through
     * java.net.http, or through {@code hey} (a separate Go process, as operators measure) when {@code hey} is set.
     */
    private static Result measure(Probe probe, int concurrency, int total, boolean hey) throws Exception {
        if (hey) {
            return measureWithHey(probe, concurrency, total);
        }
        long[] nanos = new long[total];
        Map<String, Long> errors = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                running.add(threads.submit(() -> {
                    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                        for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response = client.send(probe.request(),
                                        HttpResponse.BodyHandlers.ofByteArray());
                                if (response.statusCode() != 200) {
                                    errors.merge(Integer.toString(response.statusCode()), 1L, Long::sum);
                                }
                            } catch (IOException e) {
                                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            }
                            nanos[(int) i] = System.nanoTime() - sent;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(probe.name(), concurrency, nanos, Map.copyOf(errors), total / seconds);
    }

    private static Result measureWithHey(Probe probe, int concurrency, int total) throws Exception {
        Process process = new ProcessBuilder(probe.hey(concurrency, total)).redirectErrorStream(true).start();
        long started = System.nanoTime();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.waitFor() != 0) {
            throw new IllegalStateException("hey failed: " + String.join("\n", lines));
        }
        // response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
        List<String> rows = lines.stream().filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)))
                .toList();
        long[] nanos = new long[rows.size()];
        Map<String, Long> errors = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] fields = rows.get(i).split(",");
            nanos[i] = Math.round(Double.parseDouble(fields[0]) * 1e9);
            if (!fields[6].equals("200")) {
                errors.merge(fields[6], 1L, Long::sum);
            }
        }
        // hey sends total / concurrency requests from each of its workers
        int sent = total / concurrency * concurrency;
        if (rows.size() < sent) {
            errors.put("no answer", (long) (sent - rows.size()));
        }
        return new Result(probe.name(), concurrency, nanos, Map.copyOf(errors), rows.size() / seconds);
    }

    /**
     * Inventory (every interface in one of 100 sites, every address), counter samples of every interface each
     * minute, and flows spread evenly over the last hour, from 2,000 sources to 1,000 inventory addresses.
     */
    private static void fill(KafkaProducer<byte[], byte[]> producer, AvroSerdes serdes, TopicNames topics,
                             Instant now, int interfaces, int counterMinutes, int flows) {
        long before = now.minus(Duration.ofHours(2)).toEpochMilli();
        for (int i = 0; i < interfaces; i++) {
            String json = """
                    {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d,
                     "name": "xe-0/0/%d", "speed_bps": 10000000000}
                    """.formatted(interfaceId(i), siteId(i % SITES), device(i), ifIndex(i), ifIndex(i));
            producer.send(new ProducerRecord<>(topics.inventory(), null, before,
                    ("interface:" + interfaceId(i)).getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
        }
        for (int a = 0; a < ADDRESSES; a++) {
            String json = """
                    {"type": "ip", "address": "%s", "account_id": "acct-%d", "server_id": "srv-%d",
                     "server_created": "2024-05-01"}
                    """.formatted(address(a), a, a);
            producer.send(new ProducerRecord<>(topics.inventory(), null, before,
                    ("ip:" + address(a)).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        Serializer<CounterSample> counterSerializer = serdes.framed(CounterSample.class).serializer();
        Instant firstPoll = now.minus(Duration.ofMinutes(counterMinutes));
        Instant historyStart = now.minus(HISTORY);
        // the first device's interfaces (the one measured among them) also have a full day behind them
        for (Instant poll = historyStart; poll.isBefore(firstPoll); poll = poll.plus(Duration.ofMinutes(1))) {
            for (int i = 0; i < Math.min(interfaces, INTERFACES_PER_DEVICE); i++) {
                send(producer, topics, counterSerializer, i, poll, historyStart);
            }
        }
        for (int minute = 0; minute <= counterMinutes; minute++) {
            Instant poll = firstPoll.plus(Duration.ofMinutes(minute));
            for (int i = 0; i < interfaces; i++) {
                send(producer, topics, counterSerializer, i, poll, historyStart);
            }
        }
        Serializer<FlowRecord> flowSerializer = serdes.framed(FlowRecord.class).serializer();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        long stepMillis = Math.max(1, Duration.ofHours(1).toMillis() / Math.max(1, flows / SOURCES));
        for (int f = 0; f < flows; f++) {
            String exporter = source(f % SOURCES);
            Instant at = hourAgo.plusMillis((long) (f / SOURCES) * stepMillis);
            FlowRecord flow = EndToEndKit.flow(exporter, at, 1500, 3);
            flow.setDstAddr(address(f % ADDRESSES));
            producer.send(new ProducerRecord<>(topics.flows(), exporter.getBytes(StandardCharsets.UTF_8),
                    flowSerializer.serialize(topics.flows(), flow)));
        }
        producer.flush();
    }

    /** One poll of interface {@code i}: 8 Mbit/s in and 4 Mbit/s out since {@code since}. */
    private static void send(KafkaProducer<byte[], byte[]> producer, TopicNames topics,
                             Serializer<CounterSample> serializer, int i, Instant poll, Instant since) {
        long minutes = Duration.between(since, poll).toMinutes();
        CounterSample sample = EndToEndKit.sample(device(i), ifIndex(i), poll, 1_000_000_000L + minutes * 60_000_000L,
                500_000_000L + minutes * 30_000_000L);
        producer.send(new ProducerRecord<>(topics.counters(), device(i).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topics.counters(), sample)));
    }

    /** Waits until the application's committed offsets reach the end of every partition of {@code topics}. */
    private static void awaitCaughtUp(Admin admin, String applicationId, Set<String> inputs) throws Exception {
        // the inputs and every repartition topic: queries are measured once Kafka Streams has read it all
        Set<String> topics = new java.util.TreeSet<>(inputs);
        admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .forEach(topics::add);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        // A benchmark run ingests as much as it was told to: no bound, but progress every 5 s. The repartition
        // topics grow while the inputs are read, so their ends are asked again each time.
        Awaitility.await("Kafka Streams caught up").forever().pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(5)).until(() -> {
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                            admin.listOffsets(latest).all().get();
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                            .partitionsToOffsetAndMetadata().get();
                    long lag = 0;
                    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        // a transactional commit marker follows the last record, so caught up is at or past the end
                        lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                    }
                    if (lag > 0) {
                        System.out.printf(Locale.ROOT, "waiting for Kafka Streams: %d records behind%n", lag);
                    }
                    return lag == 0;
                });
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String device(int i) {
        return String.format(Locale.ROOT, "bench-dev-%04d", i / INTERFACES_PER_DEVICE);
    }

    private static int ifIndex(int i) {
        return i % INTERFACES_PER_DEVICE + 1;
    }

    private static String interfaceId(int i) {
        return String.format(Locale.ROOT, "b0000000-0000-4000-8000-%012d", i);
    }

    private static String siteId(int s) {
        return String.format(Locale.ROOT, "5e000000-0000-4000-8000-%012d", s);
    }

    private static String source(int s) {
        return "10.1." + (s / 250) + "." + (s % 250 + 1);
    }

    private static String address(int a) {
        return "10.200." + (a / 250) + "." + (a % 250 + 1);
    }
}
