package io.netpulse.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.pipeline.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDatapointTest {

    private static String json(Object value) {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }

    @Test
    void aPointIsItsClockAndAPlainDecimalRoundedHalfEvenToThreePlaces() {
        assertThat(json(new MetricDatapoint("2026-12-01 00:00:00", 1.2E7)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:00:00\",\"value\":12000000}");
        // 1234.5675 lies halfway: the even neighbour 1234.568 wins; 0.0125 goes down to 0.012 the same way.
        assertThat(json(new MetricDatapoint("2026-12-01 00:01:00", 1234.5675)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:01:00\",\"value\":1234.568}");
        assertThat(json(new MetricDatapoint("2026-12-01 00:02:00", 0.0125)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:02:00\",\"value\":0.012}");
        // Under half a thousandth is zero, and a large rate keeps every digit instead of an exponent.
        assertThat(json(new MetricDatapoint("2026-12-01 00:03:00", 2.5E-4)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:03:00\",\"value\":0}");
        assertThat(json(new MetricDatapoint("2026-12-01 00:04:00", 1.0E21)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:04:00\",\"value\":1000000000000000000000}");
    }

    @Test
    void theAnswerListsBothSeriesInOrder() {
        InterfaceMetrics metrics = new InterfaceMetrics(
                List.of(new MetricDatapoint("2026-12-01 00:00:00", 800.0),
                        new MetricDatapoint("2026-12-01 00:01:00", 1600.5)),
                List.of(new MetricDatapoint("2026-12-01 00:00:00", 80.25),
                        new MetricDatapoint("2026-12-01 00:01:00", 0.0)));
        assertThat(json(metrics)).isEqualTo("{\"ifInOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":800},"
                + "{\"clock\":\"2026-12-01 00:01:00\",\"value\":1600.5}],\"ifOutOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":80.25},"
                + "{\"clock\":\"2026-12-01 00:01:00\",\"value\":0}]}");
    }
}
