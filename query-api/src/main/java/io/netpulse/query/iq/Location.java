package io.netpulse.query.iq;

import org.apache.kafka.streams.state.HostInfo;

/** Where a key of a store can be read right now. */
public sealed interface Location {

    /**
     * This instance holds the key.
     *
     * @param partition the key's partition, so a read opens that partition's store only; {@link #ANY} when unknown
     */
    record Local(int partition) implements Location {
        /** The partition is not known: a read looks in every local partition. */
        public static final int ANY = -1;

        /** The key is here, its partition unknown. */
        public Local() {
            this(ANY);
        }
    }

    /** Another instance holds it; ask it through {@link RemoteQueryClient}. */
    record Remote(HostInfo host) implements Location {
    }

    /** Nobody can answer now (rebalance, restore, not started): answer 503 with Retry-After. */
    record Unavailable(String reason) implements Location {
    }
}
