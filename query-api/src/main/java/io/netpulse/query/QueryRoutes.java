package io.netpulse.query;

import io.helidon.webserver.http.HttpRouting;

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
    }
}
