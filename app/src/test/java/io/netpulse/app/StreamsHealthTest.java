package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    private final StreamsHealth health = new StreamsHealth(Optional.empty());

    @Test
    void liveButNotReadyBeforeTheFirstRestoreFinishes() {
        health.onChange(State.REBALANCING, State.CREATED);

        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        assertThat(health.readiness().call().details())
                .isEqualTo(Map.of("state", "REBALANCING", "restored", false, "deadThreads", 0));
    }

    @Test
    void readyOnceRunningAndStillReadyWhileRebalancing() {
        health.onChange(State.REBALANCING, State.CREATED);
        health.onChange(State.RUNNING, State.REBALANCING);
        assertThat(health.ready()).isTrue();

        health.onChange(State.REBALANCING, State.RUNNING);

        assertThat(health.ready()).as("a rebalance keeps the instance in the load balancer").isTrue();
        assertThat(health.readiness().call().status()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void notReadyWhileShuttingDown() {
        health.onChange(State.RUNNING, State.REBALANCING);
        health.onChange(State.PENDING_SHUTDOWN, State.RUNNING);

        assertThat(health.ready()).isFalse();
        assertThat(health.live()).isTrue();
    }

    @Test
    void aDeadThreadShutsTheClientDownAndMakesTheInstanceNotLive() {
        health.onChange(State.RUNNING, State.REBALANCING);

        StreamThreadExceptionResponse response = health.handle(new IllegalStateException("bug"));

        assertThat(response).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(health.live()).isFalse();
        assertThat(health.liveness().call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(health.liveness().call().details())
                .isEqualTo(Map.of("state", "RUNNING", "restored", true, "deadThreads", 1));
    }

    @Test
    void errorStatesAreNotLive() {
        health.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(health.live()).isFalse();
        health.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(health.live()).isFalse();
        assertThat(health.ready()).isFalse();
    }

    @Test
    void checksAreNamedAndTyped() {
        assertThat(health.liveness().type()).isEqualTo(HealthCheckType.LIVENESS);
        assertThat(health.readiness().type()).isEqualTo(HealthCheckType.READINESS);
        assertThat(health.liveness().name()).isEqualTo("kafka-streams-live");
        assertThat(health.readiness().name()).isEqualTo("kafka-streams-ready");
    }
}
