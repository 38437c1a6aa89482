package io.netpulse.query.sites;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.error.ApiException;
import io.netpulse.query.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Get Data Transferred Volume ({@code GET /metrics/dashboard/data-transferred}, seed 001): bytes in and out summed
 * over the chosen sites, per bucket. The handler authenticates (401), parses the parameters
 * ({@link DataTransferredRequest}), plans the buckets ({@link TransferPlan}), resolves the sites against the
 * token's {@code sites} claim before any store is read (omitted {@code site_ids[]}: the token's sites, or every site
 * for {@code "*"}; a named site outside them: 403 {@code site_forbidden}) and sends what
 * {@link DataTransferredQueries} reads. Errors are
 * {@link ApiException}s answered with the seed's ErrorResponse by {@link io.netpulse.query.error.ErrorHandlers}.
 * Mounted twice: on the public path, and under {@code RemoteQueryClient.INTERNAL_PREFIX} for forwarded requests,
 * answered from local stores or with 503, never forwarded again. The mirror authenticates and scopes the
 * forwarded Authorization header again, so a token's sites bound the answer on every instance.
 */
public final class DataTransferredService implements HttpService {

    /** The seed's path. */
    public static final String PATH = "/metrics/dashboard/data-transferred";

    private final QueryDeps deps;
    private final boolean forwarded;
    private final DataTransferredLimits limits;
    private final DataTransferredQueries queries;

    /**
     * @param forwarded whether this instance of the service answers forwarded requests (the internal mirror)
     */
    public DataTransferredService(QueryDeps deps, boolean forwarded, DataTransferredLimits limits) {
        this.deps = deps;
        this.forwarded = forwarded;
        this.limits = limits;
        this.queries = new DataTransferredQueries(deps, limits);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::dataTransferred)
                .any(PATH, (request, response) -> {
                    throw ApiException.methodNotAllowed(request.prologue().method().text(), "GET");
                });
    }

    private void dataTransferred(ServerRequest request, ServerResponse response) {
        Caller caller;
        try {
            caller = deps.authenticator().authenticate(request);
        } catch (AuthenticationException e) {
            throw ApiException.unauthenticated(e);
        }
        Instant now = deps.clock().instant();
        DataTransferredRequest query = DataTransferredRequest.parse(request.query().toMap(), now, limits, forwarded);
        TransferPlan plan = TransferPlan.of(query, now, deps.settings().rates(),
                limits.maxBuckets());
        Optional<List<String>> sites = visibleSites(query, caller.sites());
        response.send(queries.answer(query, plan, sites, forwarded,
                request.headers().first(HeaderNames.AUTHORIZATION)));
    }

    /**
     * The sites to sum: those asked for, each of which the caller must be allowed to see; when none is named, the
     * caller's sites, or every site (empty) for an unrestricted caller.
     *
     * @throws ApiException 403 for a named site outside the caller's scope
     */
    static Optional<List<String>> visibleSites(DataTransferredRequest query, Scope allowed) {
        if (query.siteIds().isPresent()) {
            for (String site : query.siteIds().get()) {
                if (!allowed.permits(site)) {
                    throw new ApiException(ErrorCode.SITE_FORBIDDEN, "The caller may not see the site '" + site
                            + "' named in '" + DataTransferredRequest.SITE_IDS + "'.");
                }
            }
            return query.siteIds();
        }
        return allowed.unrestricted() ? Optional.empty() : Optional.of(allowed.members().stream().sorted().toList());
    }
}
