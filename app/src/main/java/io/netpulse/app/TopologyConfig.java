package io.netpulse.app;

import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings.RateSettings;
import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;

/**
 * Reads the topology's settings records, which live in a module that knows no configuration keys. Each value is
 * checked by its key's type; the records' own cross-field rules are reported with the key they concern.
 */
final class TopologyConfig {

    private TopologyConfig() {
    }

    static RateSettings rates(ConfigSource source) {
        return new RateSettings(
                source.get(ConfigKey.RATES_MAX_GAP),
                source.get(ConfigKey.RATES_LATENESS),
                source.get(ConfigKey.RATES_MINUTE_RETENTION),
                source.get(ConfigKey.RATES_FIVE_MINUTE_RETENTION),
                source.get(ConfigKey.RATES_HOUR_RETENTION),
                source.get(ConfigKey.RATES_SPEED_CEILING_BPS));
    }

    static FlowSettings flows(ConfigSource source) {
        return new FlowSettings(
                source.get(ConfigKey.FLOWS_GRACE),
                source.get(ConfigKey.FLOWS_SECOND_RETENTION),
                source.get(ConfigKey.FLOWS_MINUTE_RETENTION),
                source.get(ConfigKey.FLOWS_HOUR_RETENTION),
                source.get(ConfigKey.FLOWS_DEFAULT_SAMPLING_RATE),
                source.get(ConfigKey.FLOWS_TOP_TALKERS_CAPACITY));
    }

    /** The telegraf.* keys are checked together (an uptime measurement may not be an interface one). */
    static ExporterSettings exporters(ConfigSource source) {
        ExporterSettings.Telegraf telegraf;
        try {
            telegraf = new ExporterSettings.Telegraf(
                    source.get(ConfigKey.TELEGRAF_TIMESTAMP_UNITS),
                    source.get(ConfigKey.TELEGRAF_INTERFACE_MEASUREMENTS),
                    source.get(ConfigKey.TELEGRAF_UPTIME_MEASUREMENT),
                    source.get(ConfigKey.TELEGRAF_UPTIME_FIELDS),
                    source.get(ConfigKey.TELEGRAF_UPTIME_UNIT),
                    source.get(ConfigKey.TELEGRAF_POLL_WINDOW),
                    source.get(ConfigKey.TELEGRAF_COUNTER_WIDTH_MEMORY));
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("telegraf.*: " + e.getMessage(), e);
        }
        return new ExporterSettings(telegraf, new ExporterSettings.Goflow2(source.get(ConfigKey.GOFLOW2_FORMAT),
                source.get(ConfigKey.GOFLOW2_SAMPLING_RATES)));
    }

    static IpSettings ip(ConfigSource source) {
        return new IpSettings(
                source.get(ConfigKey.IP_SAMPLE_LENGTH),
                source.get(ConfigKey.IP_SAMPLE_RETENTION),
                source.get(ConfigKey.IP_HOUR_RETENTION),
                source.get(ConfigKey.IP_DAY_RETENTION));
    }

    /** The alerts.* keys; the one rule across them is that the clear share may not exceed the raise share. */
    static AlertSettings alerts(ConfigSource source) {
        try {
            return new AlertSettings(
                    source.get(ConfigKey.ALERTS_UTILIZATION_PERCENT),
                    source.get(ConfigKey.ALERTS_UTILIZATION_CLEAR_PERCENT),
                    source.get(ConfigKey.ALERTS_UTILIZATION_MINUTES),
                    source.get(ConfigKey.ALERTS_SILENCE),
                    source.get(ConfigKey.ALERTS_SPIKE_FACTOR),
                    source.get(ConfigKey.ALERTS_SPIKE_FLOOR_BYTES),
                    source.get(ConfigKey.ALERTS_SPIKE_WARM_UP_SAMPLES),
                    source.get(ConfigKey.ALERTS_SPIKE_WEIGHT),
                    source.get(ConfigKey.ALERTS_RETENTION));
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw source.invalid(ConfigKey.ALERTS_UTILIZATION_CLEAR_PERCENT, e.getMessage());
        }
    }
}
