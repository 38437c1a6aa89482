package io.netpulse.app;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.BearerChallenge;
import io.netpulse.query.auth.Caller;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who may reach the operator's routes that are not tenant-scoped: {@code /observe/metrics} (it names every tenant's
 * devices and exporter addresses) and writes to the embedded schema registry (a subject netpulse writes could be
 * taken first). A connection from this host (loopback) may, as the README's curl examples and local producers do;
 * from anywhere else a valid bearer token is needed (a Prometheus scrape sends one with {@code authorization}),
 * and for registry writes one with the {@code registry} scope ({@link Caller#mayWriteRegistry()}).
 * Health, the JWK set and registry reads stay open: orchestrators and Confluent clients expect them so.
 */
final class OperatorAccess {

    /** The path prefix of the metrics. */
    static final String METRICS = "/observe/metrics";

    private final Authenticator authenticator;
    private final Predicate<InetAddress> local;

    /**
     * @param local whether a peer address is this host; tests stand in for a remote peer with {@code a -> false}
     */
    OperatorAccess(Authenticator authenticator, Predicate<InetAddress> local) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.local = Objects.requireNonNull(local, "local");
    }

    /** Loopback connections, or a valid token. */
    static OperatorAccess of(Authenticator authenticator) {
        return new OperatorAccess(authenticator, InetAddress::isLoopbackAddress);
    }

    /** Whether {@code request} comes from this host or carries a valid bearer token. */
    boolean permits(ServerRequest request) {
        return permits(request, caller -> true);
    }

    /** Whether {@code request} comes from this host or carries a valid token with the registry scope. */
    boolean permitsRegistryWrite(ServerRequest request) {
        return permits(request, Caller::mayWriteRegistry);
    }

    private boolean permits(ServerRequest request, Predicate<Caller> scope) {
        if (request.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null
                && local.test(peer.getAddress())) {
            return true;
        }
        try {
            return scope.test(authenticator.authenticate(request));
        } catch (AuthenticationException e) {
            return false;
        }
    }

    /** Answers {@value #METRICS} 401 with the Bearer challenge to whom {@link #permits} refuses. */
    Filter metrics() {
        return (chain, request, response) -> {
            String path = request.path().path();
            if ((path.equals(METRICS) || path.startsWith(METRICS + "/")) && !permits(request)) {
                response.status(Status.UNAUTHORIZED_401)
                        .header(HeaderNames.WWW_AUTHENTICATE,
                                BearerChallenge.headerValue(AuthenticationException.Reason.MISSING))
                        .send("Metrics need a bearer token, or a connection from this host.\n");
                return;
            }
            chain.proceed();
        };
    }
}
