package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.topology.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every alert by id in {@link StoreNames#ALERTS} for the API and passes it on to {@code netpulse.alerts}.
 * An alert already cleared is never made active again by an older copy of it (a rule whose state was rebuilt
 * raising it once more); it is forwarded only when it changes the store. Cleared alerts are removed
 * {@link AlertSettings#retention()} after they ended, checked once a minute by the wall clock: the store holds the
 * active alerts and the recent past, not the history (that is the topic).
 */
final class AlertStoreProcessor implements Processor<String, Alert, String, Alert> {

    /** How often, by the wall clock, cleared alerts past the retention are removed. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final long retentionMillis;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> alerts;

    AlertStoreProcessor(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerts = context.getStateStore(StoreNames.ALERTS);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert before = alerts.get(record.key());
        Alert alert = record.value();
        if (alert.equals(before) || before != null && before.getEnd() != null && alert.getEnd() == null) {
            return;
        }
        alerts.put(record.key(), alert);
        context.forward(record);
    }

    private void purge(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = alerts.all()) {
            while (all.hasNext()) {
                KeyValue<String, Alert> entry = all.next();
                if (entry.value.getEnd() != null && entry.value.getEnd().toEpochMilli() < now - retentionMillis) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(alerts::delete);
    }
}
