package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.testkit.Waits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash is told from a clean stop by the record still being there, and an active task from a standby by being in
 * it: only the directories of the tasks recorded active by a run that did not stop cleanly are deleted.
 */
class CrashedTasksTest {

    @TempDir
    Path stateDir;

    private Path applicationDir;

    @BeforeEach
    void taskDirectoriesAsKafkaStreamsLeavesThem() throws IOException {
        applicationDir = stateDir.resolve("netpulse");
        for (String task : List.of("0_1", "7_3", "8_2", "9_0")) {
            Path store = applicationDir.resolve(task).resolve("rocksdb").resolve("some-store");
            Files.createDirectories(store);
            Files.writeString(store.resolve("000004.log"), "rows");
        }
        Files.createDirectories(applicationDir.resolve("global").resolve("rocksdb"));
        Files.writeString(applicationDir.resolve("kafka-streams-process-metadata"), "process id");
    }

    @Test
    void afterACrashTheTasksRecordedActiveAreDeletedAndTheStandbysKept() throws IOException {
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2));
        tasks.record(Set.of("7_3", "0_1"));

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).containsExactly("0_1", "7_3");
        assertThat(children()).containsExactly("8_2", "9_0", "global", "kafka-streams-process-metadata");
        assertThat(Files.readString(applicationDir.resolve("8_2/rocksdb/some-store/000004.log"))).isEqualTo("rows");
    }

    @Test
    void theCrashedTasksAreMovedBesideTheApplicationDirectoryAndDeletedThereInTheBackground() throws IOException {
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).record(Set.of("7_3", "0_1"));
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2));

        assertThat(tasks.clear()).containsExactly("0_1", "7_3");

        assertThat(tasks.trash()).isEqualTo(stateDir.resolve("netpulse+crashed"));
        Waits.await("the crashed tasks' state deleted").until(() -> !Files.exists(tasks.trash()));
        try (var top = Files.list(stateDir)) {
            assertThat(top.map(path -> path.getFileName().toString())).containsExactly("netpulse");
        }
        assertThat(children()).containsExactly("8_2", "9_0", "global", "kafka-streams-process-metadata");
    }

    @Test
    void whatADeletionCutShortLeftIsDeletedAtTheNextStartRecordOrNot() throws IOException {
        Path left = stateDir.resolve("netpulse+crashed").resolve("7_3-123").resolve("rocksdb");
        Files.createDirectories(left);
        Files.writeString(left.resolve("000009.sst"), "half deleted");
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2));

        assertThat(tasks.clear()).isEmpty();

        Waits.await("the state left by a cut-short deletion deleted").until(() -> !Files.exists(tasks.trash()));
        assertThat(children()).containsExactly("0_1", "7_3", "8_2", "9_0", "global", "kafka-streams-process-metadata");
    }

    @Test
    void afterACleanStopNothingIsDeleted() throws IOException {
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2));
        tasks.record(Set.of("0_1", "7_3"));
        tasks.forget();

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).isEmpty();
        assertThat(children()).containsExactly("0_1", "7_3", "8_2", "9_0", "global", "kafka-streams-process-metadata");
    }

    @Test
    void theRecordIsReadOnceSoASecondStartDeletesNothing() throws IOException {
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).record(Set.of("0_1"));
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();
        Files.createDirectories(applicationDir.resolve("0_1").resolve("rocksdb"));

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).isEmpty();
        assertThat(Files.exists(applicationDir.resolve(CrashedTasks.FILE))).isFalse();
        assertThat(children()).contains("0_1");
    }

    @Test
    void eachRecordReplacesTheLastAfterARebalance() throws IOException {
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2));
        tasks.record(Set.of("0_1", "7_3", "8_2"));
        tasks.record(Set.of("9_0"));

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).containsExactly("9_0");
        assertThat(Files.readAllLines(applicationDir.resolve("0_1/rocksdb/some-store/000004.log")))
                .containsExactly("rows");
    }

    @Test
    void aRecordedTaskWithACheckpointFileOrWithoutADirectoryIsNotDeleted() throws IOException {
        Files.writeString(applicationDir.resolve("7_3").resolve(".checkpoint"), "0\n1\nchangelog 3 42\n");
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).record(Set.of("0_1", "7_3", "5_2"));

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).containsExactly("0_1");
        assertThat(children()).containsExactly("7_3", "8_2", "9_0", "global", "kafka-streams-process-metadata");
    }

    @Test
    void linesThatAreNotTaskIdsAreIgnoredNeverDeleted() throws IOException {
        Files.writeString(applicationDir.resolve(CrashedTasks.FILE), "global\n../netpulse\n\n 8_2 \n",
                StandardCharsets.UTF_8);

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

        assertThat(deleted).containsExactly("8_2");
        assertThat(children()).containsExactly("0_1", "7_3", "9_0", "global", "kafka-streams-process-metadata");
    }

    @Test
    void atLeastOnceRecordsNothingSinceItsTasksKeepTheirOffsets() throws IOException {
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.AT_LEAST_ONCE));
        tasks.record(Set.of("0_1", "7_3"));

        assertThat(Files.exists(applicationDir.resolve(CrashedTasks.FILE))).isFalse();
        assertThat(CrashedTasks.of(properties(StreamsConfig.AT_LEAST_ONCE)).clear()).isEmpty();
    }

    @Test
    void aRecordLeftByAnExactlyOnceRunIsHonouredUnderAtLeastOnce() throws IOException {
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).record(Set.of("9_0"));

        List<String> deleted = CrashedTasks.of(properties(StreamsConfig.AT_LEAST_ONCE)).clear();

        assertThat(deleted).containsExactly("9_0");
    }

    @Test
    void nothingIsTouchedWhileTheStateDirectoryIsLocked() throws IOException {
        CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).record(Set.of("0_1"));
        try (FileChannel channel = FileChannel.open(applicationDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {

            List<String> deleted = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2)).clear();

            assertThat(held.isValid()).isTrue();
            assertThat(deleted).isEmpty();
        }
        assertThat(children()).contains("0_1", CrashedTasks.FILE);
    }

    @Test
    void aFirstStartFindsNothingToDo() {
        CrashedTasks tasks = CrashedTasks.of(properties(StreamsConfig.EXACTLY_ONCE_V2, stateDir.resolve("fresh")));

        assertThat(tasks.clear()).isEmpty();
        assertThat(tasks.applicationStateDir()).isEqualTo(stateDir.resolve("fresh").resolve("netpulse"));
    }

    private Properties properties(String guarantee) {
        return properties(guarantee, stateDir);
    }

    private static Properties properties(String guarantee, Path streamsStateDir) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, streamsStateDir.toString());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "netpulse");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        return properties;
    }

    private List<String> children() throws IOException {
        try (var paths = Files.list(applicationDir)) {
            return paths.map(path -> path.getFileName().toString()).filter(name -> !name.equals(".lock"))
                    .sorted().toList();
        }
    }
}
