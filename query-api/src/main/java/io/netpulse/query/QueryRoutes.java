package io.netpulse.query;

import io.helidon.webserver.http.HttpRouting;
import io.netpulse.query.flows.CallerCheck;
import io.netpulse.query.flows.ImportStatsService;
import io.netpulse.query.iq.RemoteQueryClient;

/**
 * Registers every query API on a routing. Package-visible pieces stay testable: tests call
 * {@link #register(HttpRouting.Builder, QueryDeps)} on a test server with TopologyTestDriver-backed stores.
 */
public final class QueryRoutes {

    private QueryRoutes() {
    }

    /** Adds the four APIs, their internal mirrors for forwarded queries, and their error handlers. */
    public static void register(HttpRouting.Builder routing, QueryDeps deps) {
        // Each API adds its HttpService here, on its public path and on RemoteQueryClient.INTERNAL_PREFIX + path.
        ImportStatsService.registerErrorHandlers(routing);
        routing.register(ImportStatsService.PATH, ImportStatsService.publicApi(deps, CallerCheck.ALLOW_ALL));
        routing.register(RemoteQueryClient.INTERNAL_PREFIX + ImportStatsService.PATH,
                ImportStatsService.internal(deps, CallerCheck.ALLOW_ALL));
    }
}
