package io.netpulse.topology.inputs.flows.goflow2;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.time.Instant;

/**
 * The fields netpulse takes from a goflow2 FlowMessage, whichever format carried it, and their mapping to a
 * {@link FlowRecord}. Numbers are goflow2's uint64 values as raw 64 bits; addresses are already canonical text.
 *
 * <p>Mapping: exporter = sampler_address; bytes and packets raw (goflow2 never scales them); samplingRate as given,
 * 0 included (the flow statistics apply {@link io.netpulse.topology.inputs.flows.SamplingRates}); one flow per message;
 * times from Unix nanoseconds to milliseconds (truncated). A time of 0 means the exporter sent none: a missing
 * receive time leaves receivedAt null, a missing end time falls back to the receive time and a missing start time
 * to the end time. A value above 2^63-1, or no time at all, is rejected.
 */
record GoflowFlow(
        String exporter,
        String srcAddr,
        String dstAddr,
        long bytes,
        long packets,
        long samplingRate,
        long timeReceivedNs,
        long timeFlowStartNs,
        long timeFlowEndNs) {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    Parsed<FlowRecord> toParsed() {
        String tooLarge = firstTooLarge();
        if (tooLarge != null) {
            return Parsed.rejected(tooLarge);
        }
        Instant received = timeReceivedNs == 0 ? null : millis(timeReceivedNs);
        Instant end = timeFlowEndNs == 0 ? received : millis(timeFlowEndNs);
        if (end == null) {
            return Parsed.rejected("flow from " + exporter + " has no time: time_received_ns and time_flow_end_ns"
                    + " are both 0 or absent");
        }
        Instant start = timeFlowStartNs == 0 ? end : millis(timeFlowStartNs);
        return Parsed.accepted(FlowRecord.newBuilder()
                .setExporter(exporter)
                .setSrcAddr(srcAddr)
                .setDstAddr(dstAddr)
                .setBytes(bytes)
                .setPackets(packets)
                .setFlows(1)
                .setSamplingRate(samplingRate)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(start)
                .setFlowEnd(end)
                .setReceivedAt(received)
                .build());
    }

    private String firstTooLarge() {
        String[] names = {"bytes", "packets", "sampling_rate", "time_received_ns", "time_flow_start_ns",
                "time_flow_end_ns"};
        long[] values = {bytes, packets, samplingRate, timeReceivedNs, timeFlowStartNs, timeFlowEndNs};
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                return "flow from " + exporter + ": " + names[i] + " is above 2^63-1: "
                        + Long.toUnsignedString(values[i]);
            }
        }
        return null;
    }

    private static Instant millis(long nanos) {
        return Instant.ofEpochMilli(nanos / NANOS_PER_MILLI);
    }
}
