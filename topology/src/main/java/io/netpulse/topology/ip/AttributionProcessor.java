package io.netpulse.topology.ip;

import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.inputs.inventory.InventoryAddresses;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Looks a flow's addresses up in the directory (the global store {@link StoreNames#DIRECTORY}, present on every
 * instance, so no repartition is needed to ask it) and forwards what the flow adds to each inventory address,
 * keyed by the address, stamped with the flow's own time and carrying its exporter ({@link IpAttribution}). A flow of no inventory
 * address goes no further; it is counted in {@value IpTrafficFlow#UNATTRIBUTED_FLOWS} and its bytes in
 * {@value IpTrafficFlow#UNATTRIBUTED_BYTES}, per exporter and in total. Addresses of no inventory are told apart
 * by the instance's {@link InventoryAddresses} without a read of the store.
 */
final class AttributionProcessor implements Processor<String, Flow, String, IpContribution> {

    private final InventoryAddresses inventory;
    private ProcessorContext<String, IpContribution> context;
    private Directory directory;
    private TopologyMetrics metrics;

    AttributionProcessor(InventoryAddresses inventory) {
        this.inventory = inventory;
    }

    @Override
    public void init(ProcessorContext<String, IpContribution> context) {
        this.context = context;
        this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
        this.metrics = new TopologyMetrics(context);
    }

    @Override
    public void process(Record<String, Flow> record) {
        Flow flow = record.value();
        var contributions = IpAttribution.of(flow, address -> inventory.contains(directory, address));
        if (contributions.isEmpty() && flow.bytes() > 0) {
            metrics.count(IpTrafficFlow.UNATTRIBUTED_FLOWS, flow.exporter());
            metrics.add(IpTrafficFlow.UNATTRIBUTED_BYTES, flow.exporter(), flow.bytes());
        }
        for (IpAttribution.Contribution contribution : contributions) {
            context.forward(record.withKey(contribution.address())
                    .withValue(new IpContribution(flow.exporter(), contribution.bytes())));
        }
    }
}
