package io.netpulse.query.iq;

/**
 * A store needed for an answer cannot be read now (rebalance, restore, a host that did not answer). Each API
 * answers it with 503, a Retry-After header and its own error body: never a 500 and never a partial answer.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
