package io.netpulse.query;

import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.TestIssuer;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.RemoteQueryClient;
import io.netpulse.testkit.TestTime;
import io.netpulse.topology.TopologySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The one way a test builds {@link QueryDeps}: the stores it reads, the time it answers at and who signs its
 * tokens, everything else the single-instance default (default settings, every key local, the tests' peer key
 * with a 2 s timeout), so a test names only what it is about. Shared with the app's tests through the test jar.
 */
public final class QueryDepsBuilder {

    private final LocalStores stores;
    private TopologySettings settings = TopologySettings.defaults();
    private KeyLocator locator = KeyLocator.local(new HostInfo("localhost", 1));
    private RemoteQueryClient remote = Peers.client(Duration.ofSeconds(2));
    private Clock clock;
    private Authenticator authenticator;

    private QueryDepsBuilder(LocalStores stores) {
        this.stores = stores;
    }

    /** A builder over this instance's {@code stores}. */
    public static QueryDepsBuilder over(LocalStores stores) {
        return new QueryDepsBuilder(stores);
    }

    /** Settings other than {@link TopologySettings#defaults()}. */
    public QueryDepsBuilder settings(TopologySettings settings) {
        this.settings = settings;
        return this;
    }

    /** Where keys live, when not all on this instance. */
    public QueryDepsBuilder locator(KeyLocator locator) {
        this.locator = locator;
        return this;
    }

    /** The client that asks other instances, when not the tests' peer key with a 2 s timeout. */
    public QueryDepsBuilder remote(RemoteQueryClient remote) {
        this.remote = remote;
        return this;
    }

    /** The tests' peer client with {@code timeout}. */
    public QueryDepsBuilder remoteTimeout(Duration timeout) {
        return remote(Peers.client(timeout));
    }

    /** "Now" stands still at {@code now}. */
    public QueryDepsBuilder at(Instant now) {
        return clock(TestTime.fixedAt(now));
    }

    /** "Now" as {@code clock} tells it. */
    public QueryDepsBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Tokens are checked against {@code issuer}'s keys. */
    public QueryDepsBuilder issuer(TestIssuer issuer) {
        return authenticator(issuer.authenticator());
    }

    /** Tokens are checked by {@code authenticator}. */
    public QueryDepsBuilder authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
        return this;
    }

    /** The dependencies; the clock and the authenticator must have been given. */
    public QueryDeps build() {
        return new QueryDeps(settings, locator, stores, remote, clock, authenticator);
    }
}
