package io.netpulse.topology.inputs.flows.pmacct;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.time.Instant;

/**
 * The fields netpulse takes from one pmacct JSON record, and their mapping to a {@link FlowRecord}.
 *
 * <p>Mapping: exporter = {@code peer_ip_src}; bytes and packets as written (pmacct scales them only with
 * {@code nfacctd_renormalize}, and then writes {@code sampling_rate} 1); {@code sampling_rate} as given, 0 when
 * absent (unknown: the flow statistics apply the configured rate); flows = {@code flows}, 1 when the aggregate
 * does not count them. A time of null is one pmacct did not write or wrote as 0 ("not exported"). The receive time
 * is {@code timestamp_arrival}. A flow's end that was not exported is taken to be its start, never the receive
 * time: collector and exporter clocks differ, and an unknown end must not make a record look as if it ended
 * before it started. A {@code kafka_history} record without flow times counts at its time bin,
 * {@code stamp_inserted}; with none of these times the record is rejected.
 */
record PmacctFlow(
        String exporter,
        String srcAddr,
        String dstAddr,
        long bytes,
        long packets,
        long flows,
        long samplingRate,
        Instant timestampStart,
        Instant timestampEnd,
        Instant timestampArrival,
        Instant stampInserted) {

    Parsed<FlowRecord> toParsed() {
        Instant end = firstOf(timestampEnd, timestampStart, timestampArrival, stampInserted);
        if (end == null) {
            return Parsed.rejected("flow from " + exporter + " has no time: timestamp_start, timestamp_end,"
                    + " timestamp_arrival and stamp_inserted are all absent or 0");
        }
        Instant start = timestampStart != null ? timestampStart : end;
        return Parsed.accepted(FlowRecord.newBuilder()
                .setExporter(exporter)
                .setSrcAddr(srcAddr)
                .setDstAddr(dstAddr)
                .setBytes(bytes)
                .setPackets(packets)
                .setFlows(flows)
                .setSamplingRate(samplingRate)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(start)
                .setFlowEnd(end)
                .setReceivedAt(timestampArrival)
                .build());
    }

    private static Instant firstOf(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
