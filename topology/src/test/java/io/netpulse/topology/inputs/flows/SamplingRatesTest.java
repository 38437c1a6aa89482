package io.netpulse.topology.inputs.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopologySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingRatesTest {

    private final SamplingRates rates = new SamplingRates(1, Map.of("192.0.2.1", 1000L, "2001:0db8::0001", 512L));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a given rate wins over the exporter's entry     | 192.0.2.1   | 100 | 100
            rate 0 with the exporter's entry                | 192.0.2.1   | 0   | 1000
            rate 0 without an entry: the default            | 192.0.2.99  | 0   | 1
            entries are matched on canonical addresses      | 2001:db8::1 | 0   | 512
            a given rate 1 (not sampled) stays              | 192.0.2.1   | 1   | 1
            """)
    void appliesTheExporterRateOnlyWhenTheRecordHasNone(String description, String exporter, long given,
                                                        long expected) {
        assertThat(rates.rateFor(exporter, given)).isEqualTo(expected);
    }

    @Test
    void takesTheDefaultFromTheFlowSettings() {
        TopologySettings.FlowSettings defaults = TopologySettings.FlowSettings.defaults();
        TopologySettings.FlowSettings flows = new TopologySettings.FlowSettings(defaults.grace(),
                defaults.secondRetention(), defaults.minuteRetention(), defaults.hourRetention(), 64);
        SamplingRates of = SamplingRates.of(flows, new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON,
                Map.of("::ffff:198.51.100.7", 2048L)));

        assertThat(of).isEqualTo(new SamplingRates(64, Map.of("198.51.100.7", 2048L)));
        assertThat(of.rateFor("203.0.113.5", 0)).isEqualTo(64);
    }

    @Test
    void rejectsRatesBelowOne() {
        assertThatThrownBy(() -> new SamplingRates(0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default sampling rate must be at least 1 (1 = not sampled): 0");
        assertThatThrownBy(() -> new SamplingRates(1, Map.of("192.0.2.1", -5L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampling rate of exporter 192.0.2.1 must be at least 1 (1 = not sampled): -5");
    }

    @Test
    void rejectsAnExporterThatIsNotAnAddressOrIsWrittenTwice() {
        assertThatThrownBy(() -> new SamplingRates(1, Map.of("router1", 10L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IPv4 or IPv6 address: 'router1'");
        assertThatThrownBy(() -> new SamplingRates(1, Map.of("2001:db8::1", 10L, "2001:DB8:0::1", 20L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporter 2001:db8::1 has two sampling rates (the same address written twice)");
    }
}
