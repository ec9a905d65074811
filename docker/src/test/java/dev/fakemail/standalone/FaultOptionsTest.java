package dev.fakemail.standalone;

import static dev.fakemail.standalone.ParseOptions.assertRefused;
import static dev.fakemail.standalone.ParseOptions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --faults, --faults-file, --fault-seed and --quiet, and their environment variables. */
class FaultOptionsTest {
    private static final String RETRY = "smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1";
    private static final String SLOW = "smtp connect -> delay 2s";

    @TempDir
    Path dir;

    private static List<String> texts(List<FaultRule> rules) {
        return rules.stream().map(FaultRule::toText).toList();
    }

    @Test
    void noRulesAndARandomSeedByDefault() throws Exception {
        StandaloneOptions options = parse();

        assertThat(options.faultRules()).isEmpty();
        assertThat(options.serverBuilder().build().config().faultRules()).isEmpty();
        assertThat(options.quiet()).isFalse();
    }

    @Test
    void rulesSeparatedBySemicolonsOrLinesReachTheServer() throws Exception {
        StandaloneOptions options = parse("--faults", RETRY + "; " + SLOW, "--fault-seed", "42");

        try (FakeMailServer mail = options.serverBuilder().build()) {
            assertThat(texts(mail.config().faultRules())).containsExactly(FaultRule.parse(RETRY).toText(),
                    FaultRule.parse(SLOW).toText());
            assertThat(mail.faults().rules()).hasSize(2);
            assertThat(mail.faults().seed()).isEqualTo(42);
        }
        assertThat(texts(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_FAULTS", RETRY + "\n" + SLOW))
                .faultRules())).hasSize(2);
    }

    @Test
    void theSeedTakesAny64BitNumberAsPrinted() throws Exception {
        assertThat(parse("--fault-seed", "-9223372036854775808").serverBuilder().build().faults().seed())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_FAULT_SEED", "7")).serverBuilder().build()
                .config().faultSeed()).isEqualTo(7);
    }

    @Test
    void aRulesFileTakesCommentsAndComesBeforeTheInlineRules() throws Exception {
        Path file = dir.resolve("faults.txt");
        Files.writeString(file, "# slow greeting, then a retry for bob\n\n" + SLOW + "\n  # indented comment\n"
                + RETRY + "\n", StandardCharsets.UTF_8);

        StandaloneOptions options = StandaloneOptions.parse(List.of("--faults", "pop3 connect -> delay 1s"),
                Map.of("FAKEMAIL_FAULTS_FILE", file.toString()));

        assertThat(texts(options.faultRules())).containsExactly(FaultRule.parse(SLOW).toText(),
                FaultRule.parse(RETRY).toText(), FaultRule.parse("pop3 connect -> delay 1s").toText());
    }

    @Test
    void aMalformedRuleNamesTheSettingAndRepeatsTheParsersMessage() {
        String parserMessage = parserMessage("smtp rcpt -> explode");

        assertThatThrownBy(() -> parse("--faults", SLOW + "; smtp rcpt -> explode"))
                .isInstanceOf(OptionException.class)
                .hasMessage("--faults: " + parserMessage)
                .hasMessageStartingWith("--faults: fault rule 'smtp rcpt -> explode' (line 1): unknown effect 'explode'");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_FAULTS", "smtp rcpt -> explode")))
                .hasMessage("FAKEMAIL_FAULTS: " + parserMessage);
    }

    @Test
    void aMalformedRuleInTheFileNamesItsLine() throws Exception {
        Path file = dir.resolve("faults.txt");
        Files.writeString(file, "# comment\n" + SLOW + "\nsmtp rcpt -> explode\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse("--faults-file", file.toString())).hasMessageStartingWith(
                "--faults-file: fault rule 'smtp rcpt -> explode' (line 3): unknown effect 'explode'");
    }

    @Test
    void aMissingOrEmptyRulesFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.txt");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");

        assertThatThrownBy(() -> parse("--faults-file", missing.toString()))
                .hasMessage("--faults-file: cannot read '" + missing + "' (no such file)");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_FAULTS_FILE", empty.toString())))
                .hasMessage("FAKEMAIL_FAULTS_FILE: '" + empty + "' holds no fault rules");
        assertThatThrownBy(() -> parse("--faults-file", dir.toString()))
                .hasMessageStartingWith("--faults-file: cannot read '" + dir + "' (");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --fault-seed abc                 | --fault-seed: 'abc' is not a whole number (a 64-bit seed, e.g. 42)
            --fault-seed 9223372036854775808 | --fault-seed: '9223372036854775808' is not a whole number
            --fault-seed 1.5                 | --fault-seed: '1.5' is not a whole number
            --faults                         | --faults needs a value (RULES)
            --quiet=perhaps                  | --quiet: 'perhaps' is not true or false
            """)
    void badValuesAreReportedByName(String args, String message) {
        assertRefused(args, message);
    }

    @Test
    void quietIsASwitchAndAVariable() throws Exception {
        assertThat(parse("--quiet").quiet()).isTrue();
        assertThat(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_QUIET", "yes")).quiet()).isTrue();
        assertThat(StandaloneOptions.parse(List.of("--quiet=false"), Map.of("FAKEMAIL_QUIET", "1")).quiet()).isFalse();
    }

    /** What the core's parser says about a rule it refuses. */
    static String parserMessage(String rule) {
        try {
            FaultRule.parseAll(rule);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the parser accepted " + rule);
    }
}
