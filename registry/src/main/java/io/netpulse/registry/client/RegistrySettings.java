package io.netpulse.registry.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Confluent-compatible schema registry is and how to reach it: its base URL (Confluent's root, or
 * {@code http://host:8080/registry} for netpulse's embedded one), optional basic auth, an optional truststore for
 * TLS to a registry whose certificate the JDK does not trust, and the timeout of each request (connecting included).
 */
public record RegistrySettings(
        URI url, Optional<BasicAuth> basicAuth, Optional<TrustStore> trustStore, Duration requestTimeout) {

    /** The request timeout unless configured: long enough for a registry under load, short enough to fail a start. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("registry url must be http or https, got " + url);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("registry request timeout must be positive, got " + requestTimeout);
        }
    }

    /** {@code url} without authentication or truststore, with the default timeout. */
    public static RegistrySettings of(URI url) {
        return new RegistrySettings(url, Optional.empty(), Optional.empty(), DEFAULT_REQUEST_TIMEOUT);
    }

    /** These settings with basic auth. */
    public RegistrySettings withBasicAuth(String user, String password) {
        return new RegistrySettings(url, Optional.of(new BasicAuth(user, password)), trustStore, requestTimeout);
    }

    /** These settings with a truststore. */
    public RegistrySettings withTrustStore(TrustStore store) {
        return new RegistrySettings(url, basicAuth, Optional.of(store), requestTimeout);
    }

    /** These settings with another request timeout. */
    public RegistrySettings withRequestTimeout(Duration timeout) {
        return new RegistrySettings(url, basicAuth, trustStore, timeout);
    }

    /** HTTP basic authentication; {@link #toString()} hides the password so settings can be logged. */
    public record BasicAuth(String user, String password) {

        public BasicAuth {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.contains(":")) {
                throw new IllegalArgumentException("a basic-auth user cannot contain ':'");
            }
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=***]";
        }
    }

    /**
     * A keystore file of trusted certificates; {@code type} is a {@link java.security.KeyStore} type such as
     * {@code PKCS12} (the JDK default) or {@code JKS}. {@link #toString()} hides the password.
     */
    public record TrustStore(Path path, Optional<String> password, String type) {

        public TrustStore {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return "TrustStore[path=" + path + ", password=" + password.map(p -> "***").orElse("none")
                    + ", type=" + type + "]";
        }
    }
}
