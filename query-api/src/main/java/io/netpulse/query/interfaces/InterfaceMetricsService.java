package io.netpulse.query.interfaces;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.ApiException;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.ErrorHandlers;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.inventory.Directory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Get Interface Metrics ({@code POST /metrics/interfaces/{interfaceId}/metrics}) and the interface list
 * ({@code GET /interfaces}). The id resolves through the directory, which every instance holds, to the
 * interface's device and ifIndex; the instance holding that device's partition answers from its minute or hour
 * store, and any other instance forwards the request there once and passes the answer through unchanged.
 * Mounted twice: on the public paths, and under {@link RemoteQueryClient#INTERNAL_PREFIX} for forwarded requests,
 * which are answered locally or with 503, never forwarded again.
 *
 * <p>Both routes authenticate first (401) and answer only interfaces of the caller's sites: an interface of
 * another site answers exactly like an unknown one (410, same message), and the list leaves it out. The site
 * is the inventory's, for the inventory id and the derived id alike, and comes from the directory, which every
 * instance holds, so the check never leaves this instance. An interface without a site (seen only in counters,
 * or named by the inventory without one) is visible only to a caller that may see every site, since nothing says
 * whose it is.
 */
public final class InterfaceMetricsService implements HttpService {

    /** The seed's path. */
    public static final String METRICS_PATH = "/metrics/interfaces/{interfaceId}/metrics";
    /** Every interface id netpulse knows. */
    public static final String LIST_PATH = "/interfaces";

    private final QueryDeps deps;
    private final boolean forwarded;
    private final Duration maxRange;
    private final InterfaceRatesReader reader;

    /**
     * @param forwarded whether this instance of the service answers forwarded requests (the internal mirror)
     * @param maxRange  the longest range a request may ask for
     */
    public InterfaceMetricsService(QueryDeps deps, boolean forwarded, Duration maxRange) {
        this.deps = deps;
        this.forwarded = forwarded;
        this.maxRange = maxRange;
        this.reader = new InterfaceRatesReader(deps.stores());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(METRICS_PATH, this::metrics)
                .any(METRICS_PATH, (request, response) -> notAllowed(request, "POST"))
                .get(LIST_PATH, this::list)
                .any(LIST_PATH, (request, response) -> notAllowed(request, "GET"));
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        Caller caller = caller(request);
        InterfaceMetricsRequest query = InterfaceMetricsRequest.parse(request, maxRange);
        Directory directory = directory();
        InterfaceKey key = directory.interfaceById(query.interfaceId())
                .map(entry -> new InterfaceKey(entry.getDevice(), entry.getIfIndex()))
                .filter(found -> visible(caller, siteOf(directory, found)))
                .orElseThrow(() -> new ApiException(ErrorCode.INTERFACE_GONE, "The interface '"
                        + query.interfaceId() + "' is unknown to netpulse or no longer exists."));
        switch (deps.locator().locate(StoreNames.INTERFACE_RATES_MINUTE, key, InterfaceKey.partitioner())) {
            case Location.Local local -> response.send(reader.read(key, SeriesPlan.of(query.from(), query.to(),
                    deps.clock().instant(), deps.settings().rates())));
            case Location.Remote remote when forwarded -> ErrorHandlers.answerUnavailable(response,
                    "This instance no longer holds the interface's data (a rebalance is under way); retry later.");
            case Location.Remote remote -> deps.remote().forward(remote.host(), Method.POST,
                    request.path().path(), Map.of(), forwardedHeaders(request), query.toJson()).sendTo(response);
            case Location.Unavailable unavailable -> ErrorHandlers.answerUnavailable(response,
                    "The interface's data cannot be read right now (" + unavailable.reason() + "); retry later.");
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = caller(request);
        String device = request.query().first("device").orElse(null);
        response.send(new InterfaceSummary.Listing(InterfaceSummary.of(directory().interfaces().stream()
                .filter(entry -> device == null || entry.getDevice().equals(device))
                .toList()).stream()
                .filter(summary -> visible(caller, summary.siteId()))
                .toList()));
    }

    private Caller caller(ServerRequest request) {
        try {
            return deps.authenticator().authenticate(request);
        } catch (AuthenticationException e) {
            throw ApiException.unauthenticated(e);
        }
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
        return Directory.of(deps.stores().store(StoreNames.DIRECTORY, QueryableStoreTypes.keyValueStore()));
    }

    private static void notAllowed(ServerRequest request, String allowed) {
        throw ApiException.methodNotAllowed(request.prologue().method().text(), allowed);
    }

    private static Map<HeaderName, String> forwardedHeaders(ServerRequest request) {
        Map<HeaderName, String> headers = new LinkedHashMap<>();
        headers.put(HeaderNames.CONTENT_TYPE, "application/json");
        request.headers().first(HeaderNames.AUTHORIZATION).ifPresent(value -> headers.put(HeaderNames.AUTHORIZATION,
                value));
        return headers;
    }
}
