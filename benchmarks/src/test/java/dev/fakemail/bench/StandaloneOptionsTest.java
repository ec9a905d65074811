package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone benchmark's repeats: runs per process and fresh processes per server. */
class StandaloneOptionsTest {
    @TempDir
    Path dir;

    @Test
    void oneProcessPerServerUnlessToldOtherwise() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--jar", jar().toString()});

        assertThat(options.processes).isEqualTo(1);
        assertThat(options.repeat).isEqualTo(1);
    }

    @Test
    void theKeepingSinkRunsOnlyWhenAskedFor() throws Exception {
        assertThat(StandaloneOptions.parse(new String[] {"--jar", jar().toString()}).keepingSink).isZero();
        assertThat(StandaloneOptions.parse(new String[] {"--jar", jar().toString(), "--keeping-sink", "5000"})
                .keepingSink).isEqualTo(5000);
        assertThat(StandaloneOptions.parse(new String[] {"--jar", jar().toString(), "--keeping-sink", "off"})
                .keepingSink).isZero();
    }

    @Test
    void freshProcessesAndRepeatsInEach() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(
                new String[] {"--jar", jar().toString(), "--processes", "4", "--repeat", "2"});

        assertThat(options.processes).isEqualTo(4);
        assertThat(options.repeat).isEqualTo(2);
    }

    @Test
    void noProcessAtAllIsRefused() throws Exception {
        String[] args = {"--jar", jar().toString(), "--processes", "0"};

        assertThatThrownBy(() -> StandaloneOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--repeat and --processes take a whole number from 1 up");
    }

    private Path jar() throws Exception {
        return Files.writeString(dir.resolve("fakemail.jar"), "not run here");
    }

    @Test
    void aProfileDirectoryWithACommaIsRefused() { // async-profiler's file= option ends at a comma
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--profile", "/tmp/a,b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comma");
    }
}
