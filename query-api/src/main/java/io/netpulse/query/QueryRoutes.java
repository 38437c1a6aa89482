package io.netpulse.query;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.netpulse.query.error.ErrorDocsService;
import io.netpulse.query.error.ErrorHandlers;
import io.netpulse.query.flows.ImportStatsService;
import io.netpulse.query.interfaces.InterfaceMetricsRequest;
import io.netpulse.query.interfaces.InterfaceMetricsService;
import io.netpulse.query.ip.IpTrafficService;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.sites.DataTransferredLimits;
import io.netpulse.query.sites.DataTransferredService;

/**
 * Registers every query API on a routing. Package-visible pieces stay testable: tests call
 * {@link #register(HttpRouting.Builder, QueryDeps)} on a test server with TopologyTestDriver-backed stores.
 *
 * <p>Every data route, public or internal, authenticates with {@link QueryDeps#authenticator()}; only
 * {@code /docs/errors/*} (the pages {@code doc_url} points at) is open here. The app adds the other open routes
 * (health, metrics, the JWK set, the embedded registry) itself.
 */
public final class QueryRoutes {

    private QueryRoutes() {
    }

    /** Adds the four APIs, their internal mirrors for forwarded queries, and their error handlers. */
    public static void register(HttpRouting.Builder routing, QueryDeps deps) {
        // Each API adds its HttpService here, on its public path and on RemoteQueryClient.INTERNAL_PREFIX + path.
        ImportStatsService.registerErrorHandlers(routing);
        routing.register(ImportStatsService.PATH, ImportStatsService.publicApi(deps));
        routing.register(RemoteQueryClient.INTERNAL_PREFIX + ImportStatsService.PATH,
                ImportStatsService.internal(deps));
        routing.register(new InterfaceMetricsService(deps, false, InterfaceMetricsRequest.DEFAULT_MAX_RANGE));
        routing.register(RemoteQueryClient.INTERNAL_PREFIX,
                new InterfaceMetricsService(deps, true, InterfaceMetricsRequest.DEFAULT_MAX_RANGE));
        DataTransferredLimits transferLimits = DataTransferredLimits.defaults()
                .withFanOutTimeout(deps.remote().timeout());
        routing.register(new DataTransferredService(deps, false, transferLimits));
        routing.register(RemoteQueryClient.INTERNAL_PREFIX, new DataTransferredService(deps, true, transferLimits));
        IpTrafficService.registerErrorHandlers(routing);
        int maxDataSets = IpTrafficService.DEFAULT_MAX_DATA_SETS;
        routing.register(new IpTrafficService(deps, false, maxDataSets));
        routing.register(RemoteQueryClient.INTERNAL_PREFIX, new IpTrafficService(deps, true, maxDataSets));
        routing.register(new ErrorDocsService());
        ErrorHandlers.register(routing);
    }

    /**
     * The HTTP/1.1 settings the APIs need. The seeds write repeated parameters with raw brackets
     * ({@code site_ids[]=a&site_ids[]=b}, as {@code curl -g} and many clients send them); Helidon's request-line
     * validation refuses those before routing, with an empty 400 instead of the API's error body. Each API parses
     * and validates its own parameters, naming the offending one.
     */
    public static Http1Config http1() {
        return Http1Config.builder().validatePath(false).validatePrologue(false).build();
    }
}
