package io.netpulse.query.sites;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.iq.FanOut;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient.RemoteAnswer;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.topology.sites.SiteVolumeFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a planned request from wherever the sites live. A site is one key of the site volume stores
 * (partitioned by the site id's bytes, the default partitioner of the {@code site-volume-by-site} repartition), so
 * named sites are located one by one, read here when local and asked of their instance otherwise, one request per
 * instance with its sites. "Every site" asks every instance holding a partition at once ({@link FanOut}) for the
 * sum of its own sites, the unassigned pseudo-site left out. Sums add up across instances, so the merged answer is
 * exactly the local one of a single instance; any instance failing fails the answer with 503, never a partial sum.
 *
 * <p>A forwarded request (the internal mirror) reads local stores only, or answers 503 when a site has moved
 * meanwhile: it is never forwarded again. Other instances get the range, interval and store resolved here.
 */
final class DataTransferredQueries {

    /** What "every site" counts: all but the volume of interfaces without a site, which is asked for by name. */
    static final Predicate<String> EVERY_SITE = site -> !SiteVolumeFlow.UNASSIGNED_SITE.equals(site);

    private static final Serializer<String> SITE_SERIALIZER = Serdes.String().serializer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueryDeps deps;
    private final SiteVolumeReader reader;
    /** Reads every site this instance holds, for a fan-out: active copies only, so no standby counts twice. */
    private final SiteVolumeReader activeReader;
    private final FanOut fanOut;

    DataTransferredQueries(QueryDeps deps, DataTransferredLimits limits) {
        this.deps = deps;
        this.reader = new SiteVolumeReader(deps.stores());
        this.activeReader = new SiteVolumeReader(deps.stores().activeOnly());
        this.fanOut = new FanOut(limits.fanOutTimeout());
    }

    /**
     * The answer's points, every bucket of the plan ascending.
     *
     * @param sites         the sites to sum; empty for every site
     * @param forwarded     answering another instance: local stores only
     * @param authorization the caller's Authorization header, carried to other instances
     */
    List<DataTransferredPoint> answer(DataTransferredRequest request, TransferPlan plan, Optional<List<String>> sites,
                                      boolean forwarded, Optional<String> authorization) {
        BucketTotals totals = new BucketTotals(plan);
        if (plan.buckets() == 0) {
            return totals.points();
        }
        if (sites.isEmpty()) {
            if (forwarded) {
                activeReader.addEverySite(EVERY_SITE, plan, totals);
            } else {
                HostInfo self = deps.locator().self();
                fanOut.collect(deps.locator().hostsOf(plan.resolution().store()), host -> host.equals(self)
                                ? localEverySite(plan)
                                : ask(host, request, plan, Optional.empty(), authorization))
                        .forEach(totals::add);
            }
            return totals.points();
        }
        List<String> local = new ArrayList<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String site : sites.get()) {
            switch (deps.locator().locate(plan.resolution().store(), site, SITE_SERIALIZER)) {
                case Location.Local here -> local.add(site);
                case Location.Remote there when forwarded -> throw new StoreUnavailableException(
                        "forwarded query for site " + site + ", now held by " + there.host());
                case Location.Remote there -> remote.computeIfAbsent(there.host(), host -> new ArrayList<>()).add(site);
                case Location.Unavailable unavailable -> throw new StoreUnavailableException(unavailable.reason());
            }
        }
        reader.addSites(local, plan, totals);
        if (!remote.isEmpty()) {
            fanOut.collect(List.copyOf(remote.keySet()),
                            host -> ask(host, request, plan, Optional.of(remote.get(host)), authorization))
                    .forEach(totals::add);
        }
        return totals.points();
    }

    private List<DataTransferredPoint> localEverySite(TransferPlan plan) {
        BucketTotals share = new BucketTotals(plan);
        activeReader.addEverySite(EVERY_SITE, plan, share);
        return share.points();
    }

    private List<DataTransferredPoint> ask(HostInfo host, DataTransferredRequest request, TransferPlan plan,
                                           Optional<List<String>> sites, Optional<String> authorization) {
        Map<HeaderName, String> headers = new LinkedHashMap<>();
        headers.put(HeaderNames.ACCEPT, "application/json");
        authorization.ifPresent(value -> headers.put(HeaderNames.AUTHORIZATION, value));
        RemoteAnswer answer = deps.remote().forward(host, Method.GET, DataTransferredService.PATH,
                request.forwarded(plan.resolution(), sites), headers, null);
        if (answer.status() != 200) {
            throw new StoreUnavailableException("instance " + host + " answered " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        try {
            return Arrays.asList(JSON.readValue(answer.body(), DataTransferredPoint[].class));
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " sent an answer that is not data points: "
                    + e.getMessage(), e);
        }
    }
}
