package io.netpulse.bench;

import io.netpulse.app.ConfigKey;
import io.netpulse.app.DemoFormats;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One input profile: what an exporter fleet writes to one of netpulse's native input topics, generated from a fixed
 * seed so two runs produce the same records, and what the APIs must then count.
 *
 * @param name        the profile's name on the command line
 * @param description one line for the report
 * @param input       the input whose topic the records go to
 * @param records     how many records are produced
 * @param sources     how many devices send them (exporters, polled devices): the keys of the Kafka Streams floor
 * @param expected    what the APIs must count once everything is processed
 * @param generator   writes the records, in production order, as key (may be null) and value
 */
record Workload(String name, String description, TopicNames.Input input, long records, int sources,
                Expected expected, Generator generator) {

    /** Writes the profile's records. */
    @FunctionalInterface
    interface Generator {
        void generate(Consumer<Record> sink);
    }

    /** One input record: a key (null: the producer's sticky partitioner spreads it) and its bytes. */
    record Record(byte[] key, byte[] value) {
    }

    /** The configuration key of the input's topic. */
    ConfigKey<String> topicKey() {
        return ConfigKey.topicOf(input);
    }

    /**
     * What an operator of such a fleet reads ({@code inputs}): the input, and netpulse's own topic of the other
     * kind, which every topology needs one of.
     */
    String inputs() {
        TopicNames.Input other = input.kind() == TopicNames.Input.Kind.COUNTER ? TopicNames.Input.FLOWS
                : TopicNames.Input.COUNTERS;
        return ConfigKey.INPUTS.type().format(EnumSet.of(input, other));
    }

    /**
     * What the APIs must count.
     *
     * @param flows      flows in import_stats over every source (0: not a flow profile)
     * @param interfaces interfaces listed by /interfaces (0: not a counter profile)
     * @param since      the earliest event time, so the queries cover the whole input
     */
    record Expected(long flows, long interfaces, Instant since) {
    }

    private static final long SEED = 20_261_205L;

    /**
     * goflow2 JSON flows from {@code exporters} exporters between {@code addresses} addresses, received evenly over
     * {@code span} ending a minute before {@code now}, keyless (goflow2's default: the sticky partitioner).
     */
    static Workload flows(String name, String description, long flows, int exporters, int addresses, Duration span,
                          Instant now) {
        Instant start = now.minus(span).minusSeconds(60);
        long spanMillis = span.toMillis();
        Generator generator = sink -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (long i = 0; i < flows; i++) {
                Instant received = start.plusMillis(spanMillis * i / flows);
                String exporter = "10." + (1 + (i % exporters) / 250) + "." + ((i % exporters) % 250) + ".1";
                long bytes = 64 + random.nextInt(1_436);
                FlowRecord flow = new FlowRecord(exporter, address(random.nextInt(addresses)),
                        address(random.nextInt(addresses)), bytes, 1L + bytes / 800, 1L, 1L, 0L, 0L,
                        received.minusMillis(500), received.minusMillis(100), received);
                sink.accept(new Record(null, DemoFormats.goflow2(flow, i).getBytes(StandardCharsets.UTF_8)));
            }
        };
        return new Workload(name, description, TopicNames.Input.FLOW_MESSAGES, flows, exporters,
                new Expected(flows, 0, start), generator);
    }

    /**
     * Telegraf JSON of {@code devices} devices with {@code interfaces} 64-bit interfaces each, polled
     * {@code polls} times a minute apart (the last a minute before {@code now}): per poll an ifXTable row per
     * interface and the {@code snmp} metric with sysUpTime, keyed by device as {@code routing_tag = "source"} does.
     */
    static Workload counters(String name, String description, int devices, int interfaces, int polls, Instant now) {
        Instant first = now.minusSeconds(60L * polls);
        long records = (long) devices * polls * (interfaces + 1);
        Generator generator = sink -> {
            for (int poll = 0; poll < polls; poll++) {
                Instant time = first.plusSeconds(60L * poll);
                for (int device = 0; device < devices; device++) {
                    String name1 = "bench-" + device;
                    byte[] key = name1.getBytes(StandardCharsets.UTF_8);
                    List<String> rows = new ArrayList<>(interfaces + 1);
                    for (int ifIndex = 1; ifIndex <= interfaces; ifIndex++) {
                        // Interface n carries n Mbit/s in and half of it out: 7,500,000 n octets in per minute.
                        long in = 1_000_000_000L + 7_500_000L * ifIndex * poll;
                        long out = 2_000_000_000L + 3_750_000L * ifIndex * poll;
                        rows.add(DemoFormats.telegrafIfXTableRow(new CounterSample(name1, ifIndex, null, time,
                                null, in, out, 64, 10_000_000_000L, "xe-0/0/" + ifIndex)));
                    }
                    rows.add(DemoFormats.telegrafUptime(name1, time, 100_000_000L + 6_000L * poll));
                    for (String row : rows) {
                        sink.accept(new Record(key, row.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        };
        return new Workload(name, description, TopicNames.Input.TELEGRAF, records, devices,
                new Expected(0, (long) devices * interfaces, first), generator);
    }

    /** Address n of a /16 in 198.18.0.0/15 (the benchmarking range). */
    private static String address(int n) {
        return "198." + (18 + n / 65_536) + "." + ((n / 256) % 256) + "." + (n % 256);
    }
}
