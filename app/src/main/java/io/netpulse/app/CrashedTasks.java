package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears, before Kafka Streams starts, the local state that a crash left behind under exactly-once.
 *
 * <p>Under exactly-once a running task keeps no checkpoint file: it is written only when the task closes cleanly.
 * After a crash every such task must therefore be rebuilt from its changelogs, and Kafka Streams finds that out only
 * after it has opened each of its RocksDB stores (once when it is built, once more when the task is assigned),
 * which on a restart after {@code kill -9} cost several seconds before the restore could even begin. Deleting those
 * task directories first leads to exactly the same restore, at once. A task directory holding a checkpoint (closed
 * cleanly, so its stores match their changelog offsets) is kept, and so are the process id (which keeps the
 * transactional ids, so the new producers fence the dead ones at once) and the global stores (checkpointed on their
 * own). Nothing is touched while another process holds the state directory's lock: Kafka Streams then refuses to
 * start with its own message.
 */
final class CrashedTasks {

    private static final Logger LOG = LoggerFactory.getLogger(CrashedTasks.class);

    /** Kafka Streams' task directories: {@code <subtopology>_<partition>}, prefixed by a named topology's name. */
    private static final Pattern TASK_DIRECTORY = Pattern.compile("(__.+__)?\\d+_\\d+");

    private static final String CHECKPOINT = ".checkpoint";

    private static final String LOCK = ".lock";

    private CrashedTasks() {
    }

    /**
     * Deletes the task directories under {@code applicationStateDir} ({@code <state.dir>/streams/<application.id>})
     * that have no checkpoint file.
     *
     * @return the names of the deleted task directories, in order
     */
    static List<String> clear(Path applicationStateDir) {
        if (!Files.isDirectory(applicationStateDir)) {
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
            List<Path> crashed;
            try (Stream<Path> children = Files.list(applicationStateDir)) {
                crashed = children
                        .filter(Files::isDirectory)
                        .filter(dir -> TASK_DIRECTORY.matcher(dir.getFileName().toString()).matches())
                        .filter(dir -> !Files.exists(dir.resolve(CHECKPOINT)))
                        .sorted()
                        .toList();
            }
            crashed.forEach(CrashedTasks::deleteTree);
            List<String> names = crashed.stream().map(dir -> dir.getFileName().toString()).toList();
            if (!names.isEmpty()) {
                LOG.info("{} task directories had no checkpoint (the last run did not stop cleanly): deleted, their"
                        + " stores are restored from the changelogs: {}", names.size(), names);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the crashed tasks' state in " + applicationStateDir, e);
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

    private static void deleteTree(Path root) {
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
