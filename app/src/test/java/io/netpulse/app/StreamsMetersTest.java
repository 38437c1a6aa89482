package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.metrics.api.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Which registry the Kafka Streams binder writes to: the Prometheus one Helidon formats, never its composite. */
class StreamsMetersTest {

    @Test
    void thePrometheusRegistryIsFoundUnderTheComposite() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry inner = new CompositeMeterRegistry();
        inner.add(prometheus);
        CompositeMeterRegistry outer = new CompositeMeterRegistry();
        outer.add(new SimpleMeterRegistry());
        outer.add(inner);

        assertThat(StreamsMeters.prometheus(outer)).isSameAs(prometheus);
        assertThat(StreamsMeters.prometheus(prometheus)).isSameAs(prometheus);
    }

    @Test
    void aRegistryWithoutPrometheusIsRefusedByName() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());

        assertThatThrownBy(() -> StreamsMeters.prometheus(composite))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Prometheus registry behind Helidon's metrics: ");
    }

    @Test
    void helidonsRegistryHasOneAndItIsNotTheCompositeHelidonListensTo() {
        MeterRegistry helidon = Metrics.globalRegistry().unwrap(MeterRegistry.class);

        assertThat(helidon).isInstanceOf(CompositeMeterRegistry.class);
        assertThat(StreamsMeters.prometheus(helidon)).isNotSameAs(helidon)
                .isIn(((CompositeMeterRegistry) helidon).getRegistries());
    }
}
