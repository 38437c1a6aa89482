package io.netpulse.bench.jmh;

import io.netpulse.query.interfaces.InterfaceMetrics;
import io.netpulse.query.interfaces.MetricDatapoint;
import io.netpulse.query.pipeline.UtcClock;
import java.util.ArrayList;
import java.util.List;
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
 * Writing the largest single-key answer: a day of an interface's minutes, 1,440 points a series, each with its clock
 * (written from the bucket's start as the answer is) and a bit rate of a minute's octets (octets x 8 / 60, so a
 * decimal with a fraction).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AnswerBenchmark {

    private static final long DAY_START = 1_796_083_200_000L;   // 2026-12-01 00:00:00 UTC

    private InterfaceMetrics day;

    @Setup
    public void fill() {
        List<MetricDatapoint> in = new ArrayList<>();
        List<MetricDatapoint> out = new ArrayList<>();
        for (int minute = 0; minute < 1_440; minute++) {
            long clock = DAY_START + minute * 60_000L;
            in.add(new MetricDatapoint(clock, (7_500_000_000L + 7_919L * minute) * 8 / 60.0));
            out.add(new MetricDatapoint(clock, (1_500_000_000L + 104_729L * minute) * 8 / 60.0));
        }
        day = new InterfaceMetrics(in, out);
    }

    /** The clocks of a day of minutes. */
    @Benchmark
    public int dayOfClocks() {
        int length = 0;
        for (int minute = 0; minute < 1_440; minute++) {
            length += UtcClock.format(DAY_START + minute * 60_000L).length();
        }
        return length;
    }

    /** The JSON of a day of minutes, both series, as the answer is sent. */
    @Benchmark
    public byte[] dayOfPointsAsJson() {
        return day.json();
    }
}
