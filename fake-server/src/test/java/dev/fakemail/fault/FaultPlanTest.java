package dev.fakemail.fault;

import static dev.fakemail.fault.Trigger.rcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plan's own API: handles, order, removal, reset, validation; one real SMTP exchange per point. */
class FaultPlanTest {
    private final FakeMailServer mail = FakeMailServer.builder().faultSeed(5).build().start();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void ruleFiresForMatchingRecipientOnlyAndCountsOccurrencesAndHits() throws Exception {
        FaultHandle handle = mail.faults().smtp(rcptTo("bob@*")).times(1).reply(451, "4.3.0", "Try again later");

        List<String> replies = rcptReplies("carol@example.test", "bob@example.test", "bob@example.test");

        assertThat(replies).containsExactly("250 2.1.5 Ok", "451 4.3.0 Try again later", "250 2.1.5 Ok");
        assertThat(handle.occurrences()).isEqualTo(2);
        assertThat(handle.hits()).isEqualTo(1);
        assertThat(mail.transcripts().get(0).toString())
                .contains("fault rules: 1, seed 5")
                .contains("fault #" + handle.id() + " hit 1: smtp RCPT bob@* -> reply 451 4.3.0 \"Try again later\" times 1");
    }

    @Test
    void removedAndResetRulesStopFiring() throws Exception {
        FaultHandle removed = mail.faults().smtp(rcptTo("*")).reply(550, "5.1.1", "No such user here");
        assertThat(removed.remove()).isTrue();
        assertThat(removed.isActive()).isFalse();
        assertThat(removed.remove()).isFalse();
        mail.faults().smtp(rcptTo("*")).reply(550, "5.1.1", "No such user here");
        mail.reset();

        assertThat(mail.faults().rules()).isEmpty();
        assertThat(rcptReplies("bob@example.test")).containsExactly("250 2.1.5 Ok");
    }

    @Test
    void builderRulesComeBackAfterReset() throws Exception {
        try (FakeMailServer configured = FakeMailServer.builder()
                .faults("smtp rcpt bob@* -> reply 452 4.2.2 \"Mailbox full\"").build().start()) {
            configured.faults().clear();
            configured.reset();
            assertThat(configured.faults().rules()).extracting(FaultHandle::rule)
                    .containsExactly(FaultRecipes.mailboxFull("bob@*"));
        }
    }

    @Test
    void invalidCombinationsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> mail.faults().pop3(Trigger.command("RETR")).greylist(java.time.Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greylist");
        assertThatThrownBy(() -> mail.faults().smtp(Trigger.command("EHLO")).hide("PIPELINING"))
                .hasMessageContaining("capabilities");
        assertThatThrownBy(() -> mail.faults().smtp(Trigger.dataLine("*")).reply(554, "5.0.0", "no"))
                .hasMessageContaining("reply cannot be sent");
        assertThatThrownBy(() -> new Effect.Reply(600, "", "x", false)).hasMessageContaining("200..599");
        assertThatThrownBy(() -> new Effect.Reply(451, "", "two\r\nlines", false)).hasMessageContaining("one line");
    }

    @Test
    void protocolFamilyOfListeners() {
        assertThat(Protocol.ofListener("smtps")).isEqualTo(Protocol.SMTP);
        assertThat(Protocol.ofListener("POP3S")).isEqualTo(Protocol.POP3);
        assertThat(Protocol.ofListener("imap")).isEqualTo(Protocol.IMAP);
    }

    private List<String> rcptReplies(String... recipients) throws Exception {
        try (Socket socket = new Socket(mail.smtp().host(), mail.smtp().port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write("HELO client.test\r\nMAIL FROM:<shop@example.test>\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();
            in.readLine();
            List<String> replies = new ArrayList<>();
            for (String recipient : recipients) {
                out.write(("RCPT TO:<" + recipient + ">\r\n").getBytes(StandardCharsets.US_ASCII));
                replies.add(in.readLine());
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();
            return replies;
        }
    }
}
