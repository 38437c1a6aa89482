package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Counts each scope's addresses exactly while their minute is open ({@link OpenBuckets}); when the minute closes,
 * cuts it to its list ({@link StoreNames#TOP_TALKERS_MINUTE}); when the hour closes, merges its closed minutes into
 * the hour's list ({@link StoreNames#TOP_TALKERS_HOUR}), from the minute lists alone, so an hour never depends on
 * the order its minutes were merged in. A window of a source device closes at that device's clock minus the
 * grace; a window of a site, fed by several exporters, at the earliest clock of the exporters still sending
 * ({@link SourceClock}). A record for a window that already closed (its exporter was quiet for longer than the
 * grace) opens it again: at its next close what it added is merged into the minute, and the hour is merged anew.
 */
final class TopTalkersProcessor implements Processor<String, TalkerFlows, Void, Void> {

    /** Closing keys: a scope's minute window, and its hour window. */
    static final String MINUTE_WINDOW = "0";
    static final String HOUR_WINDOW = "1";
    /** The closing scope of site minutes: exporters are IP literals, so no exporter is named so. */
    static final String SITES = "sites";
    private static final long MINUTE_MS = TopTalkersFlow.MINUTE.toMillis();
    private static final long HOUR_MS = TopTalkersFlow.HOUR.toMillis();

    private final Duration grace;
    private final int capacity;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> open;
    private TimestampedWindowStore<String, TopTalkers> minutes;
    private TimestampedWindowStore<String, TopTalkers> hours;
    private SourceClock clock;
    private ClosingWindows<String> closing;
    /** Batch entries written per open minute since its last fold (from zero again after a restart). */
    private final Map<OpenMinute, Integer> batchEntries = new HashMap<>();

    private record OpenMinute(String scope, long minuteStart) {
    }

    TopTalkersProcessor(Duration grace, int capacity) {
        this.grace = grace;
        this.capacity = capacity;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.open = context.getStateStore(StoreNames.TOP_TALKERS_OPEN);
        this.minutes = context.getStateStore(StoreNames.TOP_TALKERS_MINUTE);
        this.hours = context.getStateStore(StoreNames.TOP_TALKERS_HOUR);
        this.clock = SourceClock.open("top-talkers", context, StoreNames.TOP_TALKERS_SOURCE_TIME, grace, grace);
        this.closing = ClosingWindows.open(context, StoreNames.TOP_TALKERS_CLOSING, Serdes.String());
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> closeAll());
    }

    /**
     * Judges each flow of the batch in its order, then adds the admitted flows' counts per minute, side and address,
     * and writes each minute's sums as one entry named by the batch's offset (one store update per minute of the
     * batch rather than per flow or address), then closes what the exporter's clock lets close. Closing after the
     * whole batch closes exactly the windows, with exactly the counts, that closing after each flow would: a flow
     * the clock admits is never older than the close time at that point, so it never lands in a window an earlier
     * flow of the batch let close.
     */
    @Override
    public void process(Record<String, TalkerFlows> record) {
        String scope = record.key();
        boolean site = TopTalkersScope.isSite(scope);
        Map<Long, Map<OpenBuckets.Talker, long[]>> minutes = new TreeMap<>();
        String closingScope = null;
        for (TalkerFlow flow : record.value().getFlows()) {
            long at = flow.getCountedAt().toEpochMilli();
            if (!clock.admit(flow.getExporter(), at)) {
                continue;
            }
            long minuteStart = at - Math.floorMod(at, MINUTE_MS);
            Map<OpenBuckets.Talker, long[]> sums = minutes.computeIfAbsent(minuteStart, any -> new HashMap<>());
            add(sums, new OpenBuckets.Talker(OpenBuckets.SOURCE, flow.getSrcAddr()), flow);
            add(sums, new OpenBuckets.Talker(OpenBuckets.DESTINATION, flow.getDstAddr()), flow);
            // Closed by the wall-clock check only for sites: the earliest clock of every exporter costs a pass over
            // them. A source scope's flows all come from its one exporter.
            closingScope = site ? SITES : flow.getExporter();
        }
        long batch = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "a batch of top talkers comes from its repartition topic, with an offset")).offset();
        for (Map.Entry<Long, Map<OpenBuckets.Talker, long[]>> minute : minutes.entrySet()) {
            long minuteStart = minute.getKey();
            closing.changed(closingScope, minuteStart + MINUTE_MS, MINUTE_WINDOW + scope);
            closing.changed(closingScope, minuteStart - Math.floorMod(minuteStart, HOUR_MS) + HOUR_MS,
                    HOUR_WINDOW + scope);
            OpenBuckets.add(open, scope, minuteStart, batch, minute.getValue());
            OpenMinute openMinute = new OpenMinute(scope, minuteStart);
            if (batchEntries.merge(openMinute, 1, Integer::sum) >= OpenBuckets.FOLD_AFTER) {
                OpenBuckets.fold(open, scope, minuteStart);
                batchEntries.remove(openMinute);
            }
        }
        if (!site && closingScope != null) {
            closing.close(closingScope, clock.closeTime(closingScope), this::closed);
        }
    }

    private static void add(Map<OpenBuckets.Talker, long[]> sums, OpenBuckets.Talker talker, TalkerFlow flow) {
        long[] sum = sums.computeIfAbsent(talker, any -> new long[2]);
        sum[0] = Math.addExact(sum[0], flow.getBytes());
        sum[1] = Math.addExact(sum[1], flow.getPackets());
    }

    private void closeAll() {
        closing.closeEach(scope -> SITES.equals(scope) ? clock.closeTimeOfAll() : clock.closeTime(scope),
                this::closed);
    }

    /** Windows of one end close minute first: {@value #MINUTE_WINDOW} sorts before {@value #HOUR_WINDOW}. */
    private void closed(String window, long end) {
        String scope = window.substring(1);
        if (window.startsWith(MINUTE_WINDOW)) {
            closeMinute(scope, end - MINUTE_MS);
        } else {
            closeHour(scope, end - HOUR_MS);
        }
    }

    private void closeMinute(String scope, long minuteStart) {
        batchEntries.remove(new OpenMinute(scope, minuteStart));
        TopTalkers added = OpenBuckets.take(open, scope, minuteStart, capacity);
        ValueAndTimestamp<TopTalkers> before = minutes.fetch(scope, minuteStart);
        TopTalkers minute = before == null ? added : TalkerLists.merge(List.of(before.value(), added), capacity);
        minutes.put(scope, ValueAndTimestamp.make(minute, minuteStart), minuteStart);
    }

    /** The hour from its closed minutes, never from a running sum: the same lists always give the same hour. */
    private void closeHour(String scope, long hourStart) {
        List<TopTalkers> closed = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<TopTalkers>> found = minutes.fetch(scope, hourStart,
                hourStart + HOUR_MS - 1)) {
            found.forEachRemaining(minute -> closed.add(minute.value.value()));
        }
        if (!closed.isEmpty()) {
            hours.put(scope, ValueAndTimestamp.make(TalkerLists.merge(closed, capacity), hourStart), hourStart);
        }
    }
}
