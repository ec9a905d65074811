package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.fault.FaultRule;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fault rules given to the real jar by flag, variable and file; the lines it prints for them. */
@Timeout(60)
class StandaloneFaultsIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final String[] SMTP_ONLY = Listeners.on("smtp").args();
    private static final String RETRY = "smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1";

    @TempDir
    Path dir;

    @Test
    void rulesFromTheEnvironmentApplyAndEachHitAndMessageIsOneLine() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_FAULTS", RETRY,
                "FAKEMAIL_FAULT_SEED", "42"), SMTP_ONLY)) {
            fakemail.awaitStdout("^fakemail: fault rule #1: " + Pattern.quote(FaultRule.parse(RETRY).toText()) + "$",
                    STARTUP);
            fakemail.awaitStdout("^fakemail: fault seed 42$", SHORT);
            int smtp = smtpPort(fakemail);

            try (SmtpConversation session = Smtp.open("127.0.0.1", smtp)) {
                session.expect("MAIL FROM:<alice@example.test>", "250");
                assertThat(session.command("RCPT TO:<bob@example.test>")).isEqualTo("451 4.3.0 Try again later\r\n");
                session.expect("RSET", "250");
                Smtp.sendIn(session, "alice@example.test", "bob@example.test", "After the retry");
            }

            fakemail.awaitStdout("^fakemail: fault #1 hit 1 in smtp session \\d+: "
                    + Pattern.quote(FaultRule.parse(RETRY).toText()) + "$", SHORT);
            fakemail.awaitStdout("^fakemail: received #1 from <alice@example\\.test> to <bob@example\\.test> "
                    + "\"After the retry\" \\d+ B$", SHORT);
            fakemail.terminate();
            assertThat(fakemail.awaitExit(SHORT)).isEqualTo(143);
            assertThat(fakemail.remainingStdout()).containsExactly("fakemail: stopped");
        }
    }

    @Test
    void aRulesFileAndTheFlagCombineAndAnUnansweredMessageIsLogged() throws Exception {
        Path file = dir.resolve("faults.txt");
        Files.writeString(file, "# the client never learns whether its message went through\n"
                + "smtp data-end -> disconnect times 1\n", StandardCharsets.UTF_8);
        String[] args = StandaloneProcess.args(SMTP_ONLY, "--faults-file", file.toString(),
                "--faults", "smtp connect -> delay 10ms");

        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), args)) {
            fakemail.awaitStdout("^fakemail: fault rule #1: smtp data-end -> disconnect times 1$", STARTUP);
            fakemail.awaitStdout("^fakemail: fault rule #2: smtp connect -> delay 10ms$", SHORT);
            fakemail.awaitStdout("^fakemail: fault seed -?\\d+$", SHORT);
            int smtp = smtpPort(fakemail);

            try (SmtpConversation session = Smtp.open("127.0.0.1", smtp)) {
                session.expect("MAIL FROM:<alice@example.test>", "250");
                session.expect("RCPT TO:<bob@example.test>", "250");
                assertThatThrownBy(() -> session.data("Subject: Did it arrive?\r\n\r\nHello."))
                        .isInstanceOf(IOException.class);
            }

            fakemail.awaitStdout("^fakemail: fault #1 hit 1 in smtp session \\d+: smtp data-end -> disconnect", SHORT);
            fakemail.awaitStdout("^fakemail: unacknowledged #1 from <alice@example\\.test> to <bob@example\\.test> "
                    + "\"Did it arrive\\?\" \\d+ B: connection closed by a fault rule", SHORT);
        }
    }

    @Test
    void aPrintedSeedReplaysTheSameRandomFaults() throws Exception {
        String coinFlip = "smtp rcpt -> reply 451 4.7.0 \"Maybe later\" probability 0.5";
        List<String> first;
        String seed;
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_FAULTS", coinFlip), SMTP_ONLY)) {
            seed = fakemail.awaitStdout("^fakemail: fault seed (-?\\d+)$", STARTUP).group(1);
            first = rcptReplies(smtpPort(fakemail));
        }
        List<String> again;
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_FAULTS", coinFlip),
                StandaloneProcess.args(SMTP_ONLY, "--fault-seed", seed))) {
            fakemail.awaitStdout("^fakemail: fault seed " + seed + "$", STARTUP);
            again = rcptReplies(smtpPort(fakemail));
        }

        assertThat(first).contains("250", "451"); // 20 flips: both outcomes, or the rule was not applied at all
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aMalformedRulePrintsOneLineNamingTheSettingAndExitsWith2() throws Exception {
        assertThat(StandaloneProcess.refusal(Map.of(), "--faults", "smtp rcpt -> explode"))
                .isEqualTo("fakemail: --faults: " + FaultOptionsTest.parserMessage("smtp rcpt -> explode"));
        assertThat(StandaloneProcess.refusal(Map.of("FAKEMAIL_FAULT_SEED", "soon")))
                .isEqualTo("fakemail: FAKEMAIL_FAULT_SEED: 'soon' is not a whole number (a 64-bit seed, e.g. 42)");
    }

    @Test
    void quietLeavesOutTheMessageLines() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_QUIET", "true",
                "FAKEMAIL_FAULTS", RETRY), SMTP_ONLY)) {
            int smtp = smtpPort(fakemail);
            Smtp.send("127.0.0.1", smtp, "alice@example.test", "carol@example.test", "Not printed");
            try (SmtpConversation session = Smtp.open("127.0.0.1", smtp)) {
                session.expect("MAIL FROM:<alice@example.test>", "250");
                session.expect("RCPT TO:<bob@example.test>", "451");
                session.expect("QUIT", "221");
            }

            fakemail.terminate();
            assertThat(fakemail.awaitExit(SHORT)).isEqualTo(143);
            assertThat(fakemail.remainingStdout()).containsExactly("fakemail: stopped");
            assertThat(fakemail.seen()).noneMatch(line -> line.contains("received") || line.contains("hit"));
        }
    }

    /** Waits for start-up to finish ("ready") and returns the SMTP port it printed. */
    private static int smtpPort(StandaloneProcess fakemail) throws InterruptedException {
        int port = Integer.parseInt(fakemail.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$",
                STARTUP).group(1));
        fakemail.awaitStdout("^fakemail: ready$", SHORT);
        return port;
    }

    /** Twenty RCPT TO in one session: the reply code of each. */
    private static List<String> rcptReplies(int port) throws IOException {
        List<String> codes = new ArrayList<>();
        try (SmtpConversation session = Smtp.open("127.0.0.1", port)) {
            session.expect("MAIL FROM:<alice@example.test>", "250");
            for (int i = 0; i < 20; i++) {
                codes.add(session.command("RCPT TO:<user" + i + "@example.test>").substring(0, 3));
            }
        }
        return codes;
    }
}
