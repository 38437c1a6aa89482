package io.netpulse.topology.inputs.flows;

import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopologySettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The sampling rate to scale a flow record by when its exporter did not say: goflow2 reports 0 for a NetFlow v9 or
 * IPFIX exporter until that exporter has sent the options data carrying its rate (minutes after a restart), and a
 * netpulse Avro record may carry 0 too. Records keep the rate as given (0 included); the flow statistics apply
 * {@link #rateFor(String, long)} when they scale, so the raw record stays auditable.
 *
 * @param defaultRate        the rate assumed for an exporter with no entry in {@code byExporter}
 * @param byExporter         per exporter address (canonical text, see {@link io.netpulse.topology.IpAddresses}), the rate assumed
 *                           for that exporter
 */
public record SamplingRates(long defaultRate, Map<String, Long> byExporter) {

    public SamplingRates {
        requireRate(defaultRate, "default sampling rate");
        Map<String, Long> canonical = new HashMap<>();
        for (Map.Entry<String, Long> entry : byExporter.entrySet()) {
            String exporter = io.netpulse.topology.IpAddresses.normalize(entry.getKey()).orElseThrow(() ->
                    new IllegalArgumentException("not an IPv4 or IPv6 address: '" + entry.getKey() + "'"));
            requireRate(entry.getValue(), "sampling rate of exporter " + exporter);
            if (canonical.put(exporter, entry.getValue()) != null) {
                throw new IllegalArgumentException("exporter " + exporter + " has two sampling rates"
                        + " (the same address written twice)");
            }
        }
        byExporter = Map.copyOf(canonical);
    }

    /** The flows' default rate with the per-exporter rates of the goflow2 settings. */
    public static SamplingRates of(TopologySettings.FlowSettings flows, ExporterSettings.Goflow2 goflow2) {
        return new SamplingRates(flows.defaultSamplingRate(), goflow2.samplingRateByExporter());
    }

    /**
     * The rate to scale by: {@code givenRate} when the exporter gave one (above 0), else the exporter's own entry,
     * else the default.
     *
     * @param exporter  the record's exporter, canonical text as every ingest path writes it
     * @param givenRate the record's sampling rate, 0 when unknown
     */
    public long rateFor(String exporter, long givenRate) {
        if (givenRate > 0) {
            return givenRate;
        }
        return byExporter.getOrDefault(exporter, defaultRate);
    }

    private static void requireRate(long rate, String what) {
        if (rate < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 (1 = not sampled): " + rate);
        }
    }
}
