package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the users' reference: it must list every {@link ConfigKey} with its environment
 * name, default and meaning, in declaration order, and nothing else. When a key changes, this test fails and prints
 * the table to paste.
 */
class ConfigurationTableTest {

    private static final String HEADER = "| Key | Environment | Default | Meaning |";

    @Test
    void referenceListsEveryKeyWithItsDefault() throws IOException {
        List<String> reference = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        int header = reference.indexOf(HEADER);
        assertThat(header).as("docs/configuration.md has the configuration table header " + HEADER).isNotNegative();
        List<String> rows = reference.subList(header + 2, reference.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .toList();

        List<String> expected = ConfigKey.values().stream().map(ConfigurationTableTest::row).toList();

        assertThat(rows).as("docs/configuration.md configuration table; expected:%n%s%n%s%n%s", HEADER, "|---|---|---|---|",
                String.join(System.lineSeparator(), expected)).isEqualTo(expected);
    }

    private static String row(ConfigKey<?> key) {
        String value = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
        return "| `" + key.key() + "` | `" + key.environmentName() + "` | " + value + " | " + key.description() + " |";
    }
}
