package io.netpulse.query.sites;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Method;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.Placement;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.topology.sites.SiteVolumeFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a planned request from wherever the sites live. A site is one key of the site volume stores
 * (partitioned by the site id's bytes, the default partitioner of the {@code site-volume-by-site} repartition), so
 * named sites are located one by one, read here when local and asked of their instance otherwise, one request per
 * instance with its sites. "Every site" asks every instance holding a partition at once for the sum of its own
 * sites, the unassigned pseudo-site left out. Sums add up across instances, so the merged answer is exactly the
 * local one of a single instance; {@link Placement} makes any instance failing a 503, never a partial sum. Other
 * instances get the range, interval and store resolved here.
 */
final class DataTransferredQueries {

    /** What "every site" counts: all but the volume of interfaces without a site, which is asked for by name. */
    static final Predicate<String> EVERY_SITE = site -> !SiteVolumeFlow.UNASSIGNED_SITE.equals(site);

    private static final Serializer<String> SITE_SERIALIZER = Serdes.String().serializer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Placement placement;
    private final SiteVolumeReader reader;
    /** Reads every site this instance holds, for a fan-out: active copies only, so no standby counts twice. */
    private final SiteVolumeReader activeReader;

    DataTransferredQueries(Pipeline pipeline) {
        this.placement = pipeline.placement();
        this.reader = new SiteVolumeReader(pipeline.deps().stores(), placement.locator());
        this.activeReader = new SiteVolumeReader(pipeline.deps().stores().activeOnly(), placement.locator());
    }

    /**
     * The answer's points, every bucket of the plan ascending.
     *
     * @param sites the sites to sum; empty for every site
     */
    List<DataTransferredPoint> answer(RequestContext context, DataTransferredRequest request, TransferPlan plan,
                                      Optional<List<String>> sites) {
        BucketTotals totals = new BucketTotals(plan);
        if (plan.buckets() == 0) {
            return totals.points();
        }
        String store = plan.resolution().store();
        // Shares stay sums: only another instance's answer is read back from its points.
        List<BucketTotals> shares = sites.isEmpty()
                ? placement.everywhere(context, store, () -> List.of(everySiteHere(plan)),
                        host -> List.of(ask(context, host, request, plan, Optional.empty())))
                : placement.grouped(context, sites.get(),
                        site -> placement.locator().locate(store, site, SITE_SERIALIZER),
                        local -> List.of(sitesHere(local, plan)),
                        (host, theirs) -> List.of(ask(context, host, request, plan, Optional.of(theirs))));
        shares.forEach(totals::add);
        return totals.points();
    }

    private BucketTotals everySiteHere(TransferPlan plan) {
        BucketTotals share = new BucketTotals(plan);
        activeReader.addEverySite(EVERY_SITE, plan, share);
        return share;
    }

    private BucketTotals sitesHere(List<String> sites, TransferPlan plan) {
        BucketTotals share = new BucketTotals(plan);
        reader.addSites(sites, plan, share);
        return share;
    }

    private BucketTotals ask(RequestContext context, HostInfo host, DataTransferredRequest request,
                             TransferPlan plan, Optional<List<String>> sites) {
        Reply answer = placement.ask(context, host, new PeerRequest(Method.GET, DataTransferredService.PATH,
                request.forwarded(plan.resolution(), sites), null));
        if (answer.status() != 200) {
            throw new StoreUnavailableException("instance " + host + " answered " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        BucketTotals share = new BucketTotals(plan);
        try {
            for (DataTransferredPoint point : JSON.readValue(answer.body(), DataTransferredPoint[].class)) {
                share.add(point);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " sent an answer that is not data points: "
                    + e.getMessage(), e);
        }
        return share;
    }
}
