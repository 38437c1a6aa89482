package io.netpulse.app;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the KafkaStreams client and answers the two health questions at {@code /observe/health}.
 *
 * <ul>
 *   <li>Live: no stream thread has died and the client is not in {@code ERROR}/{@code PENDING_ERROR}. A dead
 *       instance must be restarted by its supervisor; its local state makes the restart quick.</li>
 *   <li>Ready: the first restore has finished (the client reached {@code RUNNING} once, which Kafka Streams does
 *       only after every active task restored its stores) and the client is {@code RUNNING} or
 *       {@code REBALANCING}. A rebalance keeps the instance ready, so a rebalance never takes every instance out
 *       of a load balancer at once; a query that cannot be answered meanwhile gets its own 503.</li>
 * </ul>
 *
 * <p>It is also the uncaught-exception handler, answering {@code SHUTDOWN_CLIENT}: Kafka Streams already retries
 * what is transient (timeouts up to {@code task.timeout.ms}, migrated or corrupted tasks), and bad input never
 * throws here (the dead-letter handlers take it), so what arrives is a bug or a broken environment. Replacing the
 * thread would replay the same input into the same failure while looking healthy; shutting the client down makes
 * the instance not live, so its supervisor restarts it.
 */
public final class StreamsHealth implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsHealth.class);

    private final Optional<Instant> processStart;
    private volatile State state = State.CREATED;
    private volatile boolean restored;
    private final AtomicInteger deadThreads = new AtomicInteger();

    /** @param processStart when the JVM started, to log how long the first restore took */
    public StreamsHealth(Optional<Instant> processStart) {
        this.processStart = processStart;
    }

    @Override
    public void onChange(State newState, State oldState) {
        state = newState;
        LOG.info("Kafka Streams {} -> {}", oldState, newState);
        if (newState == State.RUNNING && !restored) {
            restored = true;
            LOG.info("Ready: every store restored{}", processStart
                    .map(start -> ", " + Duration.between(start, Instant.now()).toMillis() + " ms after JVM start")
                    .orElse(""));
        }
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        deadThreads.incrementAndGet();
        LOG.error("A stream thread died; shutting Kafka Streams down so the instance reports not live", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** True while no thread died and the client is not failing. */
    public boolean live() {
        return deadThreads.get() == 0 && state != State.ERROR && state != State.PENDING_ERROR;
    }

    /** True once the first restore finished, while running or rebalancing. */
    public boolean ready() {
        return restored && (state == State.RUNNING || state == State.REBALANCING);
    }

    /** The liveness check, named {@code kafka-streams-live}. */
    public HealthCheck liveness() {
        return check(HealthCheckType.LIVENESS, "kafka-streams-live", this::live);
    }

    /** The readiness check, named {@code kafka-streams-ready}. */
    public HealthCheck readiness() {
        return check(HealthCheckType.READINESS, "kafka-streams-ready", this::ready);
    }

    private HealthCheck check(HealthCheckType type, String name, java.util.function.BooleanSupplier up) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder()
                        .status(up.getAsBoolean())
                        .detail("state", state.name())
                        .detail("restored", restored)
                        .detail("deadThreads", deadThreads.get())
                        .build();
            }
        };
    }
}
