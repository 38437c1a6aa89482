package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears, before Kafka Streams starts, the local state of the tasks this instance was running as active when it
 * crashed under exactly-once: Kafka Streams would wipe exactly those itself, but only after opening each of their
 * RocksDB stores twice and handling every task as corrupted one after the other, which made a restart after
 * {@code kill -9} wait several seconds before restoring could even begin.
 *
 * <p>Under exactly-once an active task writes to its stores before its transaction commits and records its
 * changelog offsets only when it closes cleanly, so after a crash its stores may hold uncommitted writes and Kafka
 * Streams rebuilds them from the changelogs. A standby copy holds committed data only and keeps its offsets: it
 * survives a crash and must be kept, or an instance with {@code query.allow-standby} would answer from an empty copy.
 * Neither kind has a {@code .checkpoint} file any more (the RocksDB stores keep their offsets), so the directories
 * cannot tell; this class keeps the record instead, in {@value #FILE} in the application's state directory:
 * <ol>
 *   <li>each time Kafka Streams reaches RUNNING, {@link #record} writes the ids of the active tasks;</li>
 *   <li>after {@code KafkaStreams.close()} returned in time, {@link #forget} deletes the file;</li>
 *   <li>at start, a file still there means the last run did not stop cleanly: {@link #clear} deletes the
 *       directories of the tasks it names, then the file.</li>
 * </ol>
 * Deleting a task directory never changes an answer, it only costs a restore: Kafka Streams rebuilds a missing store
 * from its changelog before the task runs or reports RUNNING. A task that became active after the last record is
 * not in it and is left to Kafka Streams, as before; one recorded active that moved to standby before the crash loses
 * its copy and is restored again. A directory with a {@code .checkpoint} file (a store that still keeps its offsets
 * there and closed cleanly) is kept, and so are the process id and the global stores. Nothing is touched while
 * another process holds the state directory's lock: Kafka Streams then refuses to start with its own message.
 *
 * <p>The directories are moved aside at once (a rename, into {@code <application.id>+crashed} beside the
 * application's directory, a name no application id can take) and deleted by a background thread, so a restart does
 * not wait for a large state to be deleted file by file; whatever a crash leaves there is deleted at the next start.
 */
final class CrashedTasks {

    /** The record of active tasks, in {@code <state.dir of Kafka Streams>/<application.id>}. */
    static final String FILE = "netpulse-active-tasks";

    private static final Logger LOG = LoggerFactory.getLogger(CrashedTasks.class);
    /** Kafka Streams' task ids and directory names: {@code <subtopology>_<partition>}. */
    private static final Pattern TASK_ID = Pattern.compile("\\d+_\\d+");
    private static final String CHECKPOINT = ".checkpoint";
    private static final String LOCK = ".lock";
    /** Appended to the application id: the directory of state being deleted (no application id has a +). */
    static final String TRASH_SUFFIX = "+crashed";

    private final Path applicationStateDir;
    private final boolean exactlyOnce;

    private CrashedTasks(Path applicationStateDir, boolean exactlyOnce) {
        this.applicationStateDir = applicationStateDir;
        this.exactlyOnce = exactlyOnce;
    }

    /**
     * The record of the Kafka Streams instance configured by {@code streamsProperties}: its state directory and
     * application id, and whether it runs exactly-once (at-least-once keeps offsets for crashes itself, so nothing
     * is recorded then).
     */
    static CrashedTasks of(Properties streamsProperties) {
        Path stateDir = Path.of(streamsProperties.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        String applicationId = streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(
                String.valueOf(streamsProperties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)));
        return new CrashedTasks(stateDir.toAbsolutePath().resolve(applicationId), exactlyOnce);
    }

    /** The application's state directory: {@code <state.dir>/<application.id>}. */
    Path applicationStateDir() {
        return applicationStateDir;
    }

    /**
     * Deletes the directories of the tasks recorded active by a run that did not stop cleanly, then the record.
     * Whatever the current processing guarantee: the record exists only if that run was exactly-once.
     *
     * @return the ids of the deleted task directories, sorted
     */
    List<String> clear() {
        Path file = applicationStateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            deleteInBackground(trash());
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(applicationStateDir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                LOG.info("{} is locked by another Kafka Streams: its task directories are left as they are",
                        applicationStateDir);
                return List.of();
            }
            List<String> deleted = new ArrayList<>();
            Path trash = trash();
            for (String taskId : read(file)) {
                Path directory = applicationStateDir.resolve(taskId);
                if (Files.isDirectory(directory) && !Files.exists(directory.resolve(CHECKPOINT))) {
                    moveAside(directory, trash);
                    deleted.add(taskId);
                }
            }
            Files.delete(file);
            deleteInBackground(trash);
            if (!deleted.isEmpty()) {
                LOG.info("The last run did not stop cleanly: deleted the state of the {} tasks it ran as active, "
                        + "restored from their changelogs as exactly-once requires: {}", deleted.size(), deleted);
            }
            return List.copyOf(deleted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the crashed tasks' state in " + applicationStateDir, e);
        }
    }

    /**
     * Replaces the record with {@code activeTaskIds} ({@code TaskId.toString()}, the names of their directories);
     * nothing under at-least-once. Written through a temporary file, so a crash never leaves half a record.
     */
    void record(Collection<String> activeTaskIds) {
        if (!exactlyOnce) {
            return;
        }
        try {
            Files.createDirectories(applicationStateDir);
            Path temporary = Files.createTempFile(applicationStateDir, FILE, ".tmp");
            Files.writeString(temporary, String.join(System.lineSeparator(), new TreeSet<>(activeTaskIds))
                    + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temporary, applicationStateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot record the active tasks in {}: a restart after a crash will take longer",
                    applicationStateDir, e);
            forget();
        }
    }

    /**
     * Deletes the record: after a clean stop (Kafka Streams closed in time, so every active task kept its offsets),
     * or when the active tasks cannot be told, since without a record the next start leaves every directory to
     * Kafka Streams (slower, never wrong) while a stale one could name a task that is now a standby.
     */
    void forget() {
        try {
            Files.deleteIfExists(applicationStateDir.resolve(FILE));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: the next start will restore the tasks it names from their changelogs",
                    applicationStateDir.resolve(FILE), e);
        }
    }

    /** Where crashed tasks' directories wait to be deleted: beside the application's directory. */
    Path trash() {
        return applicationStateDir.resolveSibling(applicationStateDir.getFileName() + TRASH_SUFFIX);
    }

    /** Renames {@code directory} into {@code trash}; where a rename cannot be done, deletes it in place. */
    private static void moveAside(Path directory, Path trash) throws IOException {
        Files.createDirectories(trash);
        Path target = trash.resolve(directory.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(directory, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException notOnOneFileSystem) {
            deleteTree(directory);
        }
    }

    /** Deletes {@code trash} on a daemon thread: nothing reads it, and what is left at exit goes at the next start. */
    private static void deleteInBackground(Path trash) {
        if (!Files.isDirectory(trash)) {
            return;
        }
        Thread.ofPlatform().daemon().name("netpulse-crashed-state-deleter").start(() -> {
            try {
                deleteTree(trash);
            } catch (UncheckedIOException e) {
                LOG.warn("Cannot delete {} (the state of tasks that crashed): the next start tries again", trash, e);
            }
        });
    }

    /** The task ids in the record; anything else (a damaged line) is ignored, never deleted. */
    private static List<String> read(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::trim).filter(line -> TASK_ID.matcher(line).matches()).sorted().toList();
        }
    }

    /** The lock, or null when another process or another channel of this one holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /** Deletes {@code root} and everything under it; gone meanwhile is fine. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile: nothing left to do
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
