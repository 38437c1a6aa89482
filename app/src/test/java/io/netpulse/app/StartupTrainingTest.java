package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive, made and used as the launcher does, in child JVMs: the training start lists
 * the classes it loads ({@code -XX:DumpLoadedClassList}), the JVM dumps them ({@code -Xshare:dump}), and a start
 * with {@code -XX:SharedArchiveFile} takes them from the archive. Class-data sharing reads jars only, so the
 * child's classpath is the app's classes as a jar plus the test's dependency jars.
 */
class StartupTrainingTest {

    @Test
    void theTrainingStartAnswersAndStopsAndTheArchiveOfItsClassesServesTheNextStart(@TempDir Path dir)
            throws Exception {
        String classpath = jarClasspath(dir);
        Path classList = dir.resolve("netpulse.classes");
        Path archive = dir.resolve("netpulse.jsa");

        Child training = Child.run(dir.resolve("training.log"), 240, "-Xmx1g", "-XX:DumpLoadedClassList=" + classList,
                "-cp", classpath, StartupTraining.class.getName());
        assertThat(training.status()).as(training.output()).isZero();
        assertThat(training.output()).contains("netpulse: startup training answered [200, 200, 200, 200]");
        assertThat(Files.readAllLines(classList)).anyMatch(line -> line.startsWith("io/netpulse/app/Netpulse "))
                .anyMatch(line -> line.startsWith("org/apache/kafka/streams/KafkaStreams "));

        Child dump = Child.run(dir.resolve("dump.log"), 240, "-Xmx1g", "-Xshare:dump",
                "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive, "-cp", classpath);
        assertThat(dump.status()).as(dump.output()).isZero();

        // A usage error: Main (which the training does not load) reads its arguments and exits 2, with the classes
        // it needs on the way from the archive and no complaint about the archive.
        Child next = Child.run(dir.resolve("next.log"), 60, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info", "-cp", classpath, Main.class.getName(), "--no-such-option");
        assertThat(next.status()).as(next.output()).isEqualTo(2);
        assertThat(next.output())
                .contains("io.netpulse.app.ConfigurationException source: shared objects file")
                .contains("org.slf4j.simple.SimpleLogger source: shared objects file")
                .contains("io.netpulse.app.Main source: file:")
                .contains("netpulse: usage: Main [--config FILE]")
                .doesNotContain("[error]", "[warning]");
    }

    /** The app's compiled classes as a jar in {@code dir}, then every jar of the test's classpath. */
    private static String jarClasspath(Path dir) throws IOException {
        Path classes = Path.of("target", "classes");
        Path jar = dir.resolve("netpulse-app-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        Arrays.stream(NetpulseProcess.testClasspath().split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /** A finished child JVM: its exit status and everything it printed. */
    private record Child(int status, String output) {

        static Child run(Path log, int timeoutSeconds, String... arguments) throws Exception {
            Process process = NetpulseProcess.java(log, List.of(arguments)).start();
            try (OutputStream ignored = process.getOutputStream()) {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("the child JVM did not finish within " + timeoutSeconds + " s: "
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
            }
            return new Child(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
