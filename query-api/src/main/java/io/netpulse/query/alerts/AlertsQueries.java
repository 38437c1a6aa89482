package io.netpulse.query.alerts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.PeerRequest;
import io.netpulse.query.pipeline.Pipeline;
import io.netpulse.query.pipeline.Placement;
import io.netpulse.query.pipeline.RequestContext;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.alerts.AlertRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the alerts of every instance: the alert store is partitioned by alert id, so every query is a fan-out
 * ({@link Placement#everywhere}), complete or 503. Each instance keeps only the alerts the caller may see
 * ({@link #visible}) and that the request asks for, and answers at most {@code limit + 1} of them, the latest
 * first; the merged answer keeps the latest {@code limit} and says whether any were left out.
 */
final class AlertsQueries {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Placement placement;
    private final LocalStores stores;

    AlertsQueries(Pipeline pipeline) {
        this.placement = pipeline.placement();
        // every instance reads the whole store it holds: a standby read beside its active copy would answer twice
        this.stores = pipeline.deps().stores().activeOnly();
    }

    AlertsAnswer answer(RequestContext context, AlertsRequest request) {
        List<AlertRow> rows = new ArrayList<>(placement.everywhere(context, StoreNames.ALERTS,
                () -> local(context.caller(), request),
                host -> ask(context, host, request)));
        rows.sort(AlertRow.ORDER);
        boolean truncated = rows.size() > request.limit();
        return new AlertsAnswer(truncated ? rows.subList(0, request.limit()) : rows, truncated);
    }

    /** This instance's alerts for {@code request} that {@code caller} may see: at most limit + 1, latest first. */
    List<AlertRow> local(Caller caller, AlertsRequest request) {
        ReadOnlyKeyValueStore<String, Alert> store = stores.store(StoreNames.ALERTS,
                QueryableStoreTypes.keyValueStore());
        List<AlertRow> rows = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = store.all()) {
            while (all.hasNext()) {
                Alert alert = all.next().value;
                if (asked(alert, request) && visible(alert, caller)) {
                    rows.add(AlertRow.of(alert));
                }
            }
        }
        rows.sort(AlertRow.ORDER);
        return rows.size() > request.limit() + 1 ? rows.subList(0, request.limit() + 1) : rows;
    }

    private static boolean asked(Alert alert, AlertsRequest request) {
        if (!request.all() && alert.getEnd() != null) {
            return false;
        }
        if (request.rule().isPresent() && !request.rule().get().wireName().equals(alert.getRule())) {
            return false;
        }
        return request.since().isEmpty() || alert.getEnd() == null || !alert.getEnd().isBefore(request.since().get());
    }

    /**
     * Whether {@code caller} may see {@code alert}: an interface's by its site (an interface of no site only with
     * every site), a source's by the source device (a device named by name, not address, only with every
     * source), an address's by its account (one of no account only with every account).
     */
    static boolean visible(Alert alert, Caller caller) {
        return switch (AlertRule.of(alert.getRule()).orElseThrow(() ->
                new IllegalStateException("an alert of unknown rule " + alert.getRule()))) {
            case INTERFACE_UTILIZATION -> alert.getSiteId() == null ? caller.sites().unrestricted()
                    : caller.maySeeSite(alert.getSiteId());
            case SOURCE_SILENT -> caller.sources().unrestricted() || caller.maySeeSource(alert.getSource());
            case IP_SPIKE -> alert.getAccountId() == null ? caller.accounts().unrestricted()
                    : caller.maySeeAccount(alert.getAccountId());
        };
    }

    private List<AlertRow> ask(RequestContext context, HostInfo host, AlertsRequest request) {
        Reply answer = placement.ask(context, host, new PeerRequest(Method.GET, AlertsService.PATH,
                request.parameters(), null));
        if (answer.status() != Status.OK_200.code()) {
            throw new StoreUnavailableException("instance " + host + " answered " + answer.status());
        }
        try {
            return MAPPER.readValue(answer.body(), AlertsAnswer.class).alerts();
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " sent an answer that is not alerts: "
                    + e.getMessage(), e);
        }
    }
}
