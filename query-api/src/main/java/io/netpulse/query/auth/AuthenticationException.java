package io.netpulse.query.auth;

import java.util.Objects;

/**
 * A request could not be authenticated. {@link #getMessage()} is the short, generic text of the {@link Reason}
 * and is safe to show a client; {@link #detail()} says exactly why (expired, wrong issuer, unknown key...) and
 * belongs in a DEBUG log only, because telling a caller which check failed helps an attacker.
 *
 * <p>Checked on purpose: each API maps it to its own 401 body, so the compiler makes every handler decide.
 */
public final class AuthenticationException extends Exception {

    /** Why the request was refused, as far as the caller may know. */
    public enum Reason {
        /** No {@code Authorization} header, or one with another scheme than Bearer: RFC 6750 sends no error code. */
        MISSING("Authentication required."),
        /** A Bearer credential that is not a well-formed JWT. */
        MALFORMED("The bearer token is malformed."),
        /** A well-formed JWT that fails verification: signature, algorithm, issuer, audience, time, claims. */
        INVALID("The bearer token is invalid or expired.");

        private final String publicText;

        Reason(String publicText) {
            this.publicText = publicText;
        }

        /** A generic sentence for the caller. */
        public String publicText() {
            return publicText;
        }
    }

    private final Reason reason;
    private final String detail;

    public AuthenticationException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public AuthenticationException(Reason reason, String detail, Throwable cause) {
        // No stack trace: refusing a token is an expected outcome, not a fault, and happens at request rate.
        super(Objects.requireNonNull(reason, "reason").publicText(), cause, false, false);
        this.reason = reason;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Reason reason() {
        return reason;
    }

    /** The exact cause, for DEBUG logs only. Never contains the token itself. */
    public String detail() {
        return detail;
    }
}
