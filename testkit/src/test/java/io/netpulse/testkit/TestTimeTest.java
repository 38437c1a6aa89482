package io.netpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestTimeTest {

    @Test
    void theFixedClockStandsStillAtT0InUtc() {
        assertThat(TestTime.T0).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(TestTime.fixedClock().instant()).isEqualTo(TestTime.T0);
        assertThat(TestTime.fixedClock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(TestTime.fixedAt(TestTime.T0.plusSeconds(90)).millis())
                .isEqualTo(Instant.parse("2026-01-01T00:01:30Z").toEpochMilli());
    }
}
