package io.netpulse.app.auth;

import com.nimbusds.jwt.JWTParser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.auth.AuthenticationException;
import io.netpulse.query.auth.Authenticator;
import io.netpulse.query.auth.BearerChallenge;
import io.netpulse.registry.server.WriteAccess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may change the embedded schema registry: a client on this host (a loopback peer), or a caller whose bearer
 * token the APIs' {@link Authenticator} accepts and whose OAuth {@value #CLAIM} claim (space-separated, RFC 9068)
 * lists {@value #SCOPE}. Reads stay open, as every Confluent client must resolve ids. Behind a reverse proxy on the
 * same host every caller is a loopback peer: give such a deployment a registry of its own ({@code registry.url}).
 */
public final class RegistryWriteAccess implements WriteAccess {

    /** The claim that carries OAuth scopes. */
    public static final String CLAIM = "scope";
    /** The scope that allows writes to the registry. */
    public static final String SCOPE = "registry";

    private final Authenticator authenticator;

    public RegistryWriteAccess(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public Optional<Refusal> check(ServerRequest request, Operation operation, Optional<String> subject) {
        InetAddress peer = request.remotePeer().address() instanceof InetSocketAddress socket
                ? socket.getAddress() : null;
        return decide(peer, request.headers().all(HeaderNames.AUTHORIZATION, List::of), operation, subject);
    }

    /**
     * The decision for a peer address (null when not an IP peer) and the values of its Authorization headers.
     */
    Optional<Refusal> decide(InetAddress peer, List<String> authorization, Operation operation,
                             Optional<String> subject) {
        if (peer != null && peer.isLoopbackAddress()) {
            return Optional.empty();
        }
        try {
            authenticator.authenticate(authorization);
        } catch (AuthenticationException e) {
            return Optional.of(Refusal.unauthorized(BearerChallenge.headerValue(e.reason())));
        }
        return grantsRegistry(authorization.getFirst()) ? Optional.empty()
                : Optional.of(Refusal.denied(operation, subject));
    }

    /** The scope of a token {@link Authenticator} has verified: {@code Bearer <JWT>}. */
    private static boolean grantsRegistry(String authorization) {
        String value = authorization.strip();
        String token = value.substring(value.indexOf(' ') + 1).strip();
        try {
            Object scope = JWTParser.parse(token).getJWTClaimsSet().getClaim(CLAIM);
            return scope instanceof String scopes && Arrays.asList(scopes.split(" ")).contains(SCOPE);
        } catch (ParseException e) {
            return false;
        }
    }
}
