package io.netpulse.topology.inputs.flows.goflow2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ingest.goflow2.pb.FlowMessage;
import io.netpulse.topology.ingest.goflow2.pb.FlowType;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GoflowProtoParserTest {

    static final long README_NS = 1_681_583_295_157_626_000L;

    private final GoflowProtoParser parser = new GoflowProtoParser();

    /** goflow2's README example flow as a FlowMessage, the way -format=bin carries it. */
    static FlowMessage.Builder readmeFlow() {
        return FlowMessage.newBuilder()
                .setType(FlowType.SFLOW_5)
                .setTimeReceivedNs(README_NS)
                .setSequenceNum(2999)
                .setSamplingRate(100)
                .setSamplerAddress(bytes("c0a80001"))
                .setTimeFlowStartNs(README_NS)
                .setTimeFlowEndNs(README_NS)
                .setBytes(1500)
                .setPackets(1)
                .setSrcAddr(bytes("fd010000000000000000000000000001"))
                .setDstAddr(bytes("fd010000000000000000000000000002"))
                .setEtype(0x86dd)
                .setProto(6)
                .setSrcPort(443)
                .setDstPort(50001)
                .setIpTtl(64)
                .setTcpFlags(16)
                .addLayerStack(0).addLayerStack(2).addLayerStack(4)
                .addLayerSize(14).addLayerSize(40).addLayerSize(20);
    }

    @Test
    void readsAVarintDelimitedFlowMessageAsTheJsonOfTheSameFlow() {
        assertThat(parser.parse("flow-messages", null, delimited(readmeFlow().build())))
                .isEqualTo(Parsed.accepted(GoflowJsonParserTest.README_RECORD));
    }

    @Test
    void keepsSamplingRateZeroAndUnmapsAnIpv4MappedAddress() {
        FlowMessage message = readmeFlow()
                .setSamplingRate(0)
                .setSamplerAddress(bytes("00000000000000000000ffffc0000201"))
                .setSrcAddr(ByteString.EMPTY)
                .build();
        FlowRecord flow = GoflowJsonParserTest.accepted(parser.parse("flow-messages", null, delimited(message)));
        assertThat(flow.getSamplingRate()).isZero();
        assertThat(flow.getExporter()).isEqualTo("192.0.2.1");
        assertThat(flow.getSrcAddr()).isEmpty();
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThat(parser.parse("flow-messages", null, new byte[0])).isEqualTo(Parsed.rejected(
                "empty record: goflow2 -format=bin writes one length-delimited FlowMessage per record"));
    }

    @Test
    void rejectsAMessageWithoutItsLengthPrefix() {
        // The first byte (field 1's tag, 0x08) reads as a length of 8; the 8 bytes after it start with tag 0.
        assertThat(parser.parse("flow-messages", null, readmeFlow().build().toByteArray())).isEqualTo(
                Parsed.rejected("not a varint-length-delimited goflow2 FlowMessage: Protocol message contained an"
                        + " invalid tag (zero)."));
    }

    @Test
    void rejectsATruncatedMessage() {
        byte[] whole = delimited(readmeFlow().build());
        assertThat(parser.parse("flow-messages", null, Arrays.copyOf(whole, whole.length - 1))).isEqualTo(
                Parsed.rejected("not a varint-length-delimited goflow2 FlowMessage: While parsing a protocol"
                        + " message, the input ended unexpectedly in the middle of a field.  This could mean either"
                        + " that the input has been truncated or that an embedded message misreported its own"
                        + " length."));
    }

    @Test
    void rejectsJsonOnAProtobufTopic() {
        byte[] json = GoflowJsonParserTest.EMITTED_LINE.getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse("flow-messages", null, json)).isEqualTo(Parsed.rejected(
                "not a varint-length-delimited goflow2 FlowMessage: Protocol message tag had invalid wire type."));
    }

    @Test
    void rejectsTwoMessagesInOneRecord() {
        byte[] one = delimited(readmeFlow().build());
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        assertThat(parser.parse("flow-messages", null, two)).isEqualTo(Parsed.rejected(one.length + " of "
                + two.length + " bytes follow the first length-delimited FlowMessage: goflow2 writes one per record"
                + " (is this topic written with -format=json?)"));
    }

    @Test
    void rejectsAnAddressOfAnotherLength() {
        FlowMessage message = readmeFlow().setDstAddr(bytes("c0a8000101")).build();
        assertThat(parser.parse("flow-messages", null, delimited(message))).isEqualTo(Parsed.rejected(
                "an address is neither 4 nor 16 bytes: sampler_address 4, src_addr 16, dst_addr 5"));
    }

    @Test
    void rejectsAMessageWithoutSamplerAddress() {
        FlowMessage message = readmeFlow().clearSamplerAddress().build();
        assertThat(parser.parse("flow-messages", null, delimited(message))).isEqualTo(Parsed.rejected(
                "sampler_address is empty: the flow cannot be attributed to an exporter"));
    }

    @Test
    void rejectsAUint64AboveLongMax() {
        FlowMessage message = readmeFlow().setBytes(-1L).build();
        assertThat(parser.parse("flow-messages", null, delimited(message))).isEqualTo(Parsed.rejected(
                "flow from 192.168.0.1: bytes is above 2^63-1: 18446744073709551615"));
    }

    static byte[] delimited(FlowMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
