package io.netpulse.query;

import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.topology.TopologySettings;
import java.time.Clock;
import java.util.Objects;

/**
 * What the query routes need, passed in by the app (or by a test) so no route reads global state.
 *
 * <p>{@code authenticator} is the one access hook of every API: the request pipeline calls it first on every API
 * path, public route and internal mirror alike, answers a refusal with 401 in the API's error shape, and each
 * handler checks the returned {@link io.netpulse.query.auth.Caller}'s scopes before it looks anything up. There is
 * no "open" variant: a QueryDeps cannot be built without one.
 *
 * @param settings      the topology settings (retentions decide which store answers a range)
 * @param locator       finds the instance holding a key
 * @param stores        this instance's stores
 * @param remote        asks other instances, carrying the caller's Authorization header
 * @param clock         "now" for default time ranges
 * @param authenticator turns a request's bearer token into the caller and its scopes
 */
public record QueryDeps(TopologySettings settings, KeyLocator locator, LocalStores stores,
                        RemoteQueryClient remote, Clock clock, Authenticator authenticator) {

    public QueryDeps {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(authenticator, "authenticator");
    }
}
