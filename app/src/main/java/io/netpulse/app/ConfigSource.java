package io.netpulse.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration as layers, later ones winning: each {@link ConfigKey}'s default, the properties file, the
 * {@code NETPULSE_*} environment, the {@code netpulse.*} system properties (the rules are in {@link AppConfig}). The
 * settings records read their values here, typed by their key, and every error names the key, the value (secrets
 * hidden) and the layer it came from.
 */
final class ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);
    private static final String PASSTHROUGH_PREFIX = "kafka.";
    private static final String SYSTEM_PREFIX = "netpulse.";
    /** Environment variables the launcher reads itself. */
    private static final String LAUNCHER_ENVIRONMENT = "NETPULSE_JAVA_OPTS";

    /** A value and where it came from, for error messages. */
    private record Setting(String value, String origin) {
    }

    private final Map<String, Setting> settings = new HashMap<>();

    private ConfigSource() {
    }

    /**
     * Collects the layers.
     *
     * @throws ConfigurationException for an unreadable file or an unknown key in the file or a system property
     */
    static ConfigSource load(Optional<Path> file, Map<String, String> environment, Properties system) {
        ConfigSource source = new ConfigSource();
        file.ifPresent(source::readFile);
        source.readEnvironment(environment);
        source.readSystemProperties(system);
        return source;
    }

    /**
     * The value of {@code key}, from the last layer that sets it.
     *
     * @throws ConfigurationException naming the key, the value and its layer when the value is not of the key's type
     */
    <T> T get(ConfigKey<T> key) {
        try {
            return key.type().parse(setting(key).value());
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** Whether a layer above the defaults sets {@code key}. */
    boolean isSet(ConfigKey<?> key) {
        return settings.containsKey(key.key());
    }

    /** The error for a value of {@code key} that breaks {@code problem}'s rule, shown as {@link #get} shows it. */
    ConfigurationException invalid(ConfigKey<?> key, String problem) {
        Setting setting = setting(key);
        return new ConfigurationException(key.key() + ": invalid value '" + (key.secret() ? "***" : setting.value())
                + "' (from " + setting.origin() + "): " + problem);
    }

    /** Every unlisted {@code kafka.*} key, prefix removed, for the Kafka clients and Kafka Streams. */
    Map<String, String> passthrough() {
        Map<String, String> props = new TreeMap<>();
        settings.forEach((key, setting) -> {
            if (key.startsWith(PASSTHROUGH_PREFIX) && ConfigKey.of(key).isEmpty()) {
                props.put(key.substring(PASSTHROUGH_PREFIX.length()), setting.value());
            }
        });
        return props;
    }

    private Setting setting(ConfigKey<?> key) {
        return settings.getOrDefault(key.key(), new Setting(key.defaultValue(), "default"));
    }

    private void readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
        for (String key : props.stringPropertyNames()) {
            requireKnown(key, "file " + path);
            settings.put(key, new Setting(props.getProperty(key).trim(), "file " + path));
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        Map<String, ConfigKey<?>> byEnvironmentName = new HashMap<>();
        ConfigKey.values().forEach(key -> byEnvironmentName.put(key.environmentName(), key));
        String passthroughPrefix = ConfigKey.environmentName(PASSTHROUGH_PREFIX);
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("NETPULSE_") || name.equals(LAUNCHER_ENVIRONMENT)) {
                continue;
            }
            Setting setting = new Setting(variable.getValue().trim(), "environment variable " + name);
            ConfigKey<?> known = byEnvironmentName.get(name);
            if (known != null) {
                settings.put(known.key(), setting);
            } else if (name.startsWith(passthroughPrefix) && name.length() > passthroughPrefix.length()) {
                // Kafka property names use dots only, so every _ of the variable stands for a dot.
                String kafkaKey = name.substring(passthroughPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                settings.put(PASSTHROUGH_PREFIX + kafkaKey, setting);
            } else {
                LOG.warn("Ignoring environment variable {}: it names no netpulse configuration key", name);
            }
        }
    }

    private void readSystemProperties(Properties system) {
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(SYSTEM_PREFIX)) {
                String key = name.substring(SYSTEM_PREFIX.length());
                requireKnown(key, "system property " + name);
                settings.put(key, new Setting(system.getProperty(name).trim(), "system property " + name));
            }
        }
    }

    private static void requireKnown(String key, String origin) {
        if (ConfigKey.of(key).isEmpty() && !(key.startsWith(PASSTHROUGH_PREFIX)
                && key.length() > PASSTHROUGH_PREFIX.length())) {
            throw new ConfigurationException("unknown configuration key '" + key + "' in " + origin
                    + " (keys are listed in docs/configuration.md; Kafka properties take the prefix 'kafka.')");
        }
    }
}
