package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One start of the embedded default in a scratch directory, stopped once it answers: run by the launcher with
 * {@code -XX:DumpLoadedClassList} after each build, so the JVM can dump the classes a start loads into a class-data
 * archive that every later start maps instead of loading, verifying and linking them again (about a fifth of a
 * restart on two cores). The archive only holds classes; nothing of this run's state is kept.
 */
public final class StartupTraining {

    /** How long the training start may take before it gives up (a loaded machine is slow, never this slow). */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private StartupTraining() {
    }

    /** Exit status 0 once the scratch instance answered and stopped, 1 when it did not. */
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try {
            List<Integer> answers = run(READY_TIMEOUT);
            System.err.println("netpulse: startup training answered " + answers);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("netpulse: startup training failed: " + e);
            System.exit(1);
        }
    }

    /**
     * Starts the embedded default (broker, registry, exporter, topology, HTTP) on free loopback ports in a scratch
     * directory, waits until it is ready, asks each kind of request a start serves, stops it and deletes the
     * directory.
     *
     * @return the status codes of the requests, in the order asked
     * @throws IllegalStateException when it is not ready within {@code timeout}
     */
    static List<Integer> run(Duration timeout) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("netpulse-startup-training");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int httpPort = EmbeddedKafka.freePort();
            AppConfig config = AppConfig.load(Optional.empty(), Map.of(
                    ConfigKey.STATE_DIR.environmentName(), scratch.toString(),
                    ConfigKey.HTTP_HOST.environmentName(), "127.0.0.1",
                    ConfigKey.HTTP_PORT.environmentName(), Integer.toString(httpPort),
                    ConfigKey.APPLICATION_SERVER.environmentName(), "127.0.0.1:" + EmbeddedKafka.freePort(),
                    ConfigKey.KAFKA_PORT.environmentName(), "0",
                    ConfigKey.ROCKSDB_MEMORY.environmentName(), "32MiB"), new Properties());
            try (Netpulse netpulse = new Netpulse(config).start()) {
                Instant deadline = Instant.now().plus(timeout);
                while (!netpulse.health().ready()) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("not ready within " + timeout);
                    }
                    Thread.sleep(100);
                }
                String token = Files.readString(netpulse.demoToken().orElseThrow()).strip();
                URI base = URI.create("http://127.0.0.1:" + httpPort);
                List<Integer> answers = new ArrayList<>();
                try (HttpClient client = HttpClient.newHttpClient()) {
                    for (String path : List.of("/observe/health/ready", "/interfaces", "/observe/metrics",
                            "/registry/subjects")) {
                        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .build();
                        answers.add(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                    }
                }
                return answers;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                CrashedTasks.deleteTree(scratch);
            } catch (UncheckedIOException e) {
                System.err.println("netpulse: cannot delete " + scratch + ": " + e.getCause());
            }
        }
    }
}
