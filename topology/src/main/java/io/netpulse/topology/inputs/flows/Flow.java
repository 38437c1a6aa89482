package io.netpulse.topology.inputs.flows;

import java.time.Instant;
import java.util.Objects;

/**
 * One flow record as every flow statistic counts it, whichever format it arrived in (netpulse's Avro
 * {@code FlowRecord}, goflow2 JSON or protobuf, pmacct JSON): addresses normalized, bytes and packets already
 * scaled by the sampling rate, and the bad-record rule applied. Built only by {@link FlowRules}.
 *
 * @param exporter            the device that exported the record (the statistics' source device), normalized
 * @param srcAddr             source address, normalized; empty for a frame without IP header (see {@link FlowRules})
 * @param dstAddr             destination address, normalized; empty like {@code srcAddr}
 * @param bytes               bytes, multiplied by {@code samplingRate}
 * @param packets             packets, multiplied by {@code samplingRate}
 * @param flows               flows the record stands for
 * @param badBytes            the part of {@code bytes} counted as bad
 * @param badPackets          the part of {@code packets} counted as bad
 * @param samplingRate        the rate applied (1 when the record was not sampled)
 * @param samplingRateDefaulted true when the record said 0 (unknown) and the configured default applied
 * @param flowStart           first packet, exporter clock
 * @param flowEnd             last packet, exporter clock
 * @param countedAt           the instant the record counts at: its receive time, else its flow end
 */
public record Flow(
        String exporter,
        String srcAddr,
        String dstAddr,
        long bytes,
        long packets,
        long flows,
        long badBytes,
        long badPackets,
        long samplingRate,
        boolean samplingRateDefaulted,
        Instant flowStart,
        Instant flowEnd,
        Instant countedAt) {

    public Flow {
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(srcAddr, "srcAddr");
        Objects.requireNonNull(dstAddr, "dstAddr");
        Objects.requireNonNull(flowStart, "flowStart");
        Objects.requireNonNull(flowEnd, "flowEnd");
        Objects.requireNonNull(countedAt, "countedAt");
    }

    /** True when some of the record's traffic counts as bad. */
    public boolean bad() {
        return badBytes > 0 || badPackets > 0;
    }
}
