package io.netpulse.query.pipeline;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every request to an API, refusals included, as one timer {@value #NAME} with a latency
 * histogram: labelled by {@code api} (its name, one per API), {@code status} (the HTTP status sent) and
 * {@code listener} ({@code public}, or {@code peer} for a request another instance forwarded). Every label takes
 * few values, whatever the requests: the API is known from the route, the status is one the pipeline sends.
 */
public final class RequestMetrics {

    /** The timer's name; Prometheus shows it as {@code netpulse_http_requests_seconds}. */
    public static final String NAME = "netpulse.http.requests";

    /** Bucket bounds of the latency histogram: from the 1 ms of a cached answer to the forward timeout. */
    static final List<Duration> BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** Each API's label by its name, made once rather than by a regular expression on every request. */
    private static final Map<String, String> LABELS = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private RequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Request metrics kept in {@code registry}. */
    public static RequestMetrics of(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    /** Records one answered request of {@code api}. */
    void record(Api api, boolean forwarded, int status, long nanos) {
        timer(label(api), forwarded ? "peer" : "public", status).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The timer of one API, listener and status (created on first use). */
    public Timer timer(String api, String listener, int status) {
        return timers.computeIfAbsent(api + '|' + listener + '|' + status, key -> registry.getOrCreate(
                Timer.builder(NAME)
                        .description("Requests to an API, by API, listener and status, with their latency")
                        .tags(List.of(Tag.create("api", api), Tag.create("listener", listener),
                                Tag.create("status", Integer.toString(status))))
                        .buckets(BUCKETS.toArray(Duration[]::new))));
    }

    /** The {@code api} label of an API: its name in lower case with underscores ({@code interface_metrics}). */
    public static String label(Api api) {
        return LABELS.computeIfAbsent(api.name(),
                name -> name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
    }
}
