package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EndToEndKit.flow;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.postJson;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.recentMinute;
import static io.netpulse.app.EndToEndKit.sample;
import static io.netpulse.app.EndToEndKit.sendUntil;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium, Debian's {@code chromium}; {@code .ci/run} installs it): against
 * a running instance fed a fixed input, the page shows exactly the values the APIs answer for it, computed here by
 * hand, and with a bad token it shows the API's own 401 body. A screenshot is left in {@code target/} for a person.
 */
class DashboardBrowserTest {

    private static final String SITE = "dddddddd-0000-4000-8000-00000000000d";
    private static final String INTERFACE = "dddddddd-1111-4000-8000-000000000001";
    private static final String DEVICE = "dash-edge-1";
    private static final String EXPORTER = "192.0.2.77";
    /** 7,500,000 octets a minute in: 1,000,000 bit/s; 1,500,000 out: 200,000 bit/s. */
    private static final long IN_PER_MINUTE = 7_500_000;
    private static final long OUT_PER_MINUTE = 1_500_000;
    private static final int INTERVALS = 8;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void thePageShowsWhatTheApisAnswerAndTheirErrorsAsTheyWroteThem() throws Exception {
        int httpPort = freePort();
        AppConfig config = config(environment(dir.resolve("state"), httpPort));
        String base = "http://127.0.0.1:" + httpPort;
        try (Netpulse netpulse = new Netpulse(config).start();
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(
                     RegistrySettings.of(URI.create(base + "/registry")))) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            Optional<String> token = Optional.of(Files.readString(netpulse.demoToken().orElseThrow()).strip());
            AvroSerdes serdes = new AvroSerdes(registry);
            String bootstrap = netpulse.bootstrapServers();

            produce(bootstrap, List.of(record(config.topics().names().inventory(), "interface:" + INTERFACE, """
                    {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": 1,
                     "name": "xe-0/0/1"}""".formatted(INTERFACE, SITE, DEVICE).getBytes(StandardCharsets.UTF_8))));
            sendUntil(() -> withToken(get(base + "/interfaces"), token),
                    response -> response.body().contains(INTERFACE));

            // Nine polls a minute apart: eight one-minute intervals of 1,000,000 bit/s in and 200,000 out, so the
            // site transfers 8 x (7,500,000 + 1,500,000) = 72,000,000 bytes.
            Instant t0 = recentMinute();
            String counters = config.topics().names().counters();
            List<ProducerRecord<byte[], byte[]>> polls = new ArrayList<>();
            for (int minute = 0; minute <= INTERVALS; minute++) {
                CounterSample poll = sample(DEVICE, 1, t0.plus(Duration.ofMinutes(minute)),
                        1_000_000_000L + minute * IN_PER_MINUTE, 5_000_000L + minute * OUT_PER_MINUTE);
                polls.add(record(counters, DEVICE, serdes.framed(CounterSample.class).serializer()
                        .serialize(counters, poll)));
            }
            // One exporter: ten flows of 1,000 bytes in one second and five in the next, three minutes ago: 15
            // flows, a peak of 10 flows (10,000 bytes) in a second.
            Instant second = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60).minusSeconds(180);
            String flows = config.topics().names().flows();
            for (int i = 0; i < 15; i++) {
                FlowRecord one = flow(EXPORTER, second.plusSeconds(i < 10 ? 0 : 1), 1_000, 1);
                polls.add(record(flows, EXPORTER, serdes.framed(FlowRecord.class).serializer()
                        .serialize(flows, one)));
            }
            produce(bootstrap, polls);

            String range = "{\"from\":\"" + t0 + "\",\"to\":\"" + t0.plus(Duration.ofMinutes(INTERVALS)) + "\"}";
            sendUntil(() -> withToken(postJson(base + "/metrics/interfaces/" + INTERFACE + "/metrics", range), token),
                    response -> response.body().split("\"value\":1000000").length - 1 == INTERVALS);
            sendUntil(() -> withToken(get(base + "/metrics/dashboard/data-transferred?site_ids=" + SITE), token),
                    response -> totalCombined(response.body()) == 72_000_000L);
            sendUntil(() -> withToken(postJson(base + "/api/mgmt.flowgateway_analytics/1.0/import_stats",
                            "{\"stats_type\":\"flows_per_minute\",\"interval_type\":\"minutes\",\"time_interval\":10,"
                                    + "\"source_ip\":\"" + EXPORTER + "\"}"), token),
                    response -> response.body().contains("\"n_flows\":15"));

            String page = browse(base + "/#token=" + token.get(), null);
            assertThat(attribute(page, "body", "data-refreshes")).as("the page refreshed once at least")
                    .isNotEmpty();
            assertThat(page).as("no API answered an error").doesNotContain("class=\"api-error\"");
            // the five latest minutes, newest first, at the exact rates
            List<String> rows = matches(page,
                    "<tr data-clock=\"([^\"]+)\" data-in=\"([^\"]+)\" data-out=\"([^\"]+)\">");
            List<String> expected = new ArrayList<>();
            for (int minute = INTERVALS - 1; minute >= INTERVALS - 5; minute--) {
                expected.add(CLOCK.format(t0.plus(Duration.ofMinutes(minute))) + " 1000000 200000");
            }
            assertThat(rows).isEqualTo(expected);
            assertThat(matches(page, "<div class=\"bar\" data-site=\"([^\"]+)\" data-bytes=\"([^\"]+)\">"))
                    .containsExactly(SITE + " 72000000");
            assertThat(matches(page,
                    "<tr data-source=\"([^\"]+)\" data-flows=\"([^\"]+)\" data-peak-flows=\"([^\"]+)\">"))
                    .containsExactly(EXPORTER + " 15 10");

            // This month's 95th percentile of the interface's 5-minute slots: with at most 19 slots the nearest rank
            // ceil(0.95 n) is the largest, the slot holding most of the eight minutes (1,000,000 bit/s in and
            // 200,000 out while covered, so minutes x 200,000 and minutes x 40,000 averaged over five minutes).
            Map<Instant, Integer> minutesPerSlot = new TreeMap<>();
            Instant month = t0.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
            for (int minute = 0; minute < INTERVALS; minute++) {
                Instant at = t0.plus(Duration.ofMinutes(minute));
                if (!at.isBefore(month) && at.atZone(ZoneOffset.UTC).getMonth()
                        == Instant.now().atZone(ZoneOffset.UTC).getMonth()) {
                    minutesPerSlot.merge(Instant.ofEpochSecond(at.getEpochSecond() / 300 * 300), 1, Integer::sum);
                }
            }
            int most = minutesPerSlot.values().stream().max(Integer::compare).orElse(0);
            assertThat(matches(page, "<tr data-samples=\"([^\"]+)\" data-in=\"([^\"]+)\" data-out=\"([^\"]+)\"[^>]*>"))
                    .containsExactly(minutesPerSlot.isEmpty() ? "0 null null"
                            : minutesPerSlot.size() + " " + most * 200_000 + " " + most * 40_000);

            Path screenshot = Path.of("target", "dashboard.png");
            browse(base + "/#token=" + token.get(), screenshot);
            assertThat(Files.size(screenshot)).as("a screenshot for a person to look at").isGreaterThan(10_000);

            String refused = browse(base + "/#token=not-a-token", null);
            assertThat(matches(refused, "<li class=\"api-error\" data-status=\"([0-9]+)\">"))
                    .as("every API call refused, shown with its status").isNotEmpty().containsOnly("401");
            assertThat(refused).as("each API's own 401 body, as it wrote it")
                    .contains("<div>GET /interfaces answered 401 Unauthorized</div>"
                            + "<pre>{\"type\":\"authentication_error\",\"code\":\"invalid_token\","
                            + "\"message\":\"The bearer token is malformed.\"")
                    .contains("<div>POST /api/mgmt.flowgateway_analytics/1.0/import_stats answered 401"
                            + " Unauthorized</div><pre>{\"error_id\":\"AUTH_INVALID_CREDENTIALS\"");
        }
    }

    /** The page after its scripts ran (DOM dumped by headless Chromium), or its screenshot when {@code png} is set. */
    private static String browse(String url, Path png) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1400,1000", "--virtual-time-budget=10000"));
        command.add(png == null ? "--dump-dom" : "--screenshot=" + png.toAbsolutePath());
        command.add(url);
        Path out = Files.createTempFile("chromium", ".html");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + BROWSER_TIMEOUT);
            }
            assertThat(process.exitValue()).as("chromium's exit status").isZero();
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Debian's chromium (or NETPULSE_CHROMIUM): the test needs a real browser and says so when there is none. */
    private static String chromium() {
        String configured = System.getenv("NETPULSE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(":")).map(path -> Path.of(path, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chromium on PATH: install Debian's chromium package "
                        + "(.ci/run does) or set NETPULSE_CHROMIUM to a Chromium or Chrome binary"));
    }

    private static long totalCombined(String body) {
        Matcher matcher = Pattern.compile("\"total_combined_bytes\":(\\d+)").matcher(body);
        long total = 0;
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }

    /** Each match of {@code regex} as its groups joined by spaces. */
    private static List<String> matches(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            List<String> groups = new ArrayList<>();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                groups.add(matcher.group(group));
            }
            found.add(String.join(" ", groups));
        }
        return found;
    }

    private static String attribute(String page, String element, String name) {
        Matcher matcher = Pattern.compile("<" + element + "[^>]* " + name + "=\"([^\"]*)\"").matcher(page);
        return matcher.find() ? matcher.group(1) : "";
    }
}
