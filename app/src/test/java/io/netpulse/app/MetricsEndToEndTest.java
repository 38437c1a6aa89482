package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.demoToken;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.send;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpulse.topology.TopologyMetrics;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes /observe/metrics of a running demo instance and holds it against docs/metrics.md: every family and label
 * in the scrape is documented, every family documented as always shown is there, and the operator's first metrics
 * say what they should (INFO recording level, every stream thread alive, netpulse's counters by source).
 */
class MetricsEndToEndTest {

    private static final Path DOC = Path.of("..", "docs", "metrics.md");
    private static final String FAMILIES_HEADER = "| Family | Type | Labels | Shown | Meaning |";
    private static final String LABELS_HEADER = "| Label | Values and bound |";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern TYPE_LINE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path stateDir;

    /** A row of the families table; a name ending in {@code *} is a prefix. */
    private record Documented(String family, Set<String> types, Set<String> labels, String shown) {
        boolean isPrefix() {
            return family.endsWith("*");
        }

        boolean matches(String name) {
            return isPrefix() ? name.startsWith(family.substring(0, family.length() - 1)) : name.equals(family);
        }
    }

    /** One sample of the scrape, under the family of the {@code # TYPE} line before it. */
    private record Series(String family, String sample, Map<String, String> labels, double value) {
    }

    private record Scrape(Map<String, String> types, List<Series> series, List<String> duplicateFamilies) {
    }

    @Test
    void everyFamilyAndLabelOfARunningInstanceIsDocumentedAndTheDocumentedOnesAreThere() throws IOException {
        int httpPort = freePort();
        Map<String, String> environment = environment(stateDir, httpPort);
        environment.put("NETPULSE_DEMO_EXPORTER", "true");
        AppConfig config = config(environment);
        String base = "http://127.0.0.1:" + httpPort;
        List<Documented> documented = families();
        Set<String> describedLabels = describedLabels();

        try (Netpulse netpulse = new Netpulse(config).start()) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            Optional<String> token = demoToken(stateDir);
            assertThat(send(get(base + "/interfaces")).statusCode()).isEqualTo(401);
            assertThat(send(withToken(get(base + "/interfaces"), token)).statusCode()).isEqualTo(200);
            // The binder looks for new Kafka metrics once a minute: wait in the registry, not by scraping 3 MB.
            MeterRegistry registry = StreamsMeters.prometheus(Metrics.globalRegistry().unwrap(MeterRegistry.class));
            // A pass binds thousands of meters: wait for those asserted below and for the pass to end.
            List<String> sources = List.of(TopologyMetrics.ALL, config.topics().names().counters(),
                    config.topics().names().flows());
            AtomicInteger lastCount = new AtomicInteger();
            EndToEndKit.await("task, store, lag and netpulse meters bound", () ->
                    registry.find("kafka.stream.state.block.cache.usage").meter() != null
                            && registry.find("kafka.consumer.fetch.manager.records.lag").meter() != null
                            && registry.find("kafka.stream.task.dropped.records.total").meter() != null
                            && sources.stream().allMatch(source -> registry.find("netpulse.ingest.accepted.total")
                                    .tag(StreamsMeters.SOURCE_LABEL, source).meter() != null)
                            && registry.getMeters().size() == lastCount.getAndSet(registry.getMeters().size()));

            HttpResponse<String> response = send(get(base + "/observe/metrics"));
            assertThat(response.statusCode()).isEqualTo(200);
            // Kept for a person to look at, like the dashboard's screenshot.
            Files.writeString(Path.of("target", "metrics-scrape.txt"), response.body());
            Scrape scrape = parse(response.body());

            assertThat(scrape.duplicateFamilies()).as("families shown twice (a meter bound twice)").isEmpty();
            Map<String, Documented> rowOf = new LinkedHashMap<>();
            List<String> undocumented = new ArrayList<>();
            for (Map.Entry<String, String> family : scrape.types().entrySet()) {
                row(documented, family.getKey()).ifPresentOrElse(row -> rowOf.put(family.getKey(), row),
                        () -> undocumented.add(family.getKey() + " (" + family.getValue() + ")"));
            }
            assertThat(undocumented).as("families in the scrape missing from docs/metrics.md").isEmpty();
            assertThat(rowOf.entrySet().stream()
                    .filter(entry -> !entry.getValue().types().contains(scrape.types().get(entry.getKey())))
                    .map(entry -> entry.getKey() + " is " + scrape.types().get(entry.getKey()) + ", documented "
                            + entry.getValue().types()))
                    .as("family types").isEmpty();
            Set<String> undocumentedLabels = scrape.series().stream()
                    .flatMap(series -> series.labels().keySet().stream()
                            .filter(label -> !rowOf.get(series.family()).labels().contains(label))
                            .map(label -> series.family() + " has label " + label))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(undocumentedLabels).as("labels in the scrape missing from their family's row").isEmpty();
            assertThat(documented.stream()
                    .filter(row -> row.shown().equals("always") || row.shown().equals("after a request"))
                    .filter(row -> scrape.types().keySet().stream().noneMatch(row::matches))
                    .map(Documented::family))
                    .as("families documented as shown that the scrape lacks").isEmpty();
            assertThat(documented.stream().flatMap(row -> row.labels().stream())
                    .filter(label -> !describedLabels.contains(label)).distinct())
                    .as("labels of the families table missing from the labels table").isEmpty();

            assertThat(values(scrape, "kafka_stream_recording_level")).as("INFO is level 0").containsExactly(0.0);
            assertThat(values(scrape, "kafka_stream_alive_stream_threads"))
                    .containsExactly((double) StreamsProperties.DEFAULT_STREAM_THREADS);
            assertThat(values(scrape, "kafka_stream_failed_stream_threads_total")).containsExactly(0.0);
            assertThat(scrape.series().stream()
                    .filter(series -> series.family().equals("kafka_consumer_fetch_manager_records_lag"))
                    .map(series -> series.labels().get("topic"))
                    .collect(Collectors.toSet()))
                    .as("lag per partition of the inputs").contains(config.topics().names().counters());
            assertThat(scrape.series().stream()
                    .filter(series -> series.family().equals("netpulse_ingest_accepted_total"))
                    .map(series -> series.labels().get(StreamsMeters.SOURCE_LABEL))
                    .collect(Collectors.toSet()))
                    .as("accepted records by input topic and in total")
                    .containsAll(sources);
            assertThat(scrape.series().stream()
                    .filter(series -> series.family().equals("netpulse_http_requests_seconds")
                            && series.sample().equals("netpulse_http_requests_seconds_count"))
                    .map(series -> series.labels().get("api") + " " + series.labels().get("status")))
                    .as("the two requests above").contains("interface_metrics 401", "interface_metrics 200");
        }
    }

    private static Optional<Documented> row(List<Documented> documented, String family) {
        return documented.stream().filter(row -> row.matches(family))
                .max(Comparator.comparing((Documented row) -> !row.isPrefix())
                        .thenComparing(row -> row.family().length()));
    }

    private static List<Double> values(Scrape scrape, String family) {
        return scrape.series().stream().filter(series -> series.family().equals(family)).map(Series::value).toList();
    }

    private static Scrape parse(String body) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Series> series = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        String family = null;
        for (String line : body.lines().toList()) {
            Matcher type = TYPE_LINE.matcher(line);
            if (type.matches()) {
                family = type.group(1);
                if (types.put(family, type.group(2)) != null) {
                    duplicates.add(family);
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
                assertThat(family).as("a # TYPE line before %s", line).isNotNull();
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                series.add(new Series(family, sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return new Scrape(types, series, duplicates);
    }

    private static List<Documented> families() throws IOException {
        List<Documented> rows = new ArrayList<>();
        for (List<String> cells : table(FAMILIES_HEADER)) {
            rows.add(new Documented(code(cells.get(0)).getFirst(),
                    Arrays.stream(cells.get(1).split(",")).map(String::trim).collect(Collectors.toSet()),
                    Set.copyOf(code(cells.get(2))), cells.get(3)));
        }
        assertThat(rows).as("docs/metrics.md families table").hasSizeGreaterThan(10);
        return rows;
    }

    private static Set<String> describedLabels() throws IOException {
        return table(LABELS_HEADER).stream().flatMap(cells -> code(cells.get(0)).stream())
                .collect(Collectors.toSet());
    }

    /** The rows of the table under {@code header}, as trimmed cells. */
    private static List<List<String>> table(String header) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(header);
        assertThat(start).as("docs/metrics.md has the table %s", header).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            rows.add(Arrays.stream(cells).map(String::trim).toList());
        }
        return rows;
    }

    private static List<String> code(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
