package io.netpulse.topology;

import io.netpulse.topology.alerts.AlertSettings;
import io.netpulse.topology.ip.IpSettings;
import java.time.Duration;

/**
 * Everything the topology needs from configuration, grouped by the part of the topology that uses it.
 * Built by the app from its configuration file and by tests from {@link #defaults()}.
 *
 * @param topics   topic names
 * @param rates    interface rate and site volume settings (both come from counter deltas)
 * @param flows     flow statistics settings (per source device and per IP)
 * @param exporters how the exporters' native formats are read (Telegraf, goflow2)
 * @param ip        per-IP traffic statistics settings (base samples, retentions)
 * @param alerts    alert thresholds and how long cleared alerts are kept
 */
public record TopologySettings(TopicNames topics, RateSettings rates, FlowSettings flows,
                               ExporterSettings exporters, IpSettings ip, AlertSettings alerts) {

    /** The settings with the default alert thresholds. */
    public TopologySettings(TopicNames topics, RateSettings rates, FlowSettings flows, ExporterSettings exporters,
                            IpSettings ip) {
        this(topics, rates, flows, exporters, ip, AlertSettings.defaults());
    }

    /** The defaults documented in docs/configuration.md. */
    public static TopologySettings defaults() {
        return new TopologySettings(TopicNames.defaults(), RateSettings.defaults(), FlowSettings.defaults(),
                ExporterSettings.defaults(), IpSettings.defaults(), AlertSettings.defaults());
    }

    /**
     * Settings of the counter pipeline.
     *
     * @param maxGap             no rate is computed across a longer silence between two polls
     * @param lateness           how far behind its own device's latest poll a sample may arrive and still count
     * @param minuteRetention    how long 1-minute buckets are kept
     * @param fiveMinuteRetention how long 5-minute buckets are kept (billing periods are computed from them)
     * @param hourRetention      how long 1-hour buckets are kept
     * @param speedCeilingBitsPerSecond used when neither the counters nor the inventory give a speed
     */
    public record RateSettings(
            Duration maxGap,
            Duration lateness,
            Duration minuteRetention,
            Duration fiveMinuteRetention,
            Duration hourRetention,
            long speedCeilingBitsPerSecond) {

        public static RateSettings defaults() {
            return new RateSettings(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(5),
                    Duration.ofDays(7),
                    Duration.ofDays(90),
                    Duration.ofDays(400),
                    400_000_000_000L);
        }

        /**
         * Grace of the minute windows: a delta reaches back over at most {@link #maxGap()}, and the sample
         * carrying it may itself be {@link #lateness()} behind its device's latest poll.
         */
        public Duration grace() {
            return maxGap.plus(lateness);
        }

        /**
         * Whether the five-minute stores keep every minute the minute stores keep: only then may a range the minute
         * stores hold be read from five-minute windows instead (the same sums, a fifth of the windows).
         */
        public boolean fiveMinutesKeepEveryMinute() {
            return fiveMinuteRetention.compareTo(minuteRetention) >= 0;
        }
    }

    /**
     * Settings of the flow pipelines.
     *
     * @param grace            how far behind its own exporter's latest receive time a flow record may arrive and still count; also the time its windows wait before closing
     * @param secondRetention  how long per-second slots are kept
     * @param minuteRetention  how long minute statistics are kept
     * @param hourRetention    how long hour statistics are kept
     * @param defaultSamplingRate applied when a record's sampling rate is 0 (unknown)
     * @param topTalkersCapacity  top talkers: addresses kept per side, ranking (bytes, packets) and bucket; at least
     *                            {@value #MIN_TOP_TALKERS_CAPACITY}, the most an answer asks for
     */
    public record FlowSettings(
            Duration grace,
            Duration secondRetention,
            Duration minuteRetention,
            Duration hourRetention,
            long defaultSamplingRate,
            int topTalkersCapacity) {

        /** The default {@link #topTalkersCapacity()}: twice the most an answer asks for. */
        public static final int DEFAULT_TOP_TALKERS_CAPACITY = 200;
        /** The least {@link #topTalkersCapacity()}: the most addresses a top talkers answer asks for. */
        public static final int MIN_TOP_TALKERS_CAPACITY = 100;
        /** The most {@link #topTalkersCapacity()}: bounds the state of each scope and bucket. */
        public static final int MAX_TOP_TALKERS_CAPACITY = 10_000;

        public FlowSettings {
            if (topTalkersCapacity < MIN_TOP_TALKERS_CAPACITY || topTalkersCapacity > MAX_TOP_TALKERS_CAPACITY) {
                throw new IllegalArgumentException("the top talkers capacity must be from " + MIN_TOP_TALKERS_CAPACITY
                        + " to " + MAX_TOP_TALKERS_CAPACITY + ": " + topTalkersCapacity);
            }
        }

        /** Settings with the default top talkers capacity. */
        public FlowSettings(Duration grace, Duration secondRetention, Duration minuteRetention, Duration hourRetention,
                            long defaultSamplingRate) {
            this(grace, secondRetention, minuteRetention, hourRetention, defaultSamplingRate,
                    DEFAULT_TOP_TALKERS_CAPACITY);
        }

        public static FlowSettings defaults() {
            return new FlowSettings(
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    Duration.ofDays(7),
                    Duration.ofDays(400),
                    1);
        }
    }
}
