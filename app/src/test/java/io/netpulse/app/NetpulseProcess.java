package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;

/**
 * netpulse's {@link Main} in a child JVM, for the tests that kill it with SIGKILL ({@code kill -9}). A killed process
 * runs no shutdown hook: its consumer stays in the group and its transaction stays open until the broker gives up on
 * them, which closing Kafka Streams in the test's own JVM never shows. Its log is kept in
 * {@code target/child-logs/<name>.log}.
 */
final class NetpulseProcess implements AutoCloseable {

    /** Where the children's logs stay after the test, for a look at a failure (the module's build directory). */
    private static final Path LOGS = Path.of("target", "child-logs");

    private final Process process;

    private NetpulseProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code Main --config <dir>/<name>.properties} with {@code configuration} and a heap of {@code heap}
     * ({@code -Xmx}), logging to {@code target/child-logs/<name>.log}. The test's classpath is the child's; the
     * test JVM's own {@code NETPULSE_*} environment is not passed on, so the file alone configures the child.
     */
    static NetpulseProcess start(Properties configuration, Path dir, String name, String heap) {
        Path file = dir.resolve(name + ".properties");
        Path log = LOGS.resolve(name + ".log");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(LOGS);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                configuration.store(writer, "child netpulse " + name);
            }
            return new NetpulseProcess(java(log, List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-cp", testClasspath(),
                    Main.class.getName(), "--config", file.toString())).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child netpulse with " + file, e);
        }
    }

    /**
     * A child JVM of the test's JDK running {@code arguments} with native access allowed (RocksDB), printing to
     * {@code log}. The test JVM's own {@code NETPULSE_*} environment is not passed on: the arguments alone configure
     * the child.
     */
    static ProcessBuilder java(Path log, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("NETPULSE_"));
        return builder;
    }

    /** The test's classpath, which a child JVM runs with. */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The configuration file of an instance with {@code environment} (names as {@link EndToEndKit#environment}). */
    static Properties configuration(Map<String, String> environment) {
        Properties properties = new Properties();
        for (ConfigKey<?> key : ConfigKey.values()) {
            String value = environment.get(key.environmentName());
            if (value != null) {
                properties.setProperty(key.key(), value);
            }
        }
        // As EndToEndKit.config: closed windows are emitted on every record.
        properties.setProperty("kafka." + StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION,
                "0");
        return properties;
    }

    /** SIGKILL, as {@code kill -9}; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child netpulse did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True while the process runs. */
    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
