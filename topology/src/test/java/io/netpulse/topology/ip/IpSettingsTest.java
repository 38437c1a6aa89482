package io.netpulse.topology.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpSettingsTest {

    @Test
    void defaultsAreTenMinuteSamplesKeptSevenDaysHoursNinetyDaysDaysTwoYears() {
        assertThat(IpSettings.defaults()).isEqualTo(new IpSettings(Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofDays(90), Duration.ofDays(730)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1M", "PT5M", "PT15M", "PT30M", "PT1H"})
    void sampleLengthsThatDivideAnHourAreAccepted(String length) {
        IpSettings defaults = IpSettings.defaults();

        assertThat(new IpSettings(Duration.parse(length), defaults.sampleRetention(), defaults.hourRetention(),
                defaults.dayRetention()).sampleLength()).isEqualTo(Duration.parse(length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT7M", "PT2H", "PT0S", "PT-10M", "PT0.0000001S"})
    void sampleLengthsThatDoNotDivideAnHourAreRefused(String length) {
        IpSettings defaults = IpSettings.defaults();

        assertThatThrownBy(() -> new IpSettings(Duration.parse(length), defaults.sampleRetention(),
                defaults.hourRetention(), defaults.dayRetention()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the sample length must be a whole number of milliseconds that divides an hour"
                        + " (10 minutes, 15 minutes, 1 hour...): " + Duration.parse(length));
    }
}
