package io.netpulse.app;

import io.netpulse.query.iq.PeerKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this instance answers queries for data other instances hold.
 *
 * @param allowStandby   answer a key query from a local standby copy (or an active one still restoring),
 *                       stale by up to its lag, rather than forward it or answer 503
 * @param forwardTimeout how long another instance may take to answer a forwarded query or its share of a
 *                       fan-out
 * @param peerKey        the key of the deployment: sent to the other instances' peer listeners, required by
 *                       this one's
 */
public record QueryConfig(boolean allowStandby, Duration forwardTimeout, PeerKey peerKey) {

    public QueryConfig {
        Objects.requireNonNull(forwardTimeout, "forwardTimeout");
        Objects.requireNonNull(peerKey, "peerKey");
    }

    static QueryConfig read(ConfigSource source, KafkaConfig kafka) {
        return new QueryConfig(source.get(ConfigKey.QUERY_ALLOW_STANDBY), source.get(ConfigKey.QUERY_FORWARD_TIMEOUT),
                peerKey(source, kafka));
    }

    /**
     * The key the instances of a deployment share ({@link PeerKey}). Required with kafka.bootstrap: instances
     * sharing a cluster forward queries to each other and would refuse each other without one key. The embedded
     * broker serves one instance, which has no peers: a random key per start, that nobody else knows.
     */
    private static PeerKey peerKey(ConfigSource source, KafkaConfig kafka) {
        Optional<String> configured = source.get(ConfigKey.PEER_KEY);
        if (configured.isPresent()) {
            return PeerKey.of(configured.get());
        }
        if (!kafka.embedded()) {
            throw new ConfigurationException(ConfigKey.PEER_KEY.key() + ": must be set with kafka.bootstrap:"
                    + " instances sharing a cluster forward queries to each other's peer listener, and each"
                    + " accepts only the key it holds. Give every instance the same secret of at least "
                    + PeerKey.MIN_LENGTH + " characters (e.g. openssl rand -base64 32)");
        }
        return PeerKey.random();
    }
}
