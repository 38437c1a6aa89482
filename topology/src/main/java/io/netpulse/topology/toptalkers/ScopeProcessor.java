package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.inputs.inventory.DirectoryVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends each flow with traffic to its scopes, before the repartition: its source device always, and the site of
 * that device when the inventory puts the device's interfaces in exactly one site ({@link Directory#siteOfDevice},
 * read from the global directory, so no repartition is needed to ask it). A flow whose device is in no site, or in
 * several, counts for its source device only, and in {@value TopTalkersFlow#NO_SITE} per exporter. A device's site is
 * read once and kept while the directory takes no write ({@link DirectoryVersion}): a scan of the device's interfaces
 * for every flow cost a twentieth of the stream threads' time.
 */
final class ScopeProcessor implements Processor<String, Flow, String, TalkerFlow> {

    /** Devices whose site is kept; past it the kept sites are dropped and read again (a few MB at most). */
    static final int KEPT_SITES = 10_000;

    private final DirectoryVersion version;
    private final Map<String, Optional<String>> sites = new HashMap<>();
    private long sitesVersion = -1;
    private ProcessorContext<String, TalkerFlow> context;
    private Directory directory;
    private TopologyMetrics metrics;

    ScopeProcessor(DirectoryVersion version) {
        this.version = version;
    }

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
        Optional<String> site = siteOf(flow.exporter());
        if (site.isPresent()) {
            context.forward(record.withKey(TopTalkersScope.site(site.get())).withValue(talker));
        } else {
            metrics.count(TopTalkersFlow.NO_SITE, flow.exporter());
        }
    }

    private Optional<String> siteOf(String device) {
        // The version is read before the directory: a write it does not count yet moves it later.
        long now = version.current();
        if (now != sitesVersion || sites.size() >= KEPT_SITES) {
            sites.clear();
            sitesVersion = now;
        }
        return sites.computeIfAbsent(device, directory::siteOfDevice);
    }
}
