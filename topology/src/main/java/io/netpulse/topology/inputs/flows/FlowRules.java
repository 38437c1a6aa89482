package io.netpulse.topology.inputs.flows;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules that turn a decoded flow record into a {@link Flow}: validation, sampling-rate scaling and the
 * bad-record rule. Pure, so every flow format (netpulse's Avro topic, goflow2, pmacct) applies exactly the same
 * rules.
 *
 * <p><b>Scaling.</b> Bytes and packets are multiplied by the sampling rate when it is above 1, as flow tools
 * do; a rate of 0 means unknown (a NetFlow v9/IPFIX exporter that has not sent its options yet) and the
 * configured default applies. Flows are not scaled: a record stands for the flows it says.
 *
 * <p><b>Bad records.</b> A record is bad when it cannot be traffic as it claims: more packets than bytes / 20
 * (no IP packet is shorter than 20 bytes), more than 65535 bytes per packet (the IP maximum; bytes without
 * any packet included), or a flow end before its start. All its bytes and packets then count as bad, and
 * also in the totals. A record that carries its own bad counters (a collector that already judged it) keeps
 * them as given and the rule is not applied.
 *
 * <p><b>Addresses.</b> The exporter must be an IP literal. A source or destination may be empty: a sampled frame
 * without an IP header (sFlow samples every frame, ARP included, and goflow2 then writes {@code ""}) is still
 * traffic its exporter carried, so it counts for the exporter like any other record.
 */
public final class FlowRules {

    /** No IP packet is shorter than its 20-byte header. */
    public static final long MIN_BYTES_PER_PACKET = 20;
    /** No IP packet is longer than the 16-bit total length allows. */
    public static final long MAX_BYTES_PER_PACKET = 65_535;

    private FlowRules() {
    }

    /**
     * Validates {@code record} and builds its {@link Flow}, or rejects it with a reason an operator can act on.
     *
     * @param samplingRates the rates applied when the record's is 0 (unknown): per exporter, else the default
     */
    public static Parsed<Flow> toFlow(FlowRecord record, SamplingRates samplingRates) {
        Optional<String> exporter = IpAddresses.normalize(record.getExporter());
        Optional<String> src = endpoint(record.getSrcAddr());
        Optional<String> dst = endpoint(record.getDstAddr());
        if (exporter.isEmpty()) {
            return Parsed.rejected(notAnAddress("exporter", record.getExporter()));
        }
        if (src.isEmpty()) {
            return Parsed.rejected(notAnAddress("srcAddr", record.getSrcAddr()));
        }
        if (dst.isEmpty()) {
            return Parsed.rejected(notAnAddress("dstAddr", record.getDstAddr()));
        }
        Optional<String> negative = firstNegative(record);
        if (negative.isPresent()) {
            return Parsed.rejected(negative.get());
        }
        boolean defaulted = record.getSamplingRate() == 0;
        long rate = samplingRates.rateFor(exporter.get(), record.getSamplingRate());
        long bytes;
        long packets;
        try {
            bytes = Math.multiplyExact(record.getBytes(), rate);
            packets = Math.multiplyExact(record.getPackets(), rate);
        } catch (ArithmeticException e) {
            return Parsed.rejected("bytes " + record.getBytes() + " or packets " + record.getPackets()
                    + " times sampling rate " + rate + " overflows a 64-bit count");
        }
        long badBytes;
        long badPackets;
        if (record.getBadBytes() > 0 || record.getBadPackets() > 0) {
            badBytes = record.getBadBytes();
            badPackets = record.getBadPackets();
        } else if (isBad(record.getBytes(), record.getPackets(), record.getFlowStart(), record.getFlowEnd())) {
            badBytes = bytes;
            badPackets = packets;
        } else {
            badBytes = 0;
            badPackets = 0;
        }
        Instant countedAt = record.getReceivedAt() != null ? record.getReceivedAt() : record.getFlowEnd();
        return Parsed.accepted(new Flow(exporter.get(), src.get(), dst.get(), bytes, packets, record.getFlows(),
                badBytes, badPackets, rate, defaulted, record.getFlowStart(), record.getFlowEnd(), countedAt));
    }

    /**
     * The bad-record rule on raw (unscaled) counts; scaling multiplies bytes and packets alike, so the ratios
     * it tests are the same before and after.
     */
    public static boolean isBad(long bytes, long packets, Instant flowStart, Instant flowEnd) {
        boolean tooManyPackets = packets > Long.MAX_VALUE / MIN_BYTES_PER_PACKET
                || packets * MIN_BYTES_PER_PACKET > bytes;
        boolean packetsTooLarge = packets == 0
                ? bytes > 0
                : packets <= Long.MAX_VALUE / MAX_BYTES_PER_PACKET && bytes > packets * MAX_BYTES_PER_PACKET;
        return tooManyPackets || packetsTooLarge || flowEnd.isBefore(flowStart);
    }

    private static Optional<String> firstNegative(FlowRecord record) {
        String[] names = {"bytes", "packets", "flows", "samplingRate", "badBytes", "badPackets"};
        long[] values = {record.getBytes(), record.getPackets(), record.getFlows(), record.getSamplingRate(),
                record.getBadBytes(), record.getBadPackets()};
        for (int i = 0; i < names.length; i++) {
            if (values[i] < 0) {
                return Optional.of(names[i] + " is negative: " + values[i]);
            }
        }
        return Optional.empty();
    }

    /** A source or destination: normalized, or empty text for a frame without IP header. */
    private static Optional<String> endpoint(String address) {
        return address.isEmpty() ? Optional.of(address) : IpAddresses.normalize(address);
    }

    private static String notAnAddress(String field, String value) {
        return field + " is not an IPv4 or IPv6 address: '" + value + "'";
    }
}
