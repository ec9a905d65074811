package dev.fakemail.junit;

import static dev.fakemail.junit.ExpectedMail.to;
import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.Transcript;
import dev.fakemail.junit.support.Deliver;
import dev.fakemail.junit.support.RawSmtp;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@link MailServerAssert}: waiting for mail, and what its failures say. */
class MailServerAssertTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @AutoClose
    private final FakeMailServer mail = FakeMailServer.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()
            .start();

    /** The client returns after the server's last reply; the server then notes "closed". Wait for that. */
    private void awaitSessionsEnded() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!mail.transcripts().stream().allMatch(Transcript::isEnded)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions still open: " + mail.transcripts());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void exactlyOneFindsTheMessageAndChainsAssertionsOnIt() {
        Deliver.simple(mail, "shop@example.test", "alice@example.test", "Welcome");
        ReceivedMessage reset = Deliver.simple(mail, "shop@example.test", "bob@example.test", "Reset your password");

        ReceivedMessageAssert found = assertThat(mail).hasReceived()
                .exactlyOne(to("bob@example.test").subject("Reset your password"));

        assertThat(found.actual()).isSameAs(reset);
        found.hasEnvelopeSender("shop@example.test").hasTextContaining("Hello");
    }

    @Test
    void waitingWakesUpWhenTheMailArrivesInsteadOfWaitingOutTheTimeout() throws Exception {
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<ReceivedMessage> found = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return assertThat(mail).receivesWithin(Duration.ofMinutes(5)).exactlyOne(to("bob@example.test")).actual();
        });
        while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // until the assertion is parked in its wait: the mail must wake it
        }
        assertThat(found).isNotDone();

        RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Hello Bob");

        assertThat(found.get(30, TimeUnit.SECONDS).subject()).isEqualTo("Hello Bob");
    }

    @Test
    void countsAndAbsence() {
        Deliver.simple(mail, "shop@example.test", "bob@example.test", "One");
        Deliver.simple(mail, "shop@example.test", "bob@example.test", "Two");
        Deliver.simple(mail, "shop@example.test", "carol@example.test", "Three");

        assertThat(mail).hasMessageCount(3)
                .exactly(2, to("bob@example.test"))
                .atLeast(1, to("carol@example.test"))
                .none(to("mallory@example.test"))
                .receivesWithin(Duration.ofSeconds(5)).atLeast(2, ExpectedMail.any());
        assertThatThrownBy(() -> assertThat(mail).exactly(-1, ExpectedMail.any()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must not be negative, got -1");
        assertThatThrownBy(() -> assertThat(mail).receivesWithin(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must not be negative, got PT-1S");
    }

    @Test
    void aScriptedFaultThatFiredIsNamedInTheFailure() {
        mail.faults().smtp(dev.fakemail.fault.Trigger.rcptTo("bob@*")).reply(452, "4.2.2", "Mailbox full");
        List<String> replies = RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Reset");
        assertThat(replies).contains("452 4.2.2 Mailbox full");

        assertThatThrownBy(() -> assertThat(mail).receivesWithin(Duration.ofMillis(50))
                .exactlyOne(to("bob@example.test")))
                .hasMessageContaining("but none arrived within 50ms")
                .hasMessageContaining("delivered nothing")
                .hasMessageContaining("fault #1 hit 1: smtp RCPT bob@* -> reply 452 4.2.2 \"Mailbox full\"")
                .hasMessageContaining("S: 452 4.2.2 Mailbox full");
    }

    @Test
    void missingMailShowsWhatArrivedTheClosestCandidatesAndTheSessionsThatMatter() {
        RawSmtp.send(mail.smtp(), "shop@example.test", "alice@example.test", "Welcome");
        RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Reset password");
        RawSmtp.talk(mail.smtp(), "HELO client.test", "MAIL FROM:<shop@example.test>", "RCPT TO:<bob@example.test>",
                "BDAT x", "QUIT");
        awaitSessionsEnded();
        List<Transcript> sessions = mail.transcripts();

        assertThatThrownBy(() -> assertThat(mail).receivesWithin(Duration.ofMillis(50))
                .exactlyOne(to("bob@example.test").subject("Reset your password")))
                .hasMessage(String.format("""

                        Expected exactly one message matching: to bob@example.test and subject 'Reset your password'
                        but none arrived within 50ms.

                        Received 2 messages (* = matches):
                          #1 from shop@example.test to [alice@example.test] subject 'Welcome'
                          #2 from shop@example.test to [bob@example.test] subject 'Reset password'

                        Closest candidates:
                          #2 from shop@example.test to [bob@example.test] subject 'Reset password'
                            subject: expected 'Reset your password' but was 'Reset password'
                          #1 from shop@example.test to [alice@example.test] subject 'Welcome'
                            to: expected bob@example.test but the envelope recipients were [alice@example.test]
                            subject: expected 'Reset your password' but was 'Welcome'

                        SMTP sessions:
                          SMTP session 1 from %1$s at 2030-01-02T03:04:05Z: delivered #1
                          SMTP session 2 from %2$s at 2030-01-02T03:04:05Z: delivered #2
                          SMTP session 3 from %3$s at 2030-01-02T03:04:05Z: delivered nothing; \
                        last error reply 501 5.5.4 Syntax: BDAT size [LAST]

                        SMTP session 2 from %2$s at 2030-01-02T03:04:05Z: delivered #2
                          S: 220 localhost ESMTP fakemail
                          C: HELO client.test
                          S: 250 localhost Hello client.test
                          C: MAIL FROM:<shop@example.test>
                          S: 250 2.1.0 Ok
                          C: RCPT TO:<bob@example.test>
                          S: 250 2.1.5 Ok
                          C: DATA
                          S: 354 End data with <CR><LF>.<CR><LF>
                          C: <message data: 81 octets kept, COMPLETE>
                          S: 250 2.0.0 Ok: queued as 2
                          C: QUIT
                          S: 221 2.0.0 localhost Bye
                          *: closed

                        SMTP session 3 from %3$s at 2030-01-02T03:04:05Z: delivered nothing; \
                        last error reply 501 5.5.4 Syntax: BDAT size [LAST]
                          S: 220 localhost ESMTP fakemail
                          C: HELO client.test
                          S: 250 localhost Hello client.test
                          C: MAIL FROM:<shop@example.test>
                          S: 250 2.1.0 Ok
                          C: RCPT TO:<bob@example.test>
                          S: 250 2.1.5 Ok
                          C: BDAT x
                          S: 501 5.5.4 Syntax: BDAT size [LAST]
                          C: QUIT
                          S: 221 2.0.0 localhost Bye
                          *: closed""", sessions.get(0).client(), sessions.get(1).client(), sessions.get(2).client()));
    }

    @Test
    void noSessionAtAllPointsAtTheAddressTheCodeShouldSendTo() {
        assertThatThrownBy(() -> assertThat(mail).as("reset mail").hasReceived().exactlyOne(to("bob@example.test")))
                .hasMessage("""
                        [reset mail]\s
                        Expected exactly one message matching: to bob@example.test
                        but none had arrived.

                        Received nothing.

                        No SMTP session was opened on smtp://127.0.0.1:%d. Is the code under test sending to this \
                        host and port?""".formatted(mail.smtp().port()));
    }

    @Test
    void tooManyMarksTheMatches() {
        Deliver.simple(mail, "shop@example.test", "bob@example.test", "Reset your password");
        Deliver.simple(mail, "shop@example.test", "alice@example.test", "Welcome");
        Deliver.simple(mail, "shop@example.test", "bob@example.test", "Reset your password");

        assertThatThrownBy(() -> assertThat(mail).exactlyOne(to("bob@example.test")))
                .hasMessage("""

                        Expected exactly one message matching: to bob@example.test
                        but 2 arrived.

                        Received 3 messages (* = matches):
                        * #1 from shop@example.test to [bob@example.test] subject 'Reset your password'
                          #2 from shop@example.test to [alice@example.test] subject 'Welcome'
                        * #3 from shop@example.test to [bob@example.test] subject 'Reset your password'""");
    }

    @Test
    void countFailures() {
        Deliver.simple(mail, "shop@example.test", "bob@example.test", "One");
        Deliver.simple(mail, "", "bob@example.test", "Bounce"); // the null sender of a bounce

        assertThatThrownBy(() -> assertThat(mail).receivesWithin(Duration.ofMillis(10))
                .exactly(3, ExpectedMail.from("shop@example.test")))
                .hasMessage("""

                        Expected exactly 3 messages matching: from shop@example.test
                        but only 1 arrived within 10ms.

                        Received 2 messages (* = matches):
                        * #1 from shop@example.test to [bob@example.test] subject 'One'
                          #2 from <> to [bob@example.test] subject 'Bounce'

                        Closest candidates:
                          #2 from <> to [bob@example.test] subject 'Bounce'
                            from: expected shop@example.test but the envelope sender was <>""");
        assertThatThrownBy(() -> assertThat(mail).atLeast(3, to("bob@example.test")))
                .hasMessage("""

                        Expected at least 3 messages matching: to bob@example.test
                        but only 2 had arrived.

                        Received 2 messages (* = matches):
                        * #1 from shop@example.test to [bob@example.test] subject 'One'
                        * #2 from <> to [bob@example.test] subject 'Bounce'""");
        assertThatThrownBy(() -> assertThat(mail).hasMessageCount(1))
                .hasMessage("""

                        Expected exactly one message matching: any message
                        but 2 arrived.

                        Received 2 messages:
                          #1 from shop@example.test to [bob@example.test] subject 'One'
                          #2 from <> to [bob@example.test] subject 'Bounce'""");
    }

    @Test
    void absenceFailures() {
        Deliver.simple(mail, "shop@example.test", "mallory@example.test", "Secret");

        assertThatThrownBy(() -> assertThat(mail).receivesWithin(Duration.ofMinutes(5))
                .none(to("mallory@example.test")))
                .hasMessage("""

                        Expected no message matching: to mallory@example.test
                        but 1 arrived.

                        Received 1 message (* = matches):
                        * #1 from shop@example.test to [mallory@example.test] subject 'Secret'""");
        assertThatThrownBy(() -> assertThat(mail).hasNoMessages())
                .hasMessage("""

                        Expected no message matching: any message
                        but 1 arrived.

                        Received 1 message:
                          #1 from shop@example.test to [mallory@example.test] subject 'Secret'""");
    }

    @Test
    void aCoreQueryCanSayThatACandidateMissesItButNotWhy() {
        Deliver.simple(mail, "shop@example.test", "alice@example.test", "Welcome");

        assertThatThrownBy(() -> assertThat(mail).exactlyOne(ExpectedMail.of(MailQuery.to("bob@example.test"))))
                .hasMessage("""

                        Expected exactly one message matching: to bob@example.test
                        but none had arrived.

                        Received 1 message (* = matches):
                          #1 from shop@example.test to [alice@example.test] subject 'Welcome'

                        Closest candidates:
                          #1 from shop@example.test to [alice@example.test] subject 'Welcome'
                            does not match: to bob@example.test""");
    }

    @Test
    void manyMessagesAndLongSessionsAreCut() {
        StringBuilder listed = new StringBuilder();
        for (int i = 1; i <= 22; i++) {
            Deliver.simple(mail, "shop@example.test", "bob@example.test", "News " + i);
            if (i > 2) {
                listed.append("\n  #").append(i).append(" from shop@example.test to [bob@example.test] subject 'News ")
                        .append(i).append("'");
            }
        }
        String[] noops = new String[31];
        Arrays.fill(noops, "NOOP");
        noops[30] = "QUIT";
        RawSmtp.talk(mail.smtp(), noops); // 64 transcript lines: greeting, 30 NOOPs, QUIT, Bye, closed
        awaitSessionsEnded();

        assertThatThrownBy(() -> assertThat(mail).exactlyOne(to("carol@example.test")))
                .hasMessage("\nExpected exactly one message matching: to carol@example.test\nbut none had arrived."
                        + "\n\nReceived 22 messages (* = matches):\n  … 2 earlier not shown" + listed
                        + "\n\nClosest candidates:"
                        + candidate(22) + candidate(21) + candidate(20)
                        + "\n\nSMTP sessions:\n  SMTP session 1 from " + mail.transcripts().get(0).client()
                        + " at 2030-01-02T03:04:05Z: delivered nothing"
                        + "\n\nSMTP session 1 from " + mail.transcripts().get(0).client()
                        + " at 2030-01-02T03:04:05Z: delivered nothing"
                        + "\n  S: 220 localhost ESMTP fakemail"
                        + "\n  C: NOOP\n  S: 250 2.0.0 Ok".repeat(4)
                        + "\n  C: NOOP\n  … 24 lines not shown\n  S: 250 2.0.0 Ok"
                        + "\n  C: NOOP\n  S: 250 2.0.0 Ok".repeat(13)
                        + "\n  C: QUIT\n  S: 221 2.0.0 localhost Bye\n  *: closed");
    }

    private static String candidate(int id) {
        return "\n  #" + id + " from shop@example.test to [bob@example.test] subject 'News " + id + "'"
                + "\n    to: expected carol@example.test but the envelope recipients were [bob@example.test]";
    }
}
