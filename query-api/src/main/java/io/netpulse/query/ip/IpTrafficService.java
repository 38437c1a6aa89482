package io.netpulse.query.ip;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.pipeline.Api;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.inventory.Directory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The dedicated-server traffic statistics API (seed 003) at {@value #PATH}: hourly or daily count, date and value
 * (avg, sum, min or max of the base samples) of an IP address's received, transmitted or total bytes.
 *
 * <p>Checks run in the order the seed's errors rank: the caller (authentication, by the request pipeline: 401 with
 * the RFC 6750 challenge; then the token's {@code accounts} claim: 403 for an account outside it, before anything
 * is looked up, so the answer reveals nothing about which accounts exist), the Accept header (406), the account,
 * server and address in the directory (404), the parameters (400), the range limit (403 overLimit), all before the
 * statistics are read. The address's statistics live with its partition: this instance answers from its stores,
 * or forwards the request once to the instance holding it and passes the answer through unchanged.
 */
public final class IpTrafficService implements HttpService {

    /** The seed's path. */
    public static final String PATH =
            "/accounts/{accountId}/dedicatedServers/{serverId}/ipAddresses/{ipAddress}/statistics/traffic";
    /** The seed's limit: data sets per answer, counted in hours whatever the period. */
    public static final int DEFAULT_MAX_DATA_SETS = 500;
    /** Details of the 403 for a range over the limit, exactly as the seed writes them. */
    public static final String OVER_LIMIT = "The (startDate, endDate) range is too large. Maximum number of returned"
            + " data sets exceeded.";
    /** This API in the request pipeline: the seed's fault bodies, JSON or CSV answers. */
    public static final Api API = new Api("traffic statistics", List.of("/accounts"), IpTrafficShape.INSTANCE,
            Arrays.stream(ResponseFormat.values()).map(ResponseFormat::mediaType).toList());

    private static final StringSerializer ADDRESS_SERIALIZER = new StringSerializer();

    private final Pipeline pipeline;
    private final int maxDataSets;

    /** @param maxDataSets the most hourly data sets a range may span (the seed's 500) */
    public IpTrafficService(Pipeline pipeline, int maxDataSets) {
        if (maxDataSets < 24) {
            throw new IllegalArgumentException("the data set limit must allow one day (24): " + maxDataSets);
        }
        this.pipeline = pipeline;
        this.maxDataSets = maxDataSets;
    }

    @Override
    public void routing(HttpRules rules) {
        pipeline.routes(rules, API, routes -> routes
                .get(PATH, this::traffic)
                .any(PATH, (request, response) -> {
                    throw new Problem.MethodNotAllowed(request.prologue().method().text(), List.of("GET"));
                }));
    }

    private void traffic(ServerRequest request, ServerResponse response) {
        RequestContext context = RequestContext.of(request);
        var path = request.path().pathParameters();
        if (!context.caller().maySeeAccount(path.get("accountId"))) {
            throw new Problem.Forbidden("The authorized user does not have permissions to access the resource.");
        }
        ResponseFormat format = ResponseFormat.of(context.negotiate());
        Directory directory = Directory.of(pipeline.deps().stores().store(StoreNames.DIRECTORY,
                QueryableStoreTypes.keyValueStore()));
        ServerAddress target = ServerAddress.resolve(directory, path.get("accountId"), path.get("serverId"),
                path.get("ipAddress"));
        IpTrafficQuery query = IpTrafficQuery.parse(request.query(), target.serverCreated());
        if (query.hourlyDataSets() > maxDataSets) {
            throw Problem.overLimit(ErrorCode.RANGE_TOO_LARGE, OVER_LIMIT);
        }
        try (Bulkhead.Permit permit = pipeline.bulkhead().enter(query.hourlyDataSets())) {
            pipeline.placement().one(context,
                    pipeline.placement().locator().locate(query.period().store(), target.address(),
                            ADDRESS_SERIALIZER),
                    stores -> Reply.ok(format.contentType(),
                            format.write(new IpTrafficReader(stores).read(target.address(), query))),
                    host -> pipeline.placement().ask(context, host, new PeerRequest(Method.GET, publicPath(target),
                            request.query().toMap(), null)))
                    .sendTo(response);
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
}
