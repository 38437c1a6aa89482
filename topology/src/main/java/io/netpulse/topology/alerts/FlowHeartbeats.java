package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.topology.sourcestats.FlowCountsBatch;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Thins the flows, keyed by exporter, to what the silent-source rule needs: per exporter, each second of its
 * batches in their order, forwarded only when it is later than the last one forwarded from this task. The latest
 * of them is the latest flow time truncated to the second whatever was thinned (a restart, which forgets what was
 * forwarded, only sends more), so silences are judged to the second.
 */
final class FlowHeartbeats implements Processor<String, FlowCountsBatch, String, Long> {

    private static final long SECOND_MS = 1_000;

    private final Map<String, Long> forwarded = new HashMap<>();
    private ProcessorContext<String, Long> context;

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, FlowCountsBatch> record) {
        Long last = forwarded.get(record.key());
        for (FlowCounts counts : record.value().seconds()) {
            long at = counts.getCountedAt().toEpochMilli();
            long second = at - Math.floorMod(at, SECOND_MS);
            if (last == null || second > last) {
                last = second;
                context.forward(new Record<>(record.key(), second, second));
            }
        }
        if (last != null) {
            forwarded.put(record.key(), last);
        }
    }
}
