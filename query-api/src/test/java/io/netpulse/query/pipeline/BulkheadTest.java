package io.netpulse.query.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.query.error.Problem;
import org.junit.jupiter.api.Test;

/** Which plans need a permit, and what happens when none is left. */
class BulkheadTest {

    private final Bulkhead bulkhead = new Bulkhead(2, 10);

    @Test
    void plansBelowTheExpensiveCostNeedNoPermit() {
        Bulkhead.Permit first = bulkhead.enter(10);
        Bulkhead.Permit second = bulkhead.enter(10);

        // both permits are taken; a plan of 9 windows still goes through, as often as asked
        assertThatCode(() -> {
            for (int i = 0; i < 100; i++) {
                bulkhead.enter(9);
            }
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> bulkhead.enter(10)).isInstanceOf(Problem.Busy.class);
        first.close();
        second.close();
    }

    @Test
    void theThirdExpensivePlanIsBusyUntilAPermitIsReturned() {
        Bulkhead.Permit first = bulkhead.enter(10);
        Bulkhead.Permit second = bulkhead.enter(Bulkhead.EVERY_KEY);

        assertThatThrownBy(() -> bulkhead.enter(10)).isInstanceOf(Problem.Busy.class)
                .hasMessage("2 expensive queries already running");
        first.close();
        Bulkhead.Permit third = bulkhead.enter(10);
        assertThatThrownBy(() -> bulkhead.enter(Bulkhead.EVERY_KEY)).isInstanceOf(Problem.Busy.class);
        second.close();
        third.close();
        assertThatCode(() -> bulkhead.enter(10)).doesNotThrowAnyException();
    }

    @Test
    void theDefaultsAreFourPermitsFromAWeekOfMinutes() {
        Bulkhead defaults = Bulkhead.defaults();

        assertThat(defaults.expensiveCost()).isEqualTo(10_080);
        for (int i = 0; i < 4; i++) {
            defaults.enter(10_080);
        }
        assertThatCode(() -> defaults.enter(10_079)).doesNotThrowAnyException();
        assertThatThrownBy(() -> defaults.enter(10_080)).isInstanceOf(Problem.Busy.class);
    }
}
