package io.netpulse.query.flows;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import io.netpulse.query.error.Problem;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.Bulkhead;
import io.netpulse.query.pipeline.Json;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.Placement;
import io.netpulse.query.pipeline.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Plans and answers resolved import_stats queries. A source device is one key of the flow statistics stores (all
 * three live in one task, partitioned by the source's address), so its rows come from the one instance holding
 * it: read here, or asked of that instance. Every source device means every instance holding a partition, asked at
 * once and merged, complete or 503 ({@link Placement}).
 *
 * <p>Cost is bounded twice. Before any store is read, {@link #plan} counts the rows the queries may answer as far
 * as that is known (each named source, or each source of a restricted scope, times its buckets; every source of an
 * unrestricted scope counts once, its number unknown until read) and refuses a plan over {@code maxRows}. While
 * reading, the queries share one budget of {@code maxRows} rows: each read stops at the first row over what is
 * left, so a request reads at most {@code maxRows + 1} rows on each instance whatever its queries ask. Both apply on
 * the internal route too, which other instances ask with template C (epoch seconds) over the range resolved here.
 *
 * <p>The caller's {@code sources} claim applies before anything is located: a named source outside it answers
 * no rows without a lookup, and "every source device" reads only the sources it names (all of them for a
 * {@code "*"} token). Other instances receive the caller's own Authorization header and apply the same scope.
 */
final class ImportStatsQueries {

    private static final Serializer<String> SOURCE_SERIALIZER = Serdes.String().serializer();

    private final Placement placement;
    /** Reads for a fan-out: active copies only, so a standby never counts a partition twice. */
    private final SourceStatsReader activeReader;
    private final ImportStatsLimits limits;

    ImportStatsQueries(Pipeline pipeline, ImportStatsLimits limits) {
        this.placement = pipeline.placement();
        this.activeReader = new SourceStatsReader(pipeline.deps().stores().activeOnly(), placement.locator());
        this.limits = limits;
    }

    /**
     * The cost of answering {@code queries} for {@code caller}, in rows: {@link Bulkhead#EVERY_KEY} when a query
     * reads every source of an unrestricted scope.
     *
     * @throws Problem.OverLimit naming the first query at which the rows known before reading exceed the limit
     */
    long plan(List<StatsQuery> queries, Caller caller) {
        long rows = 0;
        boolean everyKey = false;
        for (StatsQuery query : queries) {
            long sources;
            if (query.source().isPresent()) {
                sources = caller.maySeeSource(query.source().get()) ? 1 : 0;
            } else {
                Scope visible = caller.sources();
                sources = visible.unrestricted() ? 1 : visible.members().size();
                everyKey |= visible.unrestricted();
            }
            rows += sources * query.buckets();
            if (rows > limits.maxRows()) {
                throw Problem.overLimit(query.index(), query.rangeField(), "the requests up to this one span "
                        + rows + " source buckets; at most " + limits.maxRows() + " rows are answered at once");
            }
        }
        return everyKey ? Bulkhead.EVERY_KEY : rows;
    }

    /**
     * The rows of every query, each query's rows in the answer's order, queries in body order.
     *
     * @throws Problem.OverLimit when the rows read exceed the limit
     */
    List<ImportStatsRow> answer(RequestContext context, List<StatsQuery> queries) {
        int left = limits.maxRows();
        List<ImportStatsRow> answer = new ArrayList<>();
        for (StatsQuery query : queries) {
            List<ImportStatsRow> rows = rowsOf(context, query, left + 1);
            if (rows.size() > left) {
                throw overRows(query);
            }
            left -= rows.size();
            answer.addAll(ImportStatsRow.inOrder(rows));
        }
        return answer;
    }

    private List<ImportStatsRow> rowsOf(RequestContext context, StatsQuery query, int readLimit) {
        Caller caller = context.caller();
        String store = query.type().store();
        if (query.source().isEmpty()) {
            if (caller.sources().isEmpty()) {
                return List.of();
            }
            return placement.everywhere(context, store,
                    () -> activeReader.read(query, caller.sources(), readLimit),
                    host -> ask(context, host, query));
        }
        if (!caller.maySeeSource(query.source().get())) {
            return List.of();
        }
        return placement.one(context, placement.locator().locate(store, query.source().get(), SOURCE_SERIALIZER),
                stores -> new SourceStatsReader(stores, placement.locator()).read(query, caller.sources(), readLimit),
                host -> ask(context, host, query));
    }

    private List<ImportStatsRow> ask(RequestContext context, HostInfo host, StatsQuery query) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("stats_type", query.type().wireName());
        request.put("start_time", query.start().getEpochSecond());
        request.put("end_time", query.end().getEpochSecond());
        request.put("source_ip", query.source().orElse(""));
        Reply answer = placement.ask(context, host, new PeerRequest(Method.POST, ImportStatsService.PATH, Map.of(),
                Json.bytes(List.of(request))));
        if (answer.status() == Status.BAD_REQUEST_400.code()) {
            // the only request this instance sends that another refuses: its share alone is over the row limit
            throw overRows(query);
        }
        if (answer.status() != Status.OK_200.code()) {
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

    private Problem.OverLimit overRows(StatsQuery query) {
        return Problem.overLimit(query.index(), query.rangeField(), "the answer would hold more than "
                + limits.maxRows() + " rows; narrow the range" + (query.source().isEmpty() ? " or name a source_ip"
                : ""));
    }
}
