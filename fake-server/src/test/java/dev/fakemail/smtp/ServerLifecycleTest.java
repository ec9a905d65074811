package dev.fakemail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.Transcripts;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start, stop, restart, await, reset, and thousands of misbehaving sessions without leaks. */
class ServerLifecycleTest {

    @Test
    void stopClosesOpenSessionsAndARestartGetsTheSamePort() throws Exception {
        FakeMailServer server = FakeMailServer.builder().build().start();
        int port = server.smtp().port();
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", port)) {
            smtp.reply();
            server.stop();
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        FakeMailServer again = FakeMailServer.builder().smtpPort(port).build().start();
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", port)) {
            assertThat(smtp.reply()).startsWith("220 ");
        } finally {
            again.close();
        }
        server.start(); // the same instance can start again
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            assertThat(smtp.reply()).startsWith("220 ");
        } finally {
            server.close();
        }
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            FakeMailServer server = FakeMailServer.builder().smtpPort(taken.getLocalPort()).build();
            assertThatThrownBy(server::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("smtp cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void awaitWakesOnDeliveryAndResetForgetsEverything() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            CompletableFuture<List<ReceivedMessage>> waiting = CompletableFuture.supplyAsync(
                    () -> server.await(MailQuery.to("bob@example.test").subject("late"), Duration.ofSeconds(30)));
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            send(server, "carol@example.test", "other");
            send(server, "bob@example.test", "late");
            assertThat(waiting.get(20, TimeUnit.SECONDS)).extracting(ReceivedMessage::subject).containsExactly("late");
            assertThat(server.await(MailQuery.all(), 3, Duration.ofMillis(50))).hasSize(2);
            assertThat(server.store().users()).containsExactly("carol@example.test", "bob@example.test");

            server.reset();
            assertThat(server.messages()).isEmpty();
            assertThat(server.store().users()).isEmpty();
            assertThat(server.transcripts()).isEmpty();
            send(server, "bob@example.test", "after reset");
            assertThat(server.messages().get(0).id()).isEqualTo(3); // ids are never reused
        }
    }

    @Test
    void retentionKeepsOnlyTheNewestMessages() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().maxMessages(3).build().start()) {
            for (int i = 1; i <= 5; i++) {
                send(server, "bob@example.test", "m" + i);
            }
            assertThat(server.messages()).extracting(ReceivedMessage::subject).containsExactly("m3", "m4", "m5");
            assertThat(server.store().mailbox("bob@example.test", "INBOX").orElseThrow().size()).isEqualTo(3);
            assertThat(server.message(1)).isEmpty();
        }
    }

    @Test
    void thousandsOfMisbehavingSessionsLeakNothing() throws Exception {
        int baselineThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        try (FakeMailServer server = FakeMailServer.builder().transcriptCapacity(100).build().start()) {
            int port = server.smtp().port();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> sessions = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int kind = i % 4;
                sessions.add(clients.submit(() -> {
                    misbehave(port, kind);
                    return null;
                }));
            }
            for (Future<?> session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            Transcripts.awaitSessionsEnded(server);
            assertThat(server.messages()).isEmpty();
            assertThat(server.store().users()).isEmpty();
            assertThat(server.transcripts()).hasSize(100);
            // every session still gets served normally afterwards
            send(server, "bob@example.test", "still fine");
            assertThat(server.messages()).hasSize(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ManagementFactory.getThreadMXBean().getThreadCount() > baselineThreads + 2
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(baselineThreads + 2);
    }

    private static void misbehave(int port, int kind) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", port)) {
            smtp.reply();
            switch (kind) {
                case 0: // leaves in the middle of DATA
                    smtp.send("EHLO c\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n");
                    smtp.reply();
                    smtp.reply();
                    smtp.reply();
                    smtp.reply();
                    smtp.send("Subject: cut\r\n\r\npartial");
                    break;
                case 1: // an endless line
                    smtp.send("X".repeat(5_000));
                    break;
                case 2: // garbage bytes
                    smtp.sendBytes(new byte[] {0, (byte) 0xff, 13, 10, 27, 13, 10});
                    smtp.reply();
                    break;
                default: // leaves in the middle of a BDAT chunk
                    smtp.send("EHLO c\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nBDAT 1000 LAST\r\nabc");
                    smtp.reply();
                    smtp.reply();
                    smtp.reply();
            }
        }
    }

    static void send(FakeMailServer server, String to, String subject) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", server.smtp().port())) {
            smtp.reply();
            smtp.command("HELO client.test");
            smtp.command("MAIL FROM:<a@example.test>");
            smtp.command("RCPT TO:<" + to + ">");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: " + subject + "\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 Ok");
            smtp.command("QUIT");
        }
    }
}
