package io.netpulse.query.ip;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.inventory.Directory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated-server traffic statistics API (seed 003) at {@value #PATH}: hourly or daily count, date and value
 * (avg, sum, min or max of the base samples) of an IP address's received, transmitted or total bytes.
 *
 * <p>Checks run in the order the seed's errors rank: the caller (authentication: 401 with the RFC 6750 challenge;
 * then the token's {@code accounts} claim: 403 for an account outside it, before anything is looked up, so the
 * answer reveals nothing about which accounts exist), the Accept header (406), the account, server and address in the directory (404), the
 * parameters (400), the range limit (403 overLimit). The address's statistics live with its partition: this
 * instance answers from its stores, or forwards the request once to the instance holding it and passes the
 * answer through unchanged. Mounted twice: on the public path, and under {@link RemoteQueryClient#INTERNAL_PREFIX}
 * where forwarded requests are answered locally or with 503, never forwarded again; the mirror authenticates and
 * scopes the forwarded Authorization header again.
 */
public final class IpTrafficService implements HttpService {

    /** The seed's path. */
    public static final String PATH =
            "/accounts/{accountId}/dedicatedServers/{serverId}/ipAddresses/{ipAddress}/statistics/traffic";
    /** The seed's limit: data sets per answer, counted in hours whatever the period. */
    public static final int DEFAULT_MAX_DATA_SETS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(IpTrafficService.class);

    private final QueryDeps deps;
    private final boolean internal;
    private final int maxDataSets;
    private final IpTrafficReader reader;

    /**
     * @param internal    true for the internal mirror: answer from local stores only, never forward
     * @param maxDataSets the most hourly data sets a range may span (the seed's 500)
     */
    public IpTrafficService(QueryDeps deps, boolean internal, int maxDataSets) {
        if (maxDataSets < 24) {
            throw new IllegalArgumentException("the data set limit must allow one day (24): " + maxDataSets);
        }
        this.deps = deps;
        this.internal = internal;
        this.maxDataSets = maxDataSets;
        this.reader = new IpTrafficReader(deps.stores());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::traffic)
                .any(PATH, this::refuseMethod);
    }

    /** Writes {@link IpTrafficException}s in the seed's error shape; call once per routing. */
    public static void registerErrorHandlers(HttpRouting.Builder routing) {
        routing.error(IpTrafficException.class, IpTrafficService::sendError);
    }

    private void traffic(ServerRequest request, ServerResponse response) {
        try {
            var path = request.path().pathParameters();
            checkAccess(request, path.get("accountId"));
            ResponseFormat format = ResponseFormat.negotiate(request.headers().acceptedTypes())
                    .orElseThrow(IpTrafficException::notAcceptable);
            Directory directory = Directory.of(deps.stores().store(StoreNames.DIRECTORY,
                    QueryableStoreTypes.keyValueStore()));
            ServerAddress target = ServerAddress.resolve(directory, path.get("accountId"), path.get("serverId"),
                    path.get("ipAddress"));
            IpTrafficQuery query = IpTrafficQuery.parse(request.query(), target.serverCreated());
            if (query.hourlyDataSets() > maxDataSets) {
                throw IpTrafficException.overLimit();
            }
            switch (deps.locator().locate(query.period().store(), target.address(), new StringSerializer())) {
                case Location.Local local -> {
                    response.header(HeaderNames.CONTENT_TYPE, format.contentType());
                    response.send(format.write(reader.read(target.address(), query)));
                }
                case Location.Remote remote when internal -> {
                    LOG.info("forwarded traffic request for {} is no longer local (rebalance)", target.address());
                    throw IpTrafficException.unavailable();
                }
                case Location.Remote remote -> deps.remote().forward(remote.host(), Method.GET, publicPath(target),
                        request.query().toMap(), forwardedHeaders(request), null).sendTo(response);
                case Location.Unavailable unavailable -> {
                    LOG.info("traffic of {} cannot be located: {}", target.address(), unavailable.reason());
                    throw IpTrafficException.unavailable();
                }
            }
        } catch (IpTrafficException e) {
            throw e;
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            LOG.info("traffic statistics answered 503: {}", e.getMessage());
            throw IpTrafficException.unavailable();
        } catch (RuntimeException e) {
            LOG.error("traffic statistics failed for {}", request.path().path(), e);
            throw IpTrafficException.internal();
        }
    }

    private void refuseMethod(ServerRequest request, ServerResponse response) {
        throw IpTrafficException.badMethod(request.prologue().method().text());
    }

    private void checkAccess(ServerRequest request, String accountId) {
        Caller caller;
        try {
            caller = deps.authenticator().authenticate(request);
        } catch (AuthenticationException e) {
            throw IpTrafficException.unauthorized(e.reason());
        }
        if (!caller.maySeeAccount(accountId)) {
            throw IpTrafficException.forbidden();
        }
    }

    /** The public path of {@code target}, its segments percent-encoded. */
    static String publicPath(ServerAddress target) {
        return "/accounts/" + segment(target.accountId()) + "/dedicatedServers/" + segment(target.serverId())
                + "/ipAddresses/" + segment(target.address()) + "/statistics/traffic";
    }

    /** RFC 3986 path segment: unreserved characters and ':' (IPv6) stay, every other byte is %XX. */
    private static String segment(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static Map<HeaderName, String> forwardedHeaders(ServerRequest request) {
        Map<HeaderName, String> headers = new LinkedHashMap<>();
        List<String> accept = request.headers().all(HeaderNames.ACCEPT, List::of);
        if (!accept.isEmpty()) {
            headers.put(HeaderNames.ACCEPT, String.join(", ", accept));
        }
        request.headers().first(HeaderNames.AUTHORIZATION).ifPresent(value ->
                headers.put(HeaderNames.AUTHORIZATION, value));
        return headers;
    }

    private static void sendError(ServerRequest request, ServerResponse response, IpTrafficException error) {
        response.status(error.status());
        error.headers().forEach(response::header);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(ResponseFormat.json(error.body(request.prologue().method().text())));
    }
}
