package io.netpulse.topology;

import io.netpulse.registry.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Starts the whole topology on a TopologyTestDriver the one way every test harness does: closed windows are
 * emitted on every record (the driver's wall clock stands still, and Kafka Streams otherwise looks for closed
 * windows once per wall-clock second), and each driver has a state directory of its own, so drivers of one JVM,
 * or of builds running side by side, never share RocksDB files.
 */
public final class TopologyTestDrivers {

    private TopologyTestDrivers() {
    }

    /** A driver over {@code NetpulseTopology.build(settings, serdes)} with its wall clock at {@code wallClock}. */
    public static TopologyTestDriver start(TopologySettings settings, AvroSerdes serdes, String applicationId,
                                           Path stateDir, Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        return new TopologyTestDriver(NetpulseTopology.build(settings, serdes), props, wallClock);
    }

    /** A fresh temporary state directory; remove it with {@link #delete(Path)} after closing the driver. */
    public static Path tempStateDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a state directory and everything in it. */
    public static void delete(Path stateDir) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
