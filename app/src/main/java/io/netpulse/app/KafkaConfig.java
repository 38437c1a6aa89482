package io.netpulse.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kafka cluster, or the embedded broker's ports, and the client properties passed through.
 *
 * @param bootstrap      bootstrap servers; empty for the embedded broker
 * @param port           embedded broker client port (0 = a free port)
 * @param controllerPort embedded broker controller port (0 = a free port)
 * @param passthrough    client and Streams properties from {@code kafka.*} keys, prefix removed
 */
public record KafkaConfig(Optional<String> bootstrap, int port, int controllerPort, Map<String, String> passthrough) {

    public KafkaConfig {
        passthrough = Map.copyOf(passthrough);
    }

    static KafkaConfig read(ConfigSource source) {
        return new KafkaConfig(source.get(ConfigKey.KAFKA_BOOTSTRAP), source.get(ConfigKey.KAFKA_PORT),
                source.get(ConfigKey.KAFKA_CONTROLLER_PORT), source.passthrough());
    }

    /** True when netpulse starts its own broker. */
    public boolean embedded() {
        return bootstrap.isEmpty();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        passthrough.forEach((k, v) -> shown.put(k, secret(k) ? "***" : v));
        return "Kafka[bootstrap=" + bootstrap.orElse("embedded") + ", port=" + port
                + ", controllerPort=" + controllerPort + ", passthrough=" + shown + "]";
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key");
    }
}
