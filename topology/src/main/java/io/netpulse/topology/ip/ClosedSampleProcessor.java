package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a closed base sample into a record keyed by its address and stamped at the sample's start, for the hour
 * and day levels. Closed samples come out of the sample store in window order, so stamping them at their start
 * keeps their timestamps in order too: the hour and day windows see no late record in normal operation.
 */
final class ClosedSampleProcessor implements Processor<Windowed<String>, IpTrafficSample, String, IpTrafficSample> {

    private ProcessorContext<String, IpTrafficSample> context;

    @Override
    public void init(ProcessorContext<String, IpTrafficSample> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Windowed<String>, IpTrafficSample> record) {
        if (record.value() == null) {
            return;
        }
        context.forward(record.withKey(record.key().key()).withTimestamp(record.key().window().start()));
    }
}
