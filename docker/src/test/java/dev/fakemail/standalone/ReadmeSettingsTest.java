package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's one table of flags and variables lists every setting the jar reads, and nothing else. */
class ReadmeSettingsTest {
    @Test
    void everySettingHasItsRowWithFlagAndVariable() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
        String section = readme.substring(readme.indexOf("## Standalone server and Docker"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<String> rows = section.lines().filter(line -> line.startsWith("| `--")).toList();

        for (Setting setting : Setting.values()) {
            assertThat(rows).as("README row for %s", setting.flag()).anySatisfy(row -> assertThat(row)
                    .startsWith("| `" + setting.flag() + (setting.isSwitch() ? "`" : " "))
                    .contains("| `" + setting.env() + "` |"));
        }
        assertThat(rows).as("rows: one per setting, and --help/--version").hasSize(Setting.values().length + 1);
    }
}
