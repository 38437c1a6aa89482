package io.netpulse.query.alerts;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.error.ErrorResponseShape;
import io.netpulse.query.error.Problem;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import java.util.List;

/**
 * {@code GET /alerts}: the alerts netpulse raised from the stream, active ones by default, with the cleared ones
 * kept for the retention on {@code state=all} ({@link AlertsRequest}). Each rule's alerts are scoped by what they
 * are about ({@link AlertsQueries#visible}); an alert the caller may not see is simply not listed. The parameters
 * and the limit are checked before any store is read; errors come in the ErrorResponse shape of the interface
 * metrics and data-transferred seeds (the closest: a GET with query parameters).
 */
public final class AlertsService implements HttpService {

    /** The path. */
    public static final String PATH = "/alerts";
    /** This API in the request pipeline: ErrorResponse errors, JSON answers. */
    public static final Api API = new Api("alerts", List.of(PATH), ErrorResponseShape.INSTANCE,
            List.of(MediaTypes.APPLICATION_JSON));

    private final Pipeline pipeline;
    private final int maxLimit;
    private final AlertsQueries queries;

    /** @param maxLimit the largest {@code limit} a request may ask for */
    public AlertsService(Pipeline pipeline, int maxLimit) {
        this.pipeline = pipeline;
        this.maxLimit = maxLimit;
        this.queries = new AlertsQueries(pipeline);
    }

    /** With the default largest limit, {@value AlertsRequest#DEFAULT_MAX_LIMIT}. */
    public AlertsService(Pipeline pipeline) {
        this(pipeline, AlertsRequest.DEFAULT_MAX_LIMIT);
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(PATH, this::alerts)
                .any(PATH, (request, response) -> {
                    throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET"));
                }));
    }

    private void alerts(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        context.negotiate();
        AlertsRequest query = AlertsRequest.parse(request.query().toMap(), maxLimit);
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(Bulkhead.EVERY_KEY)) {
            Json.reply(queries.answer(context, query)).sendTo(response);
        }
    }
}
