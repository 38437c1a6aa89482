package io.netpulse.query;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServerConfig;
import io.netpulse.query.alerts.AlertsService;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.billing.BillingService;
import io.netpulse.query.error.ErrorDocsService;
import io.netpulse.query.flows.ImportStatsLimits;
import io.netpulse.query.flows.ImportStatsService;
import io.netpulse.query.interfaces.InterfaceMetricsRequest;
import io.netpulse.query.interfaces.InterfaceMetricsService;
import io.netpulse.query.ip.IpTrafficService;
import io.netpulse.query.iq.AssignmentGuard;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.ApiListener;
import io.netpulse.query.pipeline.InternalMirror;
import io.netpulse.query.pipeline.PeerAccess;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.ProblemAnswers;
import io.netpulse.query.sites.DataTransferredLimits;
import io.netpulse.query.sites.DataTransferredService;
import io.netpulse.query.toptalkers.TopTalkersService;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Registers every query API on a routing. Package-visible pieces stay testable: tests call
 * {@link #register(HttpRouting.Builder, QueryDeps)} on a test server with TopologyTestDriver-backed stores.
 *
 * <p>Two listeners: the public one serves the APIs ({@link #register(HttpRouting.Builder, Pipeline)}) and no
 * internal path; the peer listener ({@link #peerListener}) serves only the internal mirrors other instances forward
 * to, to callers holding the deployment's peer key. Every data route, public or internal, runs through the request
 * pipeline ({@link Pipeline}): authenticated first, limited before any store is read, every error in its API's
 * shape. Only {@code /docs/errors/*} (the pages {@code doc_url} points at) is open on the public listener. The app
 * adds the other open routes (health, metrics, the JWK set, the embedded registry, the dashboard) itself.
 */
public final class QueryRoutes {

    /** The APIs, for errors that happen before a request reaches its API's routes. */
    public static final List<Api> APIS = List.of(InterfaceMetricsService.API, DataTransferredService.API,
            ImportStatsService.API, IpTrafficService.API, TopTalkersService.API,
            AlertsService.API, BillingService.API, BillingService.ADDRESS_API);

    /** The name of the peer listener's socket. */
    public static final String PEER_SOCKET = "peer";

    private QueryRoutes() {
    }

    /** Adds the APIs with their default limits and the error answers: the routes of the public listener. */
    public static void register(HttpRouting.Builder routing, QueryDeps deps) {
        register(routing, Pipeline.of(deps));
    }

    /** As {@link #register(HttpRouting.Builder, QueryDeps)}, sharing {@code pipeline}'s bulkhead. */
    public static void register(HttpRouting.Builder routing, Pipeline pipeline) {
        apis(pipeline).forEach(routing::register);
        routing.register(new ErrorDocsService());
        new ProblemAnswers(APIS).register(routing);
    }

    /**
     * Adds the routes of the peer listener: the internal mirror of every API under
     * {@value RemoteQueryClient#INTERNAL_PREFIX}, behind the deployment's peer key ({@link PeerAccess}, the key of
     * {@code pipeline}'s remote client) and the assignment check of forwarded queries. Nothing else is served there.
     */
    public static void registerPeer(HttpRouting.Builder routing, Pipeline pipeline) {
        routing.addFilter(new PeerAccess(pipeline.deps().remote().key()));
        routing.addFilter(AssignmentGuard.requestScope());
        apis(pipeline).forEach(api -> routing.register(RemoteQueryClient.INTERNAL_PREFIX, new InternalMirror(api)));
        new ProblemAnswers(APIS).register(routing);
    }

    /** As {@link #registerPeer(HttpRouting.Builder, Pipeline)} with its own pipeline (tests). */
    public static void registerPeer(HttpRouting.Builder routing, QueryDeps deps) {
        registerPeer(routing, Pipeline.of(deps));
    }

    /**
     * Adds the peer listener, named {@value #PEER_SOCKET}, to {@code server}: bound to {@code advertised} (the
     * instance's {@code application.server}, which other instances take from Kafka Streams' metadata), configured
     * as an {@link ApiListener}, serving {@link #registerPeer(HttpRouting.Builder, Pipeline)}.
     */
    public static void peerListener(WebServerConfig.BuilderBase<?, ?> server, HostInfo advertised, Pipeline pipeline) {
        server.putSocket(PEER_SOCKET, socket -> {
            socket.host(advertised.host()).port(advertised.port())
                    .routing(routing -> registerPeer(routing, pipeline));
            ApiListener.configure(socket, APIS, pipeline.deps().authenticator());
        });
    }

    private static List<HttpService> apis(Pipeline pipeline) {
        return List.of(
                new InterfaceMetricsService(pipeline, InterfaceMetricsRequest.DEFAULT_MAX_RANGE),
                new DataTransferredService(pipeline, DataTransferredLimits.defaults()),
                new ImportStatsService(pipeline, ImportStatsLimits.defaults()),
                new IpTrafficService(pipeline, IpTrafficService.DEFAULT_MAX_DATA_SETS),
                new TopTalkersService(pipeline), new AlertsService(pipeline),
                new BillingService(pipeline));
    }

    /**
     * Configures {@code listener} to serve the APIs: HTTP/1.1 with the seeds' raw brackets, HTTP/1.0, TCP_NODELAY,
     * and requests refused before routing answered in their API's shape ({@link ApiListener}).
     */
    public static void listener(ListenerConfig.BuilderBase<?, ?> listener, Authenticator authenticator) {
        ApiListener.configure(listener, APIS, authenticator);
    }
}
