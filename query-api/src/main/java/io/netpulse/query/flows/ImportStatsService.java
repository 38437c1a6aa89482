package io.netpulse.query.flows;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.iq.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FlowGateway import_stats API (seed 002) at {@value #PATH}: per-source-device flow statistics by second,
 * minute or hour. GET carries its JSON body as the seed says; POST takes the same body for clients that cannot
 * send a body with GET. The body is one request object or an array of them (templates A, B, C: see
 * {@link ImportStatsRequests}); the answer is one array with the rows of every request in order.
 *
 * <p>Mounted twice: on the public path, and on {@code RemoteQueryClient.INTERNAL_PREFIX + PATH} where other
 * instances ask for their share ({@link #internal}), answered from local stores only. Errors carry the seed's
 * body ({@link ImportStatsError}) through {@link #registerErrorHandlers}.
 *
 * <p>Every method on both routes authenticates first: no token is AUTH_REQUIRED, a refused one
 * AUTH_INVALID_CREDENTIALS (401 with {@code WWW-Authenticate}). The caller's {@code sources} claim then narrows
 * each request before any store is located: an empty {@code source_ip} means every source device the token may
 * see, and a named one outside it answers no rows, exactly like a source that sent nothing. The internal mirror
 * authenticates the forwarded Authorization header again, so scoping holds on every instance.
 */
public final class ImportStatsService implements HttpService {

    /** The seed's path. */
    public static final String PATH = "/api/mgmt.flowgateway_analytics/1.0/import_stats";

    private static final Logger LOG = LoggerFactory.getLogger(ImportStatsService.class);

    private final ImportStatsQueries queries;
    private final ImportStatsLimits limits;
    private final Authenticator authenticator;
    private final Clock clock;
    private final boolean internal;

    /**
     * @param internal true for the internal mirror: answer from local stores only, never forward
     */
    public ImportStatsService(QueryDeps deps, ImportStatsLimits limits, boolean internal) {
        this.queries = new ImportStatsQueries(deps, limits);
        this.limits = limits;
        this.authenticator = deps.authenticator();
        this.clock = deps.clock();
        this.internal = internal;
    }

    /** The public API with the default limits, other instances given the forward timeout to answer. */
    public static ImportStatsService publicApi(QueryDeps deps) {
        return new ImportStatsService(deps, defaultLimits(deps), false);
    }

    /** The internal mirror with the default limits. */
    public static ImportStatsService internal(QueryDeps deps) {
        return new ImportStatsService(deps, defaultLimits(deps), true);
    }

    private static ImportStatsLimits defaultLimits(QueryDeps deps) {
        return ImportStatsLimits.defaults().withFanOutTimeout(deps.remote().timeout());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::answer)
                .post("/", this::answer)
                .any("/", this::refuseMethod);
    }

    /** Writes {@link ImportStatsException}s as the seed's error body; call once per routing. */
    public static void registerErrorHandlers(HttpRouting.Builder routing) {
        routing.error(ImportStatsException.class, ImportStatsService::sendError);
    }

    private void answer(ServerRequest request, ServerResponse response) {
        try {
            Caller caller = caller(request);
            byte[] body = readBody(request);
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            List<StatsQuery> parsed = ImportStatsRequests.parse(body, now, limits);
            List<ImportStatsRow> rows = queries.answer(parsed, caller, internal,
                    request.headers().first(HeaderNames.AUTHORIZATION));
            response.header(HeaderValues.CONTENT_TYPE_JSON);
            response.send(ImportStatsJson.write(rows));
        } catch (ImportStatsException e) {
            throw e;
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            // InvalidStateStoreException: a store closed or migrated while it was read (a rebalance)
            LOG.info("import_stats answered 503: {}", e.getMessage());
            throw ImportStatsException.unavailable();
        } catch (RuntimeException e) {
            LOG.error("import_stats failed", e);
            throw ImportStatsException.internal();
        }
    }

    private void refuseMethod(ServerRequest request, ServerResponse response) {
        caller(request);
        throw ImportStatsException.invalidMethod(request.prologue().method().text());
    }

    private Caller caller(ServerRequest request) {
        try {
            return authenticator.authenticate(request);
        } catch (AuthenticationException e) {
            throw ImportStatsException.unauthenticated(e.reason());
        }
    }

    private byte[] readBody(ServerRequest request) {
        if (!request.content().hasEntity()) {
            throw ImportStatsException.badBody("missing; send a JSON request object or an array of them");
        }
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limits.maxBodyBytes()) {
            throw tooLarge();
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
            if (body.length > limits.maxBodyBytes()) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ImportStatsException.badBody("could not be read: " + e.getMessage());
        }
    }

    private ImportStatsException tooLarge() {
        return ImportStatsException.badBody("larger than " + limits.maxBodyBytes() + " bytes");
    }

    private static void sendError(ServerRequest request, ServerResponse response, ImportStatsException error) {
        response.status(error.status());
        error.retryAfter().ifPresent(wait -> response.header(HeaderNames.RETRY_AFTER, Long.toString(wait.toSeconds())));
        error.challenge().ifPresent(challenge -> response.header(HeaderNames.WWW_AUTHENTICATE, challenge));
        if (error.status() == Status.METHOD_NOT_ALLOWED_405) {
            response.header(HeaderNames.ALLOW, "GET, POST");
        }
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(ImportStatsJson.write(error.body()));
    }
}
