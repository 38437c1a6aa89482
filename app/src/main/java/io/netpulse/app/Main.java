package io.netpulse.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts netpulse: {@code Main [--config FILE]}. Without {@code kafka.bootstrap} it runs the embedded default
 * (broker, registry, demo exporter); with it, it joins a real cluster. SIGTERM and Ctrl-C stop it cleanly, the
 * local state kept for the next start. Exit status: 0 after a clean stop, 1 when it cannot start, 2 on a usage
 * or configuration error.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        CarrierThreads.configure(System.getProperties(), Runtime.getRuntime().availableProcessors());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        AppConfig config;
        try {
            config = AppConfig.load(configFile(args), System.getenv(), System.getProperties());
        } catch (ConfigurationException e) {
            System.err.println("netpulse: " + e.getMessage());
            System.exit(2);
            return;
        }

        Netpulse netpulse = new Netpulse(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("netpulse-shutdown").unstarted(() -> {
            netpulse.close();
            stopped.countDown();
        }));
        try {
            netpulse.start();
        } catch (RuntimeException e) {
            LOG.error("netpulse could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        System.out.println(Banner.text(netpulse));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> configFile(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        if (args.length == 2 && args[0].equals("--config")) {
            Path file = Path.of(args[1]);
            if (!Files.isReadable(file)) {
                throw new ConfigurationException("configuration file not found or not readable: " + file);
            }
            return Optional.of(file);
        }
        throw new ConfigurationException("usage: Main [--config FILE]");
    }
}
