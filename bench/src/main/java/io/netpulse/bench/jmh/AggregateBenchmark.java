package io.netpulse.bench.jmh;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.inputs.counters.MinuteSpread;
import io.netpulse.topology.sourcestats.SecondSlots;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * The per-record arithmetic of the aggregates: spreading a counter interval over the minutes it covers, and adding a
 * flow to its source's row of one-second slots (a row already holding 30 busy seconds, as at the middle of a minute).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AggregateBenchmark {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** A 5-minute poll that does not start on a minute: six minutes get a share. */
    private final CounterDelta.Interval fiveMinutePoll = new CounterDelta.Interval(AT.plusSeconds(17),
            AT.plusSeconds(317), 37_500_000_000L, 7_500_000_000L, false);
    /** A 60-second poll within two minutes. */
    private final CounterDelta.Interval minutePoll = new CounterDelta.Interval(AT.plusSeconds(17), AT.plusSeconds(77),
            7_500_000_000L, 1_500_000_000L, false);

    private SourceSeconds halfMinute;
    private FlowCounts flow;

    @Setup
    public void fill() {
        halfMinute = SecondSlots.empty();
        for (int second = 0; second < 60; second += 2) {
            halfMinute = SecondSlots.add(halfMinute, new FlowCounts(AT.plusSeconds(second), 1L, 1_200L, 0L, 2L, 0L));
        }
        flow = new FlowCounts(AT.plusSeconds(31), 1L, 1_200L, 0L, 2L, 0L);
    }

    @Benchmark
    public Object minuteSpreadOfAMinutePoll() {
        return MinuteSpread.of(minutePoll);
    }

    @Benchmark
    public Object minuteSpreadOfAFiveMinutePoll() {
        return MinuteSpread.of(fiveMinutePoll);
    }

    @Benchmark
    public Object secondSlotAdd() {
        return SecondSlots.add(halfMinute, flow);
    }
}
