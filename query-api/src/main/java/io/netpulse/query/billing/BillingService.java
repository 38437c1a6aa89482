package io.netpulse.query.billing;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ProblemShape;
import io.netpulse.query.ip.IpTrafficFault;
import io.netpulse.query.ip.IpTrafficShape;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.schema.aggregate.BillingSubject;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.billing.BillingPercentile;
import io.netpulse.topology.billing.BillingRange;
import io.netpulse.topology.billing.BillingSample;
import io.netpulse.topology.billing.BillingSamples;
import io.netpulse.topology.inputs.inventory.Directory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * 95th-percentile billing over a period ({@code start}, {@code end}; the current calendar month in UTC without
 * them) of an interface ({@value #INTERFACE_PATH}), a site ({@value #SITE_PATH}) or an IP address
 * ({@value #ADDRESS_PATH}), computed from the 5-minute samples with {@link BillingPercentile}, as the
 * {@code netpulse.billing} records are. Interfaces and sites answer errors like the interface metrics and
 * data-transferred APIs (ErrorResponse) and are scoped by the token's {@code sites}; addresses answer them like the
 * traffic statistics API and are scoped by its {@code accounts}. Every check (scope, Accept, the period's limits,
 * the id) runs before a store is read; the instance holding the key's partition answers, any other forwards the
 * request there once.
 */
public final class BillingService implements HttpService {

    /** An interface's billing, by its inventory or derived id. */
    public static final String INTERFACE_PATH = "/billing/interfaces/{interfaceId}";
    /** A site's billing. */
    public static final String SITE_PATH = "/billing/sites/{siteId}";
    /** An IP address's billing, within its account. */
    public static final String ADDRESS_PATH = "/billing/accounts/{accountId}/ipAddresses/{ipAddress}";
    /** Interfaces and sites in the request pipeline: ErrorResponse errors, JSON answers. */
    public static final Api API = new Api("billing", List.of("/billing/interfaces", "/billing/sites"),
            ErrorResponseShape.INSTANCE, List.of(MediaTypes.APPLICATION_JSON));
    /**
     * The traffic statistics API's fault bodies, but for a 406, whose details name the one type billing serves
     * (that API's own name JSON and CSV).
     */
    private static final ProblemShape ADDRESS_SHAPE = problem -> problem instanceof Problem.NotAcceptable
            ? new ProblemShape.Rendered(Status.NOT_ACCEPTABLE_406, Map.of("notAcceptable", new IpTrafficFault(
                    "GET data error", Status.NOT_ACCEPTABLE_406.code(), "The billing is served as application/json;"
                            + " the Accept header does not allow it.")))
            : IpTrafficShape.INSTANCE.render(problem);
    /** Addresses in the request pipeline: the traffic statistics API's fault bodies, JSON answers. */
    public static final Api ADDRESS_API = new Api("address billing", List.of("/billing/accounts"), ADDRESS_SHAPE,
            List.of(MediaTypes.APPLICATION_JSON));

    private static final StringSerializer STRING_KEYS = new StringSerializer();

    private final Pipeline pipeline;

    public BillingService(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(INTERFACE_PATH, this::ofInterface)
                .any(INTERFACE_PATH, BillingService::onlyGet)
                .get(SITE_PATH, this::ofSite)
                .any(SITE_PATH, BillingService::onlyGet));
        pipeline.routes(rules, ADDRESS_API, routes -> routes
                .get(ADDRESS_PATH, this::ofAddress)
                .any(ADDRESS_PATH, BillingService::onlyGet));
    }

    private void ofInterface(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        String text = request.path().pathParameters().get("interfaceId");
        UUID id = interfaceId(text);
        BillingRange range = period(request);
        Directory directory = directory();
        InterfaceKey key = directory.interfaceById(id)
                .map(entry -> new InterfaceKey(entry.getDevice(), entry.getIfIndex()))
                .filter(found -> visible(context.caller(), directory.inventoryEntryOf(found)
                        .map(InterfaceEntry::getSiteId).orElse(null)))
                .orElseThrow(() -> new Problem.Gone("The interface '" + id
                        + "' is unknown to netpulse or no longer exists."));
        answer(request, response, context, range, StoreNames.INTERFACE_RATES_FIVE_MINUTE,
                pipeline.placement().locator().locate(StoreNames.INTERFACE_RATES_FIVE_MINUTE, key,
                        InterfaceKey.partitioner()),
                "/billing/interfaces/" + id, stores -> BillingAnswer.of(BillingSubject.INTERFACE, id.toString(),
                        BillingPercentile.of(range, read(StoreNames.INTERFACE_RATES_FIVE_MINUTE,
                                () -> BillingSamples.ofInterface(stores.store(
                                        StoreNames.INTERFACE_RATES_FIVE_MINUTE,
                                        QueryableStoreTypes.timestampedWindowStore()), key, range)))));
    }

    private void ofSite(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        String text = request.path().pathParameters().get("siteId");
        String site = Caller.canonicalSite(text).orElseThrow(() -> Problem.invalid(ErrorCode.PARAMETER_INVALID,
                "The provided 'siteId' is not a valid UUID."));
        if (!context.caller().maySeeSite(site)) {
            throw new Problem.Forbidden("The caller may not see the site '" + site + "'.");
        }
        BillingRange range = period(request);
        answer(request, response, context, range, StoreNames.SITE_VOLUME_FIVE_MINUTE,
                pipeline.placement().locator().locate(StoreNames.SITE_VOLUME_FIVE_MINUTE, site, STRING_KEYS),
                "/billing/sites/" + site, stores -> BillingAnswer.of(BillingSubject.SITE, site,
                        BillingPercentile.of(range, read(StoreNames.SITE_VOLUME_FIVE_MINUTE,
                                () -> BillingSamples.ofSite(stores.store(
                                        StoreNames.SITE_VOLUME_FIVE_MINUTE,
                                        QueryableStoreTypes.timestampedWindowStore()), site, range)))));
    }

    private void ofAddress(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        String account = request.path().pathParameters().get("accountId");
        if (!context.caller().maySeeAccount(account)) {
            throw new Problem.Forbidden("The authorized user does not have permissions to access the resource.");
        }
        context.negotiate();
        String text = request.path().pathParameters().get("ipAddress");
        Directory directory = directory();
        Optional<String> address = IpAddresses.normalize(text);
        Optional<AddressEntry> entry = address.flatMap(directory::address)
                .filter(found -> found.getAccountId().equals(account));
        if (entry.isEmpty()) {
            throw new Problem.NotFound(directory.hasAccount(account)
                    ? "IP address " + address.orElse(text) + " does not belong to account " + account + "."
                    : "Account " + account + " does not exist.");
        }
        String normalized = address.get();
        BillingRange range = period(request);
        answer(request, response, context, range, StoreNames.IP_TRAFFIC_FIVE_MINUTE,
                pipeline.placement().locator().locate(StoreNames.IP_TRAFFIC_FIVE_MINUTE, normalized, STRING_KEYS),
                "/billing/accounts/" + segment(account) + "/ipAddresses/" + segment(normalized),
                stores -> BillingAnswer.of(BillingSubject.IP_ADDRESS, normalized,
                        BillingPercentile.of(range, read(StoreNames.IP_TRAFFIC_FIVE_MINUTE,
                                () -> BillingSamples.ofAddress(stores.store(
                                        StoreNames.IP_TRAFFIC_FIVE_MINUTE,
                                        QueryableStoreTypes.timestampedWindowStore()), normalized, range)))));
    }

    /** Reads here or asks the instance holding the key, within the bulkhead (one unit per slot of the period). */
    private void answer(ServerRequest request, ServerResponse response, RequestContext context, BillingRange range,
                        String store, Location location, String publicPath,
                        Function<LocalStores, BillingAnswer> here) {
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(range.expectedSamples())) {
            pipeline.placement().one(context, location, stores -> Json.reply(here.apply(stores)),
                    host -> pipeline.placement().ask(context, host, new PeerRequest(Method.GET, publicPath,
                            request.query().toMap(), null)))
                    .sendTo(response);
        }
    }

    private BillingRange period(ServerRequest request) {
        return BillingPeriodRequest.parse(request.query().first(BillingPeriodRequest.START).asOptional(),
                request.query().first(BillingPeriodRequest.END).asOptional(), pipeline.deps().clock().instant(),
                pipeline.deps().settings().rates().fiveMinuteRetention());
    }

    private static List<BillingSample> read(String store, Supplier<List<BillingSample>> reading) {
        try {
            return reading.get();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + store + " closed while reading: " + e.getMessage(), e);
        }
    }

    private static UUID interfaceId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided 'interfaceId' is not a valid UUID.");
    }

    /** Whether {@code caller} may see an interface of {@code siteId}: in the token, or the token grants all. */
    private static boolean visible(Caller caller, String siteId) {
        return caller.sites().unrestricted() || siteId != null && caller.maySeeSite(siteId);
    }

    private Directory directory() {
        return Directory.of(pipeline.deps().stores().store(StoreNames.DIRECTORY, QueryableStoreTypes.keyValueStore()));
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    private static void onlyGet(ServerRequest request, ServerResponse response) {
        throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET"));
    }
}
