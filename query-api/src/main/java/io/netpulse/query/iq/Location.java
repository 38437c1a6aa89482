package io.netpulse.query.iq;

import org.apache.kafka.streams.state.HostInfo;

/** Where a key of a store can be read right now. */
public sealed interface Location {

    /** This instance holds the active copy. */
    record Local() implements Location {
    }

    /** Another instance holds it; ask it through {@link RemoteQueryClient}. */
    record Remote(HostInfo host) implements Location {
    }

    /** Nobody can answer now (rebalance, restore, not started): answer 503 with Retry-After. */
    record Unavailable(String reason) implements Location {
    }
}
