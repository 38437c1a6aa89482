package io.netpulse.query.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the scope claims of a verified token. Each of {@value #SITES}, {@value #ACCOUNTS}, {@value #SOURCES} and
 * {@value #REGISTRY} is a JSON array of strings or a single string; {@value Scope#WILDCARD} anywhere grants everything; an absent
 * claim grants nothing. A value that is not a valid id refuses the whole token: a typo in an issuer's mapping
 * must show up at once, not silently narrow or widen what a caller sees.
 */
final class ScopeClaims {

    static final String SITES = "sites";
    static final String ACCOUNTS = "accounts";
    static final String SOURCES = "sources";
    static final String REGISTRY = "registry";

    private ScopeClaims() {
    }

    /** The caller a verified claims set describes. */
    static Caller caller(JWTClaimsSet claims) throws InvalidScopeException {
        String subject = claims.getSubject() == null ? "" : claims.getSubject();
        return new Caller(subject,
                scope(claims, SITES, Caller::canonicalSite),
                scope(claims, ACCOUNTS, ScopeClaims::account),
                scope(claims, SOURCES, Caller::canonicalSource),
                scope(claims, REGISTRY, Caller::canonicalRegistry));
    }

    private static Scope scope(JWTClaimsSet claims, String name, Function<String, Optional<String>> canonical)
            throws InvalidScopeException {
        Object value = claims.getClaim(name);
        if (value == null) {
            return Scope.NONE;
        }
        Collection<?> values = value instanceof Collection<?> list ? list : List.of(value);
        List<String> members = new ArrayList<>(values.size());
        for (Object each : values) {
            if (!(each instanceof String text)) {
                throw new InvalidScopeException("claim " + name + " holds a non-string value");
            }
            if (Scope.WILDCARD.equals(text)) {
                return Scope.ALL;
            }
            members.add(canonical.apply(text).orElseThrow(
                    () -> new InvalidScopeException("claim " + name + " holds an invalid id: " + text)));
        }
        return Scope.of(members);
    }

    private static Optional<String> account(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A scope claim that cannot be read. */
    static final class InvalidScopeException extends Exception {
        InvalidScopeException(String message) {
            super(message, null, false, false);
        }
    }
}
