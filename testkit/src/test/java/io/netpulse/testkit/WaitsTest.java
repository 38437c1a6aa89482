package io.netpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void lastOfReturnsTheFirstAcceptedValueReadInTheTestsThread() {
        AtomicInteger reads = new AtomicInteger();
        Thread test = Thread.currentThread();

        int accepted = Waits.lastOf(Waits.await("the third read", Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(1)), () -> {
                    assertThat(Thread.currentThread()).isSameAs(test);
                    return reads.incrementAndGet();
                }, read -> read == 3);

        assertThat(accepted).isEqualTo(3);
        assertThat(reads).hasValue(3);
    }

    @Test
    void lastOfReturnsTheLastValueWhenNoneIsAcceptedInTime() {
        AtomicInteger reads = new AtomicInteger();

        int last = Waits.lastOf(Waits.await("a read that never comes", Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(100)), reads::incrementAndGet, read -> false);

        assertThat(last).isEqualTo(reads.get()).isPositive();
    }

    @Test
    void aWaitThatTimesOutNamesWhatItWaitedFor() {
        assertThatThrownBy(() -> Waits.await("the broker to start", Duration.ofMillis(200)).until(() -> false))
                .isInstanceOf(ConditionTimeoutException.class)
                .hasMessageContaining("the broker to start");
    }
}
