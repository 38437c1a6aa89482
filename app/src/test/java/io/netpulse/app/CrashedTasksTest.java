package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashedTasksTest {

    @TempDir
    Path app;

    @Test
    void deletesEveryTaskDirectoryWithoutACheckpointAndKeepsTheRest() throws IOException {
        Path crashed = store("0_0", "site-interface-by-id");
        Path namedCrashed = store("__billing__3_1", "rates");
        Path closedCleanly = store("1_2", "interface-rates-minute");
        Files.writeString(app.resolve("1_2/.checkpoint"), "0\n1\ninterface-rates-minute-changelog 2 17\n");
        Path global = store("global", "directory");
        Path processId = Files.writeString(app.resolve("kafka-streams-process-metadata"), "{}");
        Path notATask = store("0_x", "stray");

        assertThat(CrashedTasks.clear(app)).containsExactly("0_0", "__billing__3_1");

        assertThat(crashed).doesNotExist();
        assertThat(namedCrashed).doesNotExist();
        assertThat(app.resolve("0_0")).doesNotExist();
        assertThat(closedCleanly).exists();
        assertThat(app.resolve("1_2/.checkpoint")).exists();
        assertThat(global).exists();
        assertThat(processId).exists();
        assertThat(notATask).exists();
    }

    @Test
    void leavesEverythingWhileAnotherKafkaStreamsHoldsTheLock() throws IOException {
        Path crashed = store("0_0", "site-interface-by-id");
        try (FileChannel channel = FileChannel.open(app.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThat(CrashedTasks.clear(app)).isEmpty();
        }
        assertThat(crashed).exists();
        assertThat(CrashedTasks.clear(app)).containsExactly("0_0");
    }

    @Test
    void aFirstStartHasNothingToClear() {
        assertThat(CrashedTasks.clear(app.resolve("never-started"))).isEmpty();
        assertThat(app.resolve("never-started")).doesNotExist();
    }

    /** A task directory with one RocksDB store holding one file, as Kafka Streams lays them out. */
    private Path store(String task, String store) throws IOException {
        Path dir = Files.createDirectories(app.resolve(task).resolve("rocksdb").resolve(store));
        Files.writeString(dir.resolve("000004.log"), "data");
        return dir;
    }
}
