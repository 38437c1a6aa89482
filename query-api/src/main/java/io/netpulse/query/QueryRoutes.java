package io.netpulse.query;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.ListenerConfig;
import io.netpulse.query.alerts.AlertsService;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.billing.BillingService;
import io.netpulse.query.error.ErrorDocsService;
import io.netpulse.query.flows.ImportStatsLimits;
import io.netpulse.query.flows.ImportStatsService;
import io.netpulse.query.interfaces.InterfaceMetricsRequest;
import io.netpulse.query.interfaces.InterfaceMetricsService;
import io.netpulse.query.ip.IpTrafficService;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.ApiListener;
import io.netpulse.query.pipeline.InternalMirror;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.ProblemAnswers;
import io.netpulse.query.sites.DataTransferredLimits;
import io.netpulse.query.sites.DataTransferredService;
import io.netpulse.query.toptalkers.TopTalkersService;
import java.util.List;

/**
 * Registers every query API on a routing. Package-visible pieces stay testable: tests call
 * {@link #register(HttpRouting.Builder, QueryDeps)} on a test server with TopologyTestDriver-backed stores.
 *
 * <p>Every data route, public or internal, runs through the request pipeline ({@link Pipeline}): authenticated
 * first, limited before any store is read, every error in its API's shape. Only {@code /docs/errors/*} (the pages
 * {@code doc_url} points at) is open here. The app adds the other open routes (health, metrics, the JWK set, the
 * embedded registry) itself.
 */
public final class QueryRoutes {

    /** The APIs, for errors that happen before a request reaches its API's routes. */
    public static final List<Api> APIS = List.of(InterfaceMetricsService.API, DataTransferredService.API,
            ImportStatsService.API, IpTrafficService.API, TopTalkersService.API,
            AlertsService.API, BillingService.API, BillingService.ADDRESS_API);

    private QueryRoutes() {
    }

    /** Adds the four APIs with their default limits, their internal mirrors, and the error answers. */
    public static void register(HttpRouting.Builder routing, QueryDeps deps) {
        register(routing, Pipeline.of(deps));
    }

    /** As {@link #register(HttpRouting.Builder, QueryDeps)}, sharing {@code pipeline}'s bulkhead. */
    public static void register(HttpRouting.Builder routing, Pipeline pipeline) {
        List<HttpService> apis = List.of(
                new InterfaceMetricsService(pipeline, InterfaceMetricsRequest.DEFAULT_MAX_RANGE),
                new DataTransferredService(pipeline, DataTransferredLimits.defaults()),
                new ImportStatsService(pipeline, ImportStatsLimits.defaults()),
                new IpTrafficService(pipeline, IpTrafficService.DEFAULT_MAX_DATA_SETS),
                new TopTalkersService(pipeline), new AlertsService(pipeline),
                new BillingService(pipeline));
        for (HttpService api : apis) {
            routing.register(api);
            routing.register(RemoteQueryClient.INTERNAL_PREFIX, new InternalMirror(api));
        }
        routing.register(new ErrorDocsService());
        new ProblemAnswers(APIS).register(routing);
    }

    /**
     * Configures {@code listener} to serve the APIs: HTTP/1.1 with the seeds' raw brackets, HTTP/1.0, TCP_NODELAY,
     * and requests refused before routing answered in their API's shape ({@link ApiListener}).
     */
    public static void listener(ListenerConfig.BuilderBase<?, ?> listener, Authenticator authenticator) {
        ApiListener.configure(listener, APIS, authenticator);
    }
}
