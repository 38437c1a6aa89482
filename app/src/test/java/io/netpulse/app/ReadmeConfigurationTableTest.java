package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's configuration table is the users' reference: it must list every {@link ConfigKey} with its environment
 * name, default and meaning, in declaration order, and nothing else. When a key changes, this test fails and prints
 * the table to paste.
 */
class ReadmeConfigurationTableTest {

    private static final String HEADER = "| Key | Environment | Default | Meaning |";

    @Test
    void readmeListsEveryKeyWithItsDefault() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int header = readme.indexOf(HEADER);
        assertThat(header).as("README.md has the configuration table header " + HEADER).isNotNegative();
        List<String> rows = readme.subList(header + 2, readme.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .toList();

        List<String> expected = Arrays.stream(ConfigKey.values()).map(ReadmeConfigurationTableTest::row).toList();

        assertThat(rows).as("README.md configuration table; expected:%n%s%n%s%n%s", HEADER, "|---|---|---|---|",
                String.join(System.lineSeparator(), expected)).isEqualTo(expected);
    }

    private static String row(ConfigKey key) {
        String value = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
        return "| `" + key.key() + "` | `" + key.environmentName() + "` | " + value + " | " + key.description() + " |";
    }
}
