package io.netpulse.query.toptalkers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Method;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.Placement;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.toptalkers.TalkerLists;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers one scope from wherever it lives. A source device or a site is one key of the top-talker stores (all in
 * one task, partitioned by the key's bytes, the default partitioner of the {@code top-talkers-by-scope}
 * repartition), so it is read here when local and asked once of its instance otherwise, with the range resolved
 * here so both answer the same minutes; nobody holding it now is 503 ({@link Placement}).
 */
final class TopTalkersQueries {

    private static final Serializer<String> KEY_SERIALIZER = Serdes.String().serializer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Placement placement;

    TopTalkersQueries(Pipeline pipeline) {
        this.placement = pipeline.placement();
    }

    /** The answer of a scope with no traffic in the range, or that the caller may not see. */
    static TopTalkersAnswer nothing(String scope, String id, TopTalkersRequest query) {
        return of(scope, id, query, TalkerLists.empty());
    }

    TopTalkersAnswer answer(RequestContext context, String scope, String id, String key, String path,
                            TopTalkersRequest query) {
        return placement.one(context, placement.locator().locate(StoreNames.TOP_TALKERS_MINUTE, key, KEY_SERIALIZER),
                stores -> of(scope, id, query, new TopTalkersReader(stores).read(key, query.start(), query.end())),
                host -> ask(context, host, path, query));
    }

    private static TopTalkersAnswer of(String scope, String id, TopTalkersRequest query, TopTalkers merged) {
        return new TopTalkersAnswer(scope, id, query.start().toString(), query.end().toString(),
                query.by().name().toLowerCase(Locale.ROOT), query.n(), merged.getBytes(), merged.getPackets(),
                TalkerLists.top(merged.getSources(), query.n(), query.by()).stream()
                        .map(TopTalkersAnswer.Talker::of).toList(),
                TalkerLists.top(merged.getDestinations(), query.n(), query.by()).stream()
                        .map(TopTalkersAnswer.Talker::of).toList());
    }

    private TopTalkersAnswer ask(RequestContext context, HostInfo host, String path, TopTalkersRequest query) {
        Reply answer = placement.ask(context, host, new PeerRequest(Method.GET, path, query.forwarded(), null));
        if (answer.status() != 200) {
            throw new StoreUnavailableException("instance " + host + " answered " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        try {
            return JSON.readValue(answer.body(), TopTalkersAnswer.class);
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " sent an answer that is not top talkers: "
                    + e.getMessage(), e);
        }
    }
}
