package io.netpulse.query.pipeline;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.error.Problem;
import java.util.function.Consumer;

/**
 * What every API service is built with: the query dependencies, the {@link Placement} that reads or asks for its
 * data, and the instance's {@link Bulkhead}. One per instance, shared by the four APIs and their internal mirrors.
 *
 * @param deps      the query dependencies
 * @param placement where data is read
 * @param bulkhead  bounds the expensive queries running at once
 * @param requests  counts and times every request by API and status
 */
public record Pipeline(QueryDeps deps, Placement placement, Bulkhead bulkhead, RequestMetrics requests) {

    /** The pipeline of {@code deps} with the default bulkhead. */
    public static Pipeline of(QueryDeps deps) {
        return of(deps, Bulkhead.defaults());
    }

    /** The pipeline of {@code deps} with {@code bulkhead}. */
    public static Pipeline of(QueryDeps deps, Bulkhead bulkhead) {
        return of(deps, bulkhead, RequestMetrics.of(Metrics.globalRegistry()));
    }

    /** The pipeline of {@code deps} with {@code bulkhead}, counting its requests in {@code requests}. */
    public static Pipeline of(QueryDeps deps, Bulkhead bulkhead, RequestMetrics requests) {
        return new Pipeline(deps, new Placement(deps.locator(), deps.remote(), deps.stores()), bulkhead, requests);
    }

    /**
     * Registers {@code api}'s routes behind its filter: every path under the API's prefixes is authenticated and
     * given its {@link RequestContext} first, then {@code routes} answer, and a path that none of them answers is
     * a 404 in the API's shape.
     */
    public void routes(HttpRules rules, Api api, Consumer<HttpRules> routes) {
        ApiFilter filter = new ApiFilter(api, deps.authenticator(), requests);
        for (String prefix : api.prefixes()) {
            rules.any(prefix, filter).any(prefix + "/*", filter);
        }
        routes.accept(rules);
        for (String prefix : api.prefixes()) {
            rules.any(prefix, Pipeline::notFound).any(prefix + "/*", Pipeline::notFound);
        }
    }

    private static void notFound(ServerRequest request, ServerResponse response) {
        throw new Problem.NotFound("Nothing is served at this path.");
    }
}
