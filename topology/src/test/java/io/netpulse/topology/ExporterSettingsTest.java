package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExporterSettingsTest {

    @Test
    void defaultsAreTelegrafsAndGoflow2sOwn() {
        assertThat(ExporterSettings.defaults()).isEqualTo(new ExporterSettings(
                new ExporterSettings.Telegraf(Duration.ofSeconds(1), Set.of("interface"), "snmp",
                        List.of("sysUpTime", "sysUptime", "uptime"), ExporterSettings.UptimeUnit.SECONDS,
                        Duration.ofSeconds(5), Duration.ofMinutes(15)),
                new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1s   | PT1S
            1ms  | PT0.001S
            10ms | PT0.01S
            1us  | PT0.000001S
            1µs  | PT0.000001S
            1ns  | PT0.000000001S
            """)
    void readsTelegrafTimestampUnits(String telegraf, Duration unit) {
        assertThat(ExporterSettings.Telegraf.timestampUnit(telegraf)).isEqualTo(unit);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PT1S           | 1s
            PT0.001S       | 1ms
            PT0.01S        | 10ms
            PT0.1S         | 100ms
            PT0.000001S    | 1us
            PT0.0000001S   | 100ns
            PT0.000000001S | 1ns
            """)
    void writesTelegrafTimestampUnitsAsTelegrafDoes(Duration unit, String telegraf) {
        assertThat(ExporterSettings.Telegraf.timestampUnitText(unit)).isEqualTo(telegraf);
        assertThat(ExporterSettings.Telegraf.timestampUnit(telegraf)).isEqualTo(unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "1m", "1h", "one second", "1 s", ""})
    void rejectsWhatIsNotATelegrafDuration(String telegraf) {
        assertThatThrownBy(() -> ExporterSettings.Telegraf.timestampUnit(telegraf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Telegraf duration such as 1s, 1ms, 1us or 1ns: " + telegraf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2s", "5ms", "10s", "0s"})
    void acceptsOnlyPowersOfTenFromANanosecondToASecond(String telegraf) {
        Duration unit = ExporterSettings.Telegraf.timestampUnit(telegraf);
        assertThatThrownBy(() -> telegrafWith(unit, Set.of("interface"), "snmp", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Telegraf timestamp unit must be a power of ten from 1ns to 1s: " + unit);
    }

    @Test
    void rejectsAnUptimeMeasurementThatIsAlsoAnInterfaceMeasurement() {
        assertThatThrownBy(() -> telegrafWith(Duration.ofSeconds(1), Set.of("interface", "snmp"), "snmp",
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Telegraf uptime measurement 'snmp' is also an interface measurement");
    }

    @Test
    void rejectsAZeroPollWindow() {
        assertThatThrownBy(() -> telegrafWith(Duration.ofSeconds(1), Set.of("interface"), "snmp", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pollWindow must be positive: PT0S");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            json     | JSON
            JSON     | JSON
            protobuf | PROTOBUF
            bin      | PROTOBUF
            """)
    void readsTheGoflow2FormatByEitherName(String text, ExporterSettings.Goflow2Format format) {
        assertThat(ExporterSettings.Goflow2Format.parse(text)).isEqualTo(format);
    }

    @Test
    void rejectsAnotherGoflow2Format() {
        assertThatThrownBy(() -> ExporterSettings.Goflow2Format.parse("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("goflow2 format must be json or protobuf (goflow2 -format=bin): text");
    }

    private static ExporterSettings.Telegraf telegrafWith(Duration unit, Set<String> interfaces, String uptime,
                                                          Duration pollWindow) {
        return new ExporterSettings.Telegraf(unit, interfaces, uptime, List.of("sysUpTime"),
                ExporterSettings.UptimeUnit.SECONDS, pollWindow, Duration.ofMinutes(15));
    }
}
