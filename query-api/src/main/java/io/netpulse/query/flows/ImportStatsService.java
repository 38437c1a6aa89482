package io.netpulse.query.flows;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.error.Problem;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestBody;
import io.netpulse.query.pipeline.RequestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The FlowGateway import_stats API (seed 002) at {@value #PATH}: per-source-device flow statistics by second,
 * minute or hour. GET carries its JSON body as the seed says; POST takes the same body for clients that cannot
 * send a body with GET. The body is one request object or an array of them (templates A, B, C: see
 * {@link ImportStatsRequests}); the answer is one array with the rows of every request in order.
 *
 * <p>The handler parses the body, plans it against the caller's {@code sources} claim and the row limit
 * ({@link ImportStatsQueries#plan}), and only then reads: an empty {@code source_ip} means every source device the
 * token may see, and a named one outside it answers no rows, exactly like a source that sent nothing. Errors carry
 * the seed's body ({@link ImportStatsShape}).
 */
public final class ImportStatsService implements HttpService {

    /** The seed's path. */
    public static final String PATH = "/api/mgmt.flowgateway_analytics/1.0/import_stats";
    /** This API in the request pipeline: the seed's error body, JSON answers. */
    public static final Api API = new Api("import_stats", List.of("/api/mgmt.flowgateway_analytics"),
            ImportStatsShape.INSTANCE, List.of(MediaTypes.APPLICATION_JSON));

    private final Pipeline pipeline;
    private final ImportStatsLimits limits;
    private final ImportStatsQueries queries;

    public ImportStatsService(Pipeline pipeline, ImportStatsLimits limits) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.queries = new ImportStatsQueries(pipeline, limits);
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(PATH, this::answer)
                .post(PATH, this::answer)
                .any(PATH, (request, response) -> {
                    throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET", "POST"));
                }));
    }

    private void answer(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        byte[] body = RequestBody.read(request, limits.maxBodyBytes()).orElseThrow(() ->
                ImportStatsRequests.badBody("missing; send a JSON request object or an array of them"));
        Instant now = pipeline.deps().clock().instant().truncatedTo(ChronoUnit.SECONDS);
        List<StatsQuery> parsed = ImportStatsRequests.parse(body, now, limits);
        long cost = queries.plan(parsed, context.caller());
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(cost)) {
            Json.send(request, response, queries.answer(context, parsed));
        }
    }
}
