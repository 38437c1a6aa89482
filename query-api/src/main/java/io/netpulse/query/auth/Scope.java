package io.netpulse.query.auth;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * One dimension of what a caller may see (sites, accounts or source devices): either everything (the token said
 * {@value #WILDCARD}) or exactly the listed members. Members are canonical (see {@link Caller}), so a plain
 * {@link Set#contains} is the whole check.
 *
 * @param unrestricted true when the token granted {@value #WILDCARD}; {@link #members()} is then empty
 * @param members      the granted ids when not unrestricted; empty means nothing
 */
public record Scope(boolean unrestricted, Set<String> members) {

    /** The claim value that grants everything in a dimension. */
    public static final String WILDCARD = "*";
    /** Everything. */
    public static final Scope ALL = new Scope(true, Set.of());
    /** Nothing: what a token without the claim gets. */
    public static final Scope NONE = new Scope(false, Set.of());

    public Scope {
        members = Set.copyOf(members);
        if (unrestricted && !members.isEmpty()) {
            throw new IllegalArgumentException("an unrestricted scope lists no members: " + members);
        }
        if (members.contains(WILDCARD)) {
            throw new IllegalArgumentException("the wildcard is not a member; use Scope.ALL");
        }
    }

    /** Exactly these canonical ids. */
    public static Scope of(Collection<String> members) {
        return new Scope(false, Set.copyOf(members));
    }

    /**
     * Whether the canonical id is within this scope.
     *
     * @param canonicalId an id in the same canonical form as the members; null is never permitted
     */
    public boolean permits(String canonicalId) {
        Objects.requireNonNull(canonicalId, "canonicalId");
        return unrestricted || members.contains(canonicalId);
    }

    /** True when nothing at all is permitted: a query over "everything I may see" answers nothing. */
    public boolean isEmpty() {
        return !unrestricted && members.isEmpty();
    }
}
