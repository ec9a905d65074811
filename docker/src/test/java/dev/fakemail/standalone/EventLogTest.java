package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> printed() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static FakeMailServer server(String faults) {
        return FakeMailServer.builder().smtpPort(0).pop3Port(-1).faults(faults).build();
    }

    /** A running server whose events go to the log from the first connection on. */
    private static FakeMailServer startedWith(EventLog log, String faults) {
        FakeMailServer mail = server(faults);
        log.attach(mail);
        return mail.start();
    }

    @Test
    void printsEachFaultHitAndEachReceivedMessageInOrder() throws Exception {
        EventLog log = new EventLog(out, true);
        try (FakeMailServer mail = startedWith(log, "smtp rcpt bob@* -> reply 451 4.3.0 \"Try again later\" times 1")) {
            log.line("ready");
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", mail.smtp().port())) {
                smtp.expect("MAIL FROM:<alice@example.test>", "250");
                assertThat(smtp.command("RCPT TO:<bob@example.test>")).startsWith("451 4.3.0");
                smtp.expect("RSET", "250");
                Smtp.sendIn(smtp, "alice@example.test", "bob@example.test", "Second try");
            }
        }
        log.close();

        List<String> lines = printed();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("fakemail: ready");
        assertThat(lines.get(1)).matches("fakemail: fault #1 hit 1 in smtp session \\d+: "
                + "smtp RCPT bob@\\* -> reply 451 4.3.0 \"Try again later\" times 1");
        assertThat(lines.get(2)).matches("fakemail: received #1 from <alice@example.test> to <bob@example.test> "
                + "\"Second try\" \\d+ B");
    }

    @Test
    void printsAMessageTheClientNeverHeardBackAbout() throws Exception {
        EventLog log = new EventLog(out, true);
        try (FakeMailServer mail = startedWith(log, "smtp data-end -> disconnect")) {
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", mail.smtp().port())) {
                smtp.expect("MAIL FROM:<alice@example.test>", "250");
                smtp.expect("RCPT TO:<bob@example.test>", "250");
                smtp.expect("DATA", "354");
                assertThat(catchClosed(smtp, "Subject: Sent?\r\n\r\nHello.\r\n.")).isTrue();
            }
            assertThat(mail.unacknowledged()).hasSize(1); // the store saw it before the log is read
        }
        log.close();

        assertThat(printed()).anySatisfy(line -> assertThat(line).matches("fakemail: unacknowledged #1 from "
                + "<alice@example.test> to <bob@example.test> \"Sent\\?\" \\d+ B: connection closed by a fault rule.*"));
    }

    @Test
    void quietLeavesOutPerEventLinesButNotItsOwnLines() throws Exception {
        EventLog log = new EventLog(out, false);
        try (FakeMailServer mail = startedWith(log, "smtp rcpt carol@* -> reply 550 5.1.1 \"No such user\"")) {
            Smtp.send("127.0.0.1", mail.smtp().port(), "a@example.test", "b@example.test", "Quiet");
            try (SmtpConversation smtp = Smtp.open("127.0.0.1", mail.smtp().port())) {
                smtp.expect("MAIL FROM:<a@example.test>", "250");
                smtp.expect("RCPT TO:<carol@example.test>", "550");
            }
            assertThat(mail.messages()).hasSize(1);
            log.line("ready");
        }
        log.close();

        assertThat(printed()).containsExactly("fakemail: ready");
    }

    @Test
    void aStuckStdoutHoldsUpNeitherTheMailStoreNorTheStopAndEveryLineIsAccountedFor() throws Exception {
        CountDownLatch reader = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) {
                try {
                    reader.await(); // like a pipe nobody reads: every print waits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (bytes) {
                    bytes.write(data, offset, length);
                }
            }
        };
        EventLog log = new EventLog(new PrintStream(stuck, true, StandardCharsets.UTF_8), true);
        FakeMailServer mail = server("");
        log.attach(mail);
        Envelope envelope = new Envelope("a@x.test", Map.of(), List.of(new EnvelopeRecipient("b@x.test", Map.of())),
                "client", new InetSocketAddress("127.0.0.1", 1), null, null, "ESMTP");

        long start = System.nanoTime();
        for (int i = 0; i < 12_000; i++) { // more than the queue holds
            mail.repository().deliver(envelope, "Subject: flood\r\n\r\nx".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("delivering").isLessThan(Duration.ofSeconds(10));
        start = System.nanoTime();
        log.close("stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closing").isLessThan(Duration.ofSeconds(1));

        reader.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (printed().stream().noneMatch(line -> line.equals("fakemail: stopped")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = printed();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("fakemail: received #1 "); // the line stdout was stuck on
        assertThat(lines.get(1)).matches("fakemail: \\d+ lines dropped \\(stdout is read too slowly\\)");
        assertThat(lines.get(2)).matches("fakemail: \\d+ lines not printed \\(stdout is read too slowly\\)");
        assertThat(lines.get(3)).isEqualTo("fakemail: stopped");
        long dropped = Long.parseLong(lines.get(1).split(" ")[1]);
        long notPrinted = Long.parseLong(lines.get(2).split(" ")[1]);
        assertThat(1 + dropped + notPrinted).as("every message printed, dropped or counted").isEqualTo(12_000);
    }

    @Test
    void closePrintsWhatIsQueuedAndThenItsLastLine() throws Exception {
        EventLog log = new EventLog(out, true);
        for (int i = 1; i <= 100; i++) {
            log.line("line " + i);
        }
        log.close("stopped");

        assertThat(printed()).hasSize(101).startsWith("fakemail: line 1").endsWith("fakemail: line 100",
                "fakemail: stopped");
    }

    /** Sends the end of DATA; true when the server closed the connection instead of replying. */
    private static boolean catchClosed(SmtpConversation smtp, String data) {
        try {
            return smtp.command(data) == null;
        } catch (java.io.IOException closed) {
            return true;
        }
    }
}
