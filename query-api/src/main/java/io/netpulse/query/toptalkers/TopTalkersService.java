package io.netpulse.query.toptalkers;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.topology.toptalkers.TopTalkersScope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Top talkers ({@code GET /top/sources/{ip}}, {@code GET /top/sites/{id}}): the busiest source and destination
 * addresses of one source device or one site over a range, by bytes or packets. Errors take the ErrorResponse
 * shape of data-transferred (seed 001), the closest seed: a GET of query parameters over a range.
 *
 * <p>Scope, as the seed APIs do it: a source device outside the token's {@code sources} claim answers empty lists,
 * exactly like a device that sent nothing (as import_stats answers no rows), without any lookup; a site outside its
 * {@code sites} claim is 403 {@code site_forbidden} (as data-transferred). Parameters are checked first
 * ({@link TopTalkersRequest}); the cost given to the bulkhead is the range in minutes, so a week or more for one
 * key counts as expensive.
 */
public final class TopTalkersService implements HttpService {

    /** Top talkers of a source device: {@code /top/sources/{ip}}. */
    public static final String SOURCES = "/top/sources";
    /** Top talkers of a site: {@code /top/sites/{id}}. */
    public static final String SITES = "/top/sites";
    /** This API in the request pipeline: ErrorResponse errors, JSON answers. */
    public static final Api API = new Api("top talkers", List.of("/top"), ErrorResponseShape.INSTANCE,
            List.of(MediaTypes.APPLICATION_JSON));

    private final Pipeline pipeline;
    private final TopTalkersQueries queries;

    public TopTalkersService(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.queries = new TopTalkersQueries(pipeline);
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(SOURCES + "/{ip}", this::source)
                .get(SITES + "/{id}", this::site)
                .any(SOURCES + "/{ip}", TopTalkersService::getOnly)
                .any(SITES + "/{id}", TopTalkersService::getOnly));
    }

    private void source(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        String ip = Caller.canonicalSource(request.path().pathParameters().get("ip"))
                .orElseThrow(() -> bad("ip", "is not an IPv4 or IPv6 address"));
        TopTalkersRequest query = parse(request);
        if (!context.caller().maySeeSource(ip)) {
            Json.reply(TopTalkersQueries.nothing("source", ip, query)).sendTo(response);
            return;
        }
        answer(context, response, "source", ip, TopTalkersScope.source(ip), SOURCES + "/" + ip, query);
    }

    private void site(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        String id = Caller.canonicalSite(request.path().pathParameters().get("id"))
                .orElseThrow(() -> bad("id", "is not a site UUID"));
        TopTalkersRequest query = parse(request);
        if (!context.caller().maySeeSite(id)) {
            throw new Problem.Forbidden("The caller may not see the site '" + id + "'.");
        }
        answer(context, response, "site", id, TopTalkersScope.site(id), SITES + "/" + id, query);
    }

    private TopTalkersRequest parse(ServerRequest request) {
        Instant now = pipeline.deps().clock().instant();
        return TopTalkersRequest.parse(request.query().toMap(), now, pipeline.deps().settings().flows());
    }

    private void answer(RequestContext context, ServerResponse response, String scope, String id, String key,
                        String path, TopTalkersRequest query) {
        long cost = Duration.between(query.start(), query.end()).toMinutes();
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(cost)) {
            Json.reply(queries.answer(context, scope, id, key, path, query)).sendTo(response);
        }
    }

    private static void getOnly(ServerRequest request, ServerResponse response) {
        throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET"));
    }

    private static Problem.Invalid bad(String field, String reason) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put(field, reason);
        return Problem.invalidFields(fields);
    }
}
