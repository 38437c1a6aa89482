package io.netpulse.topology.inputs.flows.goflow2;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.ingest.goflow2.pb.FlowMessage;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads one flow as goflow2 {@code -format=bin} writes it: a FlowMessage (netpulse's own declaration of goflow2's
 * field numbers, {@code goflow2_flow.proto}) prefixed by its varint length, one per record. Addresses are 4 or 16
 * raw bytes (empty when absent). Mapping rules: {@link GoflowFlow}. Required: a valid sampler_address. Bytes after
 * the first message are rejected: goflow2 writes exactly one, so they mean another format.
 */
public final class GoflowProtoParser implements RecordParser<FlowRecord> {

    @Override
    public Parsed<FlowRecord> parse(String topic, byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.rejected("empty record: goflow2 -format=bin writes one length-delimited FlowMessage"
                    + " per record");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(value);
        FlowMessage message;
        try {
            message = FlowMessage.parseDelimitedFrom(in);
        } catch (InvalidProtocolBufferException e) {
            return Parsed.rejected("not a varint-length-delimited goflow2 FlowMessage: " + e.getMessage());
        } catch (IOException e) {
            return Parsed.rejected("not a varint-length-delimited goflow2 FlowMessage: " + e);
        }
        if (in.available() > 0) {
            return Parsed.rejected(in.available() + " of " + value.length + " bytes follow the first length-delimited"
                    + " FlowMessage: goflow2 writes one per record (is this topic written with -format=json?)");
        }
        if (message.getSamplerAddress().isEmpty()) {
            return Parsed.rejected("sampler_address is empty: the flow cannot be attributed to an exporter");
        }
        String exporter = address(message.getSamplerAddress());
        String src = address(message.getSrcAddr());
        String dst = address(message.getDstAddr());
        if (exporter == null || src == null || dst == null) {
            return Parsed.rejected("an address is neither 4 nor 16 bytes: sampler_address "
                    + message.getSamplerAddress().size() + ", src_addr " + message.getSrcAddr().size()
                    + ", dst_addr " + message.getDstAddr().size());
        }
        return new GoflowFlow(exporter, src, dst, message.getBytes(), message.getPackets(),
                message.getSamplingRate(), message.getTimeReceivedNs(), message.getTimeFlowStartNs(),
                message.getTimeFlowEndNs())
                .toParsed();
    }

    /** Canonical text, {@code ""} when empty, null when not 4 or 16 bytes. */
    private static String address(ByteString bytes) {
        if (bytes.isEmpty()) {
            return "";
        }
        if (bytes.size() != 4 && bytes.size() != 16) {
            return null;
        }
        return IpAddresses.format(bytes.toByteArray());
    }
}
