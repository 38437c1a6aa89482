package io.netpulse.query.interfaces;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.inventory.Directory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Get Interface Metrics ({@code POST /metrics/interfaces/{interfaceId}/metrics}) and the interface list
 * ({@code GET /interfaces}). The id resolves through the directory, which every instance holds, to the
 * interface's device and ifIndex; the instance holding that device's partition answers from its minute or hour
 * store, and any other instance forwards the request there once and passes the answer through unchanged.
 *
 * <p>Only interfaces of the caller's sites are answered: an interface of another site answers exactly like an
 * unknown one (410, same message), and the list leaves it out. The site is the inventory's, for the inventory id and
 * the derived id alike, and comes from the directory, so the check never leaves this instance. An interface without
 * a site (seen only in counters, or named by the inventory without one) is visible only to a caller that may see
 * every site, since nothing says whose it is.
 */
public final class InterfaceMetricsService implements HttpService {

    /** The seed's path. */
    public static final String METRICS_PATH = "/metrics/interfaces/{interfaceId}/metrics";
    /** Every interface id netpulse knows. */
    public static final String LIST_PATH = "/interfaces";
    /** This API in the request pipeline: ErrorResponse errors, JSON answers. */
    public static final Api API = new Api("interface metrics", List.of("/metrics/interfaces", LIST_PATH),
            ErrorResponseShape.INSTANCE, List.of(MediaTypes.APPLICATION_JSON));

    private final Pipeline pipeline;
    private final Duration maxRange;

    /** @param maxRange the longest range a request may ask for */
    public InterfaceMetricsService(Pipeline pipeline, Duration maxRange) {
        this.pipeline = pipeline;
        this.maxRange = maxRange;
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .post(METRICS_PATH, this::metrics)
                .any(METRICS_PATH, (request, response) -> notAllowed(request, "POST"))
                .get(LIST_PATH, this::list)
                .any(LIST_PATH, (request, response) -> notAllowed(request, "GET")));
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        InterfaceMetricsRequest query = InterfaceMetricsRequest.parse(request, maxRange);
        Directory directory = directory();
        InterfaceKey key = directory.interfaceById(query.interfaceId())
                .map(entry -> new InterfaceKey(entry.getDevice(), entry.getIfIndex()))
                .filter(found -> visible(context.caller(), siteOf(directory, found)))
                .orElseThrow(() -> new Problem.Gone("The interface '" + query.interfaceId()
                        + "' is unknown to netpulse or no longer exists."));
        SeriesPlan plan = SeriesPlan.of(query.from(), query.to(), pipeline.deps().clock().instant(),
                pipeline.deps().settings().rates());
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(plan.windows())) {
            pipeline.placement().one(context,
                    pipeline.placement().locator().locate(StoreNames.INTERFACE_RATES_MINUTE, key,
                            InterfaceKey.partitioner()),
                    stores -> Json.reply(new InterfaceRatesReader(stores).read(key, plan)),
                    host -> pipeline.placement().ask(context, host, new PeerRequest(Method.POST,
                            "/metrics/interfaces/" + query.interfaceId() + "/metrics", Map.of(), query.toJson())))
                    .sendTo(response);
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        String device = request.query().first("device").orElse(null);
        Json.send(request, response, new InterfaceSummary.Listing(InterfaceSummary.of(directory().interfaces()
                .stream()
                .filter(entry -> device == null || entry.getDevice().equals(device))
                .toList()).stream()
                .filter(summary -> visible(context.caller(), summary.siteId()))
                .toList()));
    }

    /**
     * The site of an interface: the inventory's, whichever of its ids was asked for (its derived id answers with
     * the same history, so it belongs to the same site); null when the inventory does not name it.
     */
    private static String siteOf(Directory directory, InterfaceKey key) {
        return directory.inventoryEntryOf(key).map(InterfaceEntry::getSiteId).orElse(null);
    }

    /** Whether {@code caller} may see an interface of {@code siteId}: in the token, or the token grants all. */
    static boolean visible(Caller caller, String siteId) {
        return caller.sites().unrestricted() || siteId != null && caller.maySeeSite(siteId);
    }

    private Directory directory() {
        return Directory.of(pipeline.deps().stores().store(StoreNames.DIRECTORY,
                QueryableStoreTypes.keyValueStore()));
    }

    private static void notAllowed(ServerRequest request, String allowed) {
        throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of(allowed));
    }
}
