package io.netpulse.query.iq;

import java.time.Duration;

/**
 * A store needed for an answer cannot be read now (rebalance, restore, a host that did not answer). Each API
 * answers it with 503, a Retry-After header and its own error body: never a 500 and never a partial answer.
 */
public final class StoreUnavailableException extends RuntimeException {

    /** What clients are told to wait before retrying. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
