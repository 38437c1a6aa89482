package io.netpulse.query.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final HostInfo A = new HostInfo("a", 1);
    private static final HostInfo B = new HostInfo("b", 2);

    @Test
    void mergesTheAnswersInHostOrder() {
        List<String> merged = new FanOut(Duration.ofSeconds(5)).collect(List.of(A, B),
                host -> List.of(host.host() + "1", host.host() + "2"));

        assertThat(merged).containsExactly("a1", "a2", "b1", "b2");
    }

    @Test
    void oneUnavailableHostFailsTheRound() {
        FanOut fanOut = new FanOut(Duration.ofSeconds(5));

        assertThatThrownBy(() -> fanOut.collect(List.of(A, B), host -> {
            if (host.equals(B)) {
                throw new StoreUnavailableException("b is rebalancing");
            }
            return List.of("a1");
        })).isInstanceOf(StoreUnavailableException.class).hasMessage("b is rebalancing");
    }

    @Test
    void aHostPastTheDeadlineFailsTheRound() {
        CountDownLatch never = new CountDownLatch(1);
        FanOut fanOut = new FanOut(Duration.ofMillis(50));

        assertThatThrownBy(() -> fanOut.collect(List.of(A, B), host -> {
            if (host.equals(B)) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of(host.host());
        })).isInstanceOf(StoreUnavailableException.class).hasMessage("instance b:2 did not answer within PT0.05S");
    }

    @Test
    void aFaultIsNotMistakenForUnavailability() {
        FanOut fanOut = new FanOut(Duration.ofSeconds(5));

        assertThatThrownBy(() -> fanOut.collect(List.of(A), host -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
    }
}
