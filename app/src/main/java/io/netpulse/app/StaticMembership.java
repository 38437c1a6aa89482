package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's static member id in the Kafka Streams group ({@code group.instance.id}).
 *
 * <p>A member that dies without leaving (killed, crashed) stays in the group until its session expires. A dynamic
 * member restarted meanwhile is a stranger, and the group waits for the dead one before it can rebalance; a static
 * member restarted with the same id replaces its dead self at once and gets its partitions back. The id must
 * therefore survive restarts and be unique among the instances: it is {@code instance.id} when configured, else
 * the one kept in {@code <state.dir>/instance.id}, else derived once from {@code application.server} (which must be
 * unique already, since other instances forward queries to it) and kept there, so it stays with the local stores
 * it describes even if the advertised address changes later.
 */
final class StaticMembership {

    /** The file in the state directory that keeps the id. */
    static final String FILE = "instance.id";

    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);
    /** What Kafka accepts in a group.instance.id (the characters of a topic name). */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern INVALID_CHARACTERS = Pattern.compile("[^a-zA-Z0-9._-]");

    private StaticMembership() {
    }

    /** True when Kafka accepts {@code id} as a group.instance.id. */
    static boolean isValid(String id) {
        return VALID.matcher(id).matches();
    }

    /**
     * The id to use, written to {@code <stateDir>/instance.id} when it is not there yet (or differs from the
     * configured one).
     *
     * @param configured the {@code instance.id} setting, if any
     * @param advertised {@code application.server}
     * @param stateDir   the state directory
     */
    static String resolve(Optional<String> configured, HostInfo advertised, Path stateDir) {
        Path file = stateDir.resolve(FILE);
        Optional<String> kept = read(file);
        if (configured.isPresent()) {
            if (!kept.equals(configured)) {
                write(file, configured.get());
            }
            return configured.get();
        }
        if (kept.isPresent()) {
            return kept.get();
        }
        String derived = derive(advertised, localHostName());
        write(file, derived);
        LOG.info("Static member id {} derived from application.server {}:{}, kept in {}", derived,
                advertised.host(), advertised.port(), file);
        return derived;
    }

    /**
     * {@code host-port} of {@code advertised} with characters Kafka refuses turned into {@code _}; {@code localhost}
     * (the default application.server) is replaced by {@code hostName}, since every machine calls itself localhost.
     */
    static String derive(HostInfo advertised, String hostName) {
        String host = advertised.host().equalsIgnoreCase("localhost") ? hostName : advertised.host();
        String id = INVALID_CHARACTERS.matcher(host).replaceAll("_") + "-" + advertised.port();
        return id.length() > 249 ? id.substring(id.length() - 249) : id;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (isValid(id)) {
                return Optional.of(id);
            }
            LOG.warn("Ignoring {}: '{}' is not a valid static member id", file, id);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static member id from " + file, e);
        }
    }

    /** Writes through a temporary file, so a crash never leaves half an id behind. */
    private static void write(Path file, String id) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(temporary, id + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the static member id in " + file, e);
        }
    }
}
