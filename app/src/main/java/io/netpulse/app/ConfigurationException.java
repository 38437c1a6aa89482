package io.netpulse.app;

/**
 * The configuration cannot be used; the message names the key, the bad value and where it came from, so
 * {@link Main} prints it as it is and exits.
 */
public final class ConfigurationException extends IllegalArgumentException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
