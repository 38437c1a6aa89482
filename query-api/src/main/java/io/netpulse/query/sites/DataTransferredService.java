package io.netpulse.query.sites;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Get Data Transferred Volume ({@code GET /metrics/dashboard/data-transferred}, seed 001): bytes in and out summed
 * over the chosen sites, per bucket. The handler parses the parameters ({@link DataTransferredRequest}), resolves
 * the sites against the token's {@code sites} claim (omitted {@code site_ids[]}: the token's sites, or every site
 * for {@code "*"}; a named site outside them: 403 {@code site_forbidden}), plans the buckets
 * ({@link TransferPlan}) and sends what {@link DataTransferredQueries} reads; all before any store is read but the
 * one the answer comes from.
 */
public final class DataTransferredService implements HttpService {

    /** The seed's path. */
    public static final String PATH = "/metrics/dashboard/data-transferred";
    /** This API in the request pipeline: ErrorResponse errors, JSON answers. */
    public static final Api API = new Api("data transferred", List.of("/metrics/dashboard"),
            ErrorResponseShape.INSTANCE, List.of(MediaTypes.APPLICATION_JSON));

    private final Pipeline pipeline;
    private final DataTransferredLimits limits;
    private final DataTransferredQueries queries;

    public DataTransferredService(Pipeline pipeline, DataTransferredLimits limits) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.queries = new DataTransferredQueries(pipeline);
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(PATH, this::dataTransferred)
                .any(PATH, (request, response) -> {
                    throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET"));
                }));
    }

    private void dataTransferred(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        Instant now = pipeline.deps().clock().instant();
        DataTransferredRequest query = DataTransferredRequest.parse(request.query().toMap(), now, limits,
                context.forwarded());
        Optional<List<String>> sites = visibleSites(query, context.caller().sites());
        TransferPlan plan = TransferPlan.of(query, now, pipeline.deps().settings().rates(), limits.maxBuckets());
        long cost = sites.map(named -> named.size() * plan.windows()).orElse(Bulkhead.EVERY_KEY);
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(cost)) {
            Json.send(request, response, queries.answer(context, query, plan, sites));
        }
    }

    /**
     * The sites to sum: those asked for, each of which the caller must be allowed to see; when none is named, the
     * caller's sites, or every site (empty) for an unrestricted caller.
     *
     * @throws Problem.Forbidden for a named site outside the caller's scope
     */
    static Optional<List<String>> visibleSites(DataTransferredRequest query, Scope allowed) {
        if (query.siteIds().isPresent()) {
            for (String site : query.siteIds().get()) {
                if (!allowed.permits(site)) {
                    throw new Problem.Forbidden("The caller may not see the site '" + site + "' named in '"
                            + DataTransferredRequest.SITE_IDS + "'.");
                }
            }
            return query.siteIds();
        }
        return allowed.unrestricted() ? Optional.empty() : Optional.of(allowed.members().stream().sorted().toList());
    }
}
