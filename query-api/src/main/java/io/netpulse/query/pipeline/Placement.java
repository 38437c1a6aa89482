package io.netpulse.query.pipeline;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.netpulse.query.iq.FanOut;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.Location;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.query.iq.Reply;
import io.netpulse.query.iq.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where every API's data is read, in one place: locally when this instance holds it, asked once of the instance
 * that does, or of every instance at once for a query over all keys; and 503 (a {@link StoreUnavailableException})
 * when nobody can answer now, when a forwarded request's key has moved on (never forwarded twice), or when any
 * instance of a fan-out fails (never a partial answer). The headers sent to other instances are set here for every
 * API: the caller's own Authorization (they authenticate and scope it again) and Accept, and the JSON Content-Type
 * of a body.
 */
public final class Placement {

    private final KeyLocator locator;
    private final RemoteQueryClient remote;
    private final LocalStores stores;
    private final FanOut fanOut;

    /**
     * Placement over {@code locator}, reading this instance's {@code stores} and asking others through
     * {@code remote} within its timeout.
     */
    public Placement(KeyLocator locator, RemoteQueryClient remote, LocalStores stores) {
        this.locator = locator;
        this.remote = remote;
        this.stores = stores;
        this.fanOut = new FanOut(remote.timeout());
    }

    /** The instance locating keys. */
    public KeyLocator locator() {
        return locator;
    }

    /**
     * The answer for one key at {@code location}: {@code here} applied to the stores of the key's partition when
     * this instance holds it, else {@code there} applied to the instance that does.
     *
     * @throws StoreUnavailableException when nobody holds it now, or a forwarded request's key is held elsewhere
     */
    public <T> T one(RequestContext request, Location location, Function<LocalStores, T> here,
                     Function<HostInfo, T> there) {
        return owner(request, location).map(there).orElseGet(() -> here.apply(stores.partition(
                location instanceof Location.Local local ? local.partition() : Location.Local.ANY)));
    }

    /**
     * The answers for several keys: every key is located first (one that cannot be is 503 before anything is
     * read), the local ones are read here together, and each other instance is asked once for its keys, all at once.
     * Answers come in the order: local first, then instances in the order their first key was named.
     */
    public <K, T> List<T> grouped(RequestContext request, Collection<K> keys, Function<K, Location> locate,
                                  Function<List<K>, List<T>> here, BiFunction<HostInfo, List<K>, List<T>> there) {
        List<K> local = new ArrayList<>();
        Map<HostInfo, List<K>> remote = new LinkedHashMap<>();
        for (K key : keys) {
            owner(request, locate.apply(key)).ifPresentOrElse(
                    owner -> remote.computeIfAbsent(owner, host -> new ArrayList<>()).add(key),
                    () -> local.add(key));
        }
        List<T> answers = new ArrayList<>(local.isEmpty() ? List.of() : here.apply(local));
        if (!remote.isEmpty()) {
            answers.addAll(fanOut.collect(List.copyOf(remote.keySet()), host -> there.apply(host, remote.get(host))));
        }
        return answers;
    }

    /**
     * The answers of every instance holding a partition of {@code store}, this one's read by {@code here}; on a
     * forwarded request, this instance's share only.
     */
    public <T> List<T> everywhere(RequestContext request, String store, Supplier<List<T>> here,
                                  Function<HostInfo, List<T>> there) {
        if (request.forwarded()) {
            return here.get();
        }
        HostInfo self = locator.self();
        return fanOut.collect(locator.hostsOf(store), host -> host.equals(self) ? here.get() : there.apply(host));
    }

    /**
     * The instance to ask for a key at {@code location}, empty when it is this one.
     *
     * @throws StoreUnavailableException when nobody holds it now, or a forwarded request's key is held elsewhere
     */
    private static Optional<HostInfo> owner(RequestContext request, Location location) {
        return switch (location) {
            case Location.Local local -> Optional.empty();
            case Location.Remote remote when request.forwarded() -> throw new StoreUnavailableException(
                    "a forwarded " + request.api().name() + " request's key is now held by " + remote.host());
            case Location.Remote remote -> Optional.of(remote.host());
            case Location.Unavailable unavailable -> throw new StoreUnavailableException(unavailable.reason());
        };
    }

    /**
     * Asks {@code host}'s internal mirror.
     *
     * @throws StoreUnavailableException when the instance cannot be reached in time
     */
    public Reply ask(RequestContext request, HostInfo host, PeerRequest peer) {
        Map<HeaderName, String> headers = new LinkedHashMap<>();
        request.authorization().ifPresent(value -> headers.put(HeaderNames.AUTHORIZATION, value));
        request.acceptHeader().ifPresent(value -> headers.put(HeaderNames.ACCEPT, value));
        if (peer.body() != null) {
            headers.put(HeaderNames.CONTENT_TYPE, Json.CONTENT_TYPE);
        }
        return remote.forward(host, peer.method(), peer.path(), peer.query(), headers, peer.body());
    }
}
