package io.netpulse.topology.billing;

import io.netpulse.schema.aggregate.BillingPeriod;
import io.netpulse.schema.aggregate.BillingSubject;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Emits the billing record of each key and closed month. It sees the same records as its aggregate's processor
 * (beside it on the same stream, in the same task), judges them with a clock of the same lateness and grace, and
 * marks the months they touch; a month closes when its scope's clock is past its end by the grace (or has been
 * quiet that long by the wall clock), and the wall clock too, and its record is then computed from the aggregate's 5-minute store. Months
 * close only on the wall-clock check, never while a record is processed, so the aggregate has always taken in
 * every record before its month is read, whichever of the two processors Kafka Streams runs first. A record into
 * a month already closed marks it again: the month is emitted again with its full new value.
 *
 * @param <K> the aggregate's key
 * @param <V> the aggregate's input value
 * @param <S> the value of its 5-minute store
 */
final class BillingProcessor<K, V, S> implements Processor<K, V, String, BillingPeriod> {

    /** The one closing scope of an aggregate fed by many sources (a site, an address). */
    private static final String ALL_SOURCES = "";

    /** Reads a period's samples of one key from the 5-minute store. */
    @FunctionalInterface
    interface Reader<K, S> {
        List<BillingSample> read(ReadOnlyWindowStore<K, ValueAndTimestamp<S>> store, K key, BillingRange range);
    }

    /**
     * What one aggregate tells its billing processor.
     *
     * @param subject        what is billed
     * @param name           the processor's name and its clock's metric prefix
     * @param fiveMinuteStore the aggregate's 5-minute store, read
     * @param clockStore     this processor's own source clock store
     * @param closingStore   this processor's own closing store
     * @param keySerde       the aggregate's key serde
     * @param lateness       the aggregate's lateness
     * @param grace          the aggregate's grace
     * @param admits         true when records are judged here (late ones skipped, as the aggregate skips them);
     *                       false when an earlier step judged them
     * @param perSource      true when one source feeds a key (an interface's device): its months close on that
     *                       source's clock; false for keys fed by many sources
     * @param source         the source of a record
     * @param firstSlot      the earliest instant (epoch millis) a record changes
     * @param lastSlot       the latest instant (epoch millis) a record changes
     * @param reader         reads samples out of the 5-minute store
     * @param id             the published id of a key
     */
    record Spec<K, V, S>(BillingSubject subject, String name, String fiveMinuteStore, String clockStore,
                         String closingStore, Serde<K> keySerde, Duration lateness, Duration grace, boolean admits,
                         boolean perSource, Function<Record<K, V>, String> source, ToLongFunction<Record<K, V>> firstSlot,
                         ToLongFunction<Record<K, V>> lastSlot, Reader<K, S> reader, Function<K, String> id) {
    }

    private final Spec<K, V, S> spec;
    private ProcessorContext<String, BillingPeriod> context;
    private ReadOnlyWindowStore<K, ValueAndTimestamp<S>> fiveMinutes;
    private SourceClock clock;
    private ClosingWindows<K> closing;

    BillingProcessor(Spec<K, V, S> spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<String, BillingPeriod> context) {
        this.context = context;
        this.fiveMinutes = context.getStateStore(spec.fiveMinuteStore());
        this.clock = SourceClock.open(spec.name(), context, spec.clockStore(), spec.lateness(), spec.grace());
        this.closing = ClosingWindows.open(context, spec.closingStore(), spec.keySerde());
        long graceMillis = spec.grace().toMillis();
        // Never before the wall clock itself is past the month's end by the grace: sources that all went quiet
        // would otherwise let the month under way close (a replay runs long after, where this holds anyway).
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> closing.closeEach(scope -> Math.min(now - graceMillis,
                        spec.perSource() ? clock.closeTime(scope) : clock.closeTimeOfAll()), this::emit));
    }

    @Override
    public void process(Record<K, V> record) {
        String source = spec.source().apply(record);
        if (spec.admits()) {
            if (!clock.admit(source, record.timestamp())) {
                return;
            }
        } else {
            clock.observe(source, record.timestamp());
        }
        String scope = spec.perSource() ? source : ALL_SOURCES;
        BillingRange month = BillingRange.monthOf(Instant.ofEpochMilli(spec.firstSlot().applyAsLong(record)));
        BillingRange last = BillingRange.monthOf(Instant.ofEpochMilli(spec.lastSlot().applyAsLong(record)));
        while (!month.start().isAfter(last.start())) {
            closing.changed(scope, month.end().toEpochMilli(), record.key());
            month = BillingRange.monthOf(month.end());
        }
    }

    /** The month of {@code key} that ends at {@code periodEnd} closed. */
    private void emit(K key, long periodEnd) {
        BillingRange range = BillingRange.monthOf(Instant.ofEpochMilli(periodEnd - 1));
        BillingFigures figures = BillingPercentile.of(range, spec.reader().read(fiveMinutes, key, range));
        // A month whose only samples were taken back has nothing to bill.
        if (!figures.hasSamples()) {
            return;
        }
        String id = spec.id().apply(key);
        context.forward(new Record<>(BillingFlow.recordKey(spec.subject(), id), BillingFlow.record(spec.subject(),
                id, figures), range.start().toEpochMilli()));
    }
}
