package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Counts each scope's addresses exactly while their minute is open ({@link OpenBuckets}), and when it closes cuts
 * the minute to its list ({@link StoreNames#TOP_TALKERS_MINUTE}) and adds that list to its hour
 * ({@link StoreNames#TOP_TALKERS_HOUR}). A minute of a source device closes at that device's clock minus the grace;
 * a minute of a site, fed by several exporters, at the earliest clock of the exporters still sending
 * ({@link SourceClock}). A record for a minute that already closed (its exporter was quiet for longer than the
 * grace) opens it again; at its next close what it added is merged into the minute and the hour like any list.
 */
final class TopTalkersProcessor implements Processor<String, TalkerFlow, Void, Void> {

    /** The closing scope of site minutes: exporters are IP literals, so no exporter is named so. */
    static final String SITES = "sites";
    private static final long MINUTE_MS = TopTalkersFlow.MINUTE.toMillis();
    private static final long HOUR_MS = TopTalkersFlow.HOUR.toMillis();

    private final Duration grace;
    private final int capacity;
    private KeyValueStore<Bytes, byte[]> open;
    private TimestampedWindowStore<String, TopTalkers> minutes;
    private TimestampedWindowStore<String, TopTalkers> hours;
    private SourceClock clock;
    private ClosingWindows<String> closing;

    TopTalkersProcessor(Duration grace, int capacity) {
        this.grace = grace;
        this.capacity = capacity;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.open = context.getStateStore(StoreNames.TOP_TALKERS_OPEN);
        this.minutes = context.getStateStore(StoreNames.TOP_TALKERS_MINUTE);
        this.hours = context.getStateStore(StoreNames.TOP_TALKERS_HOUR);
        this.clock = SourceClock.open("top-talkers", context, StoreNames.TOP_TALKERS_SOURCE_TIME, grace, grace);
        this.closing = ClosingWindows.open(context, StoreNames.TOP_TALKERS_CLOSING, Serdes.String());
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> closeAll());
    }

    @Override
    public void process(Record<String, TalkerFlow> record) {
        String scope = record.key();
        TalkerFlow flow = record.value();
        long at = flow.getCountedAt().toEpochMilli();
        if (!clock.admit(flow.getExporter(), at)) {
            return;
        }
        long minuteStart = at - Math.floorMod(at, MINUTE_MS);
        OpenBuckets.add(open, scope, minuteStart, OpenBuckets.SOURCE, flow.getSrcAddr(), flow.getBytes(),
                flow.getPackets());
        OpenBuckets.add(open, scope, minuteStart, OpenBuckets.DESTINATION, flow.getDstAddr(), flow.getBytes(),
                flow.getPackets());
        if (TopTalkersScope.isSite(scope)) {
            // Closed by the wall-clock check only: the earliest clock of every exporter costs a pass over them.
            closing.changed(SITES, minuteStart + MINUTE_MS, scope);
        } else {
            closing.changed(flow.getExporter(), minuteStart + MINUTE_MS, scope);
            closing.close(flow.getExporter(), clock.closeTime(flow.getExporter()), this::closeMinute);
        }
    }

    private void closeAll() {
        closing.closeEach(scope -> SITES.equals(scope) ? clock.closeTimeOfAll() : clock.closeTime(scope),
                this::closeMinute);
    }

    private void closeMinute(String scope, long minuteEnd) {
        long minuteStart = minuteEnd - MINUTE_MS;
        TopTalkers added = OpenBuckets.take(open, scope, minuteStart, capacity);
        mergeInto(minutes, scope, minuteStart, added);
        mergeInto(hours, scope, minuteStart - Math.floorMod(minuteStart, HOUR_MS), added);
    }

    private void mergeInto(TimestampedWindowStore<String, TopTalkers> store, String scope, long windowStart,
                           TopTalkers added) {
        ValueAndTimestamp<TopTalkers> before = store.fetch(scope, windowStart);
        TopTalkers merged = before == null ? added : TalkerLists.merge(List.of(before.value(), added), capacity);
        store.put(scope, ValueAndTimestamp.make(merged, windowStart), windowStart);
    }
}
