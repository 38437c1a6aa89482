package io.netpulse.query.auth;

import io.netpulse.topology.IpAddresses;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An authenticated caller and what its token lets it see. Every API asks one of the {@code maySee...} questions
 * right after authentication and before it looks anything up, so a refusal reveals nothing about what exists.
 * For "everything I may see" queries (no site or source named), the API reads {@link #sites()} or
 * {@link #sources()}: {@link Scope#unrestricted()} means all, otherwise exactly {@link Scope#members()}.
 *
 * <p>Ids are compared in canonical form: site UUIDs in lower case, source IPs as {@link InetAddress#getHostAddress()}
 * prints them (IPv4-mapped IPv6 addresses become IPv4), accounts exactly as written. Text that is not a valid id
 * is never permitted, so a malformed query parameter cannot match a scope.
 *
 * @param subject  the token's {@code sub}, for logs; empty when the token has none
 * @param sites    site UUIDs the caller may see (claim {@code sites})
 * @param accounts account ids the caller may see (claim {@code accounts})
 * @param sources  source device IPs the caller may see (claim {@code sources})
 * @param registry what the caller may do to the embedded schema registry beyond reading (claim {@code registry}:
 *                 {@value #REGISTRY_WRITE} registers, deletes and sets compatibility levels)
 */
public record Caller(String subject, Scope sites, Scope accounts, Scope sources, Scope registry) {

    /** The {@code registry} claim's value that lets a caller write to the embedded schema registry. */
    public static final String REGISTRY_WRITE = "write";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sites, "sites");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(registry, "registry");
    }

    /** A caller of the data APIs only: no registry scope. */
    public Caller(String subject, Scope sites, Scope accounts, Scope sources) {
        this(subject, sites, accounts, sources, Scope.NONE);
    }

    /** A caller that sees everything: for tests and trusted tooling, never built from a request. */
    public static Caller unrestricted(String subject) {
        return new Caller(subject, Scope.ALL, Scope.ALL, Scope.ALL, Scope.ALL);
    }

    /** Whether the caller may see the site with this UUID (any letter case). */
    public boolean maySeeSite(String siteId) {
        return siteId != null && canonicalSite(siteId).map(sites::permits).orElse(false);
    }

    /** Whether the caller may register schemas, delete them and set compatibility levels. */
    public boolean mayWriteRegistry() {
        return registry.permits(REGISTRY_WRITE);
    }

    /** The registry scope a claim value names, or empty when it names none. */
    public static Optional<String> canonicalRegistry(String text) {
        return REGISTRY_WRITE.equals(text) ? Optional.of(text) : Optional.empty();
    }

    /** Whether the caller may see this account (exact match). */
    public boolean maySeeAccount(String accountId) {
        return accountId != null && !accountId.isEmpty() && accounts.permits(accountId);
    }

    /** Whether the caller may see the source device with this IP address (any textual form of it). */
    public boolean maySeeSource(String sourceIp) {
        return sourceIp != null && canonicalSource(sourceIp).map(sources::permits).orElse(false);
    }

    /** The canonical (lower-case) form of a site UUID, or empty when the text is not a UUID. */
    public static Optional<String> canonicalSite(String text) {
        return UUID_TEXT.matcher(text).matches() ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The canonical form of an IP address literal, or empty when the text is not one. Host names are refused
     * before any parsing, so this never triggers a DNS lookup; IPv6 zone ids ({@code %eth0}) are refused too.
     */
    public static Optional<String> canonicalSource(String text) {
        return IpAddresses.normalize(text);
    }
}
