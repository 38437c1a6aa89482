package io.netpulse.bench.jmh;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.topology.sourcestats.SecondSlots;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store serde every aggregate pays on each write and each read that misses the record cache: the Avro body of
 * a source's row of one-second slots, 30 busy seconds (the row the flow path writes once per flow record).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private Serde<SourceSeconds> serde;
    private SourceSeconds halfMinute;
    private byte[] halfMinuteBytes;

    @Setup
    public void fill() {
        serde = new AvroSerdes(null).internal(SourceSeconds.class);
        halfMinute = SecondSlots.empty();
        for (int second = 0; second < 60; second += 2) {
            halfMinute = SecondSlots.add(halfMinute, new FlowCounts(AT.plusSeconds(second), 3L, 4_500_000L, 0L,
                    3_000L, 0L));
        }
        halfMinuteBytes = serde.serializer().serialize("store-changelog", halfMinute);
    }

    @Benchmark
    public byte[] storeValueWrite() {
        return serde.serializer().serialize("store-changelog", halfMinute);
    }

    @Benchmark
    public SourceSeconds storeValueRead() {
        return serde.deserializer().deserialize("store-changelog", halfMinuteBytes);
    }
}
