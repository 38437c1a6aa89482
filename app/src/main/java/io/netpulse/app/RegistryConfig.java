package io.netpulse.app;

import io.netpulse.registry.client.RegistrySettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The schema registry netpulse uses.
 *
 * @param url                empty for the embedded registry
 * @param user               basic-auth user
 * @param password           basic-auth password
 * @param truststore         truststore for TLS
 * @param truststorePassword its password
 * @param truststoreType     its type
 */
public record RegistryConfig(Optional<URI> url, Optional<String> user, Optional<String> password,
                             Optional<Path> truststore, Optional<String> truststorePassword, String truststoreType) {

    static RegistryConfig read(ConfigSource source) {
        return new RegistryConfig(source.get(ConfigKey.REGISTRY_URL), source.get(ConfigKey.REGISTRY_USER),
                source.get(ConfigKey.REGISTRY_PASSWORD), source.get(ConfigKey.REGISTRY_TRUSTSTORE),
                source.get(ConfigKey.REGISTRY_TRUSTSTORE_PASSWORD), source.get(ConfigKey.REGISTRY_TRUSTSTORE_TYPE));
    }

    /** The client settings for a remote registry; only meaningful when {@link #url()} is present. */
    public RegistrySettings settings() {
        RegistrySettings settings = RegistrySettings.of(url.orElseThrow());
        if (user.isPresent()) {
            settings = settings.withBasicAuth(user.get(), password.orElse(""));
        }
        if (truststore.isPresent()) {
            settings = settings.withTrustStore(
                    new RegistrySettings.TrustStore(truststore.get(), truststorePassword, truststoreType));
        }
        return settings;
    }

    @Override
    public String toString() {
        return "Registry[url=" + url.map(URI::toString).orElse("embedded") + ", user=" + user.orElse("none")
                + ", password=" + password.map(p -> "***").orElse("none")
                + ", truststore=" + truststore.map(Path::toString).orElse("none") + "]";
    }
}
