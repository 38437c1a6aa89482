package io.netpulse.query.flows;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.netpulse.query.QueryDeps;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.iq.FanOut;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient.RemoteAnswer;
import io.netpulse.query.iq.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers resolved import_stats queries from wherever the data lives. A source device is one key of the flow
 * statistics stores (all three live in one task, partitioned by the source's address), so its rows come from
 * the one instance holding it: read here, or asked of that instance. Every source device means every instance
 * holding a partition: asked at once through {@link FanOut} and merged, complete or 503.
 *
 * <p>A forwarded query (the internal mirror) is answered from this instance's stores only, or 503 when the key
 * has moved meanwhile: it is never forwarded again. Other instances are asked with template C (epoch seconds)
 * over the range resolved here, so every instance answers the same range whatever its clock says.
 *
 * <p>The caller's {@code sources} scope applies before anything is located: a named source outside it answers
 * no rows without a lookup, and "every source device" reads only the sources it names (all of them for a
 * {@code "*"} token). Other instances receive the caller's own Authorization header and apply the same scope.
 */
final class ImportStatsQueries {

    private static final Serializer<String> SOURCE_SERIALIZER = Serdes.String().serializer();

    private final QueryDeps deps;
    private final SourceStatsReader reader;
    /** Reads for a fan-out: active copies only, so a standby never counts a partition twice. */
    private final SourceStatsReader activeReader;
    private final FanOut fanOut;
    private final ImportStatsLimits limits;

    ImportStatsQueries(QueryDeps deps, ImportStatsLimits limits) {
        this.deps = deps;
        this.reader = new SourceStatsReader(deps.stores());
        this.activeReader = new SourceStatsReader(deps.stores().activeOnly());
        this.fanOut = new FanOut(limits.fanOutTimeout());
        this.limits = limits;
    }

    /**
     * The rows of every query, each query's rows in the answer's order, queries in body order.
     *
     * @param caller        who asks: only sources its token may see are answered
     * @param forwarded     answering another instance: local stores only, and no row limit error (the asking
     *                      instance applies it to the merged answer)
     * @param authorization the caller's Authorization header, carried to other instances
     */
    List<ImportStatsRow> answer(List<StatsQuery> queries, Caller caller, boolean forwarded,
                                Optional<String> authorization) {
        int readLimit = limits.maxRows() + 1;
        List<ImportStatsRow> answer = new ArrayList<>();
        for (StatsQuery query : queries) {
            List<ImportStatsRow> rows = new ArrayList<>(rowsOf(query, caller, forwarded, authorization, readLimit));
            rows.sort(ImportStatsRow.ORDER);
            answer.addAll(rows);
            if (!forwarded && answer.size() > limits.maxRows()) {
                throw ImportStatsException.badField(query.index(), query.rangeField(),
                        "the answer would hold more than " + limits.maxRows() + " rows; narrow the range"
                                + (query.source().isEmpty() ? " or name a source_ip" : ""));
            }
        }
        return answer;
    }

    private List<ImportStatsRow> rowsOf(StatsQuery query, Caller caller, boolean forwarded,
                                        Optional<String> authorization, int readLimit) {
        String store = query.type().store();
        if (query.source().isEmpty()) {
            if (caller.sources().isEmpty()) {
                return List.of();
            }
            if (forwarded) {
                return activeReader.read(query, caller.sources(), readLimit);
            }
            HostInfo self = deps.locator().self();
            return fanOut.collect(deps.locator().hostsOf(store), host -> host.equals(self)
                    ? activeReader.read(query, caller.sources(), readLimit)
                    : ask(host, query, authorization));
        }
        if (!caller.maySeeSource(query.source().get())) {
            return List.of();
        }
        Location location = deps.locator().locate(store, query.source().get(), SOURCE_SERIALIZER);
        return switch (location) {
            case Location.Local local -> reader.read(query, caller.sources(), readLimit);
            case Location.Remote remote when forwarded -> throw new StoreUnavailableException(
                    "forwarded query for " + query.source().get() + ", now held by " + remote.host());
            case Location.Remote remote -> ask(remote.host(), query, authorization);
            case Location.Unavailable unavailable -> throw new StoreUnavailableException(unavailable.reason());
        };
    }

    private List<ImportStatsRow> ask(HostInfo host, StatsQuery query, Optional<String> authorization) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("stats_type", query.type().wireName());
        request.put("start_time", query.start().getEpochSecond());
        request.put("end_time", query.end().getEpochSecond());
        request.put("source_ip", query.source().orElse(""));
        Map<HeaderName, String> headers = new LinkedHashMap<>();
        headers.put(HeaderNames.CONTENT_TYPE, "application/json");
        authorization.ifPresent(value -> headers.put(HeaderNames.AUTHORIZATION, value));
        RemoteAnswer answer = deps.remote().forward(host, Method.POST, ImportStatsService.PATH, Map.of(), headers,
                ImportStatsJson.write(List.of(request)));
        if (answer.status() != 200) {
            throw new StoreUnavailableException("instance " + host + " answered " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        try {
            return ImportStatsJson.rows(answer.body());
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " sent an answer that is not rows: "
                    + e.getMessage(), e);
        }
    }
}
