package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.inputs.inventory.Directory;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends each flow with traffic to its scopes, before the repartition: its source device always, and the site of
 * that device when the inventory puts the device's interfaces in exactly one site ({@link Directory#siteOfDevice},
 * read from the global directory, so no repartition is needed to ask it). A flow whose device is in no site, or in
 * several, counts for its source device only, and in {@value TopTalkersFlow#NO_SITE} per exporter.
 */
final class ScopeProcessor implements Processor<String, Flow, String, TalkerFlow> {

    private ProcessorContext<String, TalkerFlow> context;
    private Directory directory;
    private TopologyMetrics metrics;

    @Override
    public void init(ProcessorContext<String, TalkerFlow> context) {
        this.context = context;
        this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
        this.metrics = new TopologyMetrics(context);
    }

    @Override
    public void process(Record<String, Flow> record) {
        Flow flow = record.value();
        if (flow.bytes() == 0 && flow.packets() == 0) {
            return;
        }
        TalkerFlow talker = new TalkerFlow(flow.exporter(), flow.srcAddr(), flow.dstAddr(), flow.bytes(),
                flow.packets(), flow.countedAt());
        context.forward(record.withKey(TopTalkersScope.source(flow.exporter())).withValue(talker));
        Optional<String> site = directory.siteOfDevice(flow.exporter());
        if (site.isPresent()) {
            context.forward(record.withKey(TopTalkersScope.site(site.get())).withValue(talker));
        } else {
            metrics.count(TopTalkersFlow.NO_SITE, flow.exporter());
        }
    }
}
