package io.netpulse.bench.jmh;

import io.netpulse.app.DemoFormats;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafMetricParser;
import io.netpulse.topology.inputs.flows.goflow2.GoflowJsonParser;
import io.netpulse.topology.inputs.flows.pmacct.PmacctJsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one record of each native format, as the ingest step does for every Kafka record: the records are the
 * ones the demo exporter and {@code ./netpulse bench} write (goflow2 {@code -format=json}, a Telegraf ifXTable row)
 * and pmacct's {@code print}/{@code kafka} JSON with its usual primitives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ParseBenchmark {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final GoflowJsonParser goflow2 = new GoflowJsonParser();
    private final PmacctJsonParser pmacct = new PmacctJsonParser();
    private final TelegrafMetricParser telegraf = new TelegrafMetricParser(ExporterSettings.defaults().telegraf());

    private final byte[] goflow2Json = DemoFormats.goflow2(new FlowRecord("10.1.0.1", "198.18.0.1", "198.18.3.7",
            1_200L, 2L, 1L, 1L, 0L, 0L, AT.minusMillis(500), AT.minusMillis(100), AT), 42)
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] telegrafJson = DemoFormats.telegrafIfXTableRow(new CounterSample("bench-1", 3, null, AT,
            null, 1_000_000_000L, 2_000_000_000L, 64, 10_000_000_000L, "xe-0/0/3")).getBytes(StandardCharsets.UTF_8);
    private final byte[] pmacctJson = ("{\"event_type\": \"purge\", \"peer_ip_src\": \"10.1.0.1\", \"iface_in\": 0,"
            + " \"iface_out\": 0, \"ip_src\": \"198.18.0.1\", \"ip_dst\": \"198.18.3.7\", \"port_src\": 40001,"
            + " \"port_dst\": 443, \"ip_proto\": \"tcp\", \"tos\": 0, \"sampling_rate\": 1, \"timestamp_start\":"
            + " \"1767225599.500000\", \"timestamp_end\": \"1767225599.900000\", \"timestamp_arrival\":"
            + " \"1767225600.000000\", \"export_proto_version\": 10, \"packets\": 2, \"bytes\": 1200,"
            + " \"writer_id\": \"np/18979\"}").getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Object goflow2Json() {
        return goflow2.parse("flow-messages", null, goflow2Json);
    }

    @Benchmark
    public Object pmacctJson() {
        return pmacct.parse("pmacct.acct", null, pmacctJson);
    }

    @Benchmark
    public Object telegrafJson() {
        return telegraf.parse("telegraf", null, telegrafJson);
    }
}
