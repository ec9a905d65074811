package dev.fakemail.fault;

import static dev.fakemail.testing.Transcripts.awaitSessionsEnded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.SmtpFaultSupport.Client;
import dev.fakemail.store.ReceivedMessage;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: faults never corrupt the store. 8 concurrent SMTP clients send 200 messages under seeded random
 * faults (resets at MAIL, 451 at RCPT and after the data, disconnects, resets and stalls after the whole data,
 * disconnects after the 250). Afterwards every message whose client got 250 is in {@code messages()} exactly
 * once and intact; none whose client did not get 250 is there; and every message that was sent whole but cut
 * off before its reply is in {@code unacknowledged()} exactly once.
 */
@Timeout(60)
class FaultPropertiesStoreTest {
    private static final int CLIENTS = 8;
    private static final int MESSAGES = 200;

    /** What the client knows about one message. */
    enum Outcome {
        /** Got 250 after the final dot. */
        ACKNOWLEDGED,
        /** Sent whole, then the connection ended without a reply: the "was it sent?" case. */
        CUT_AFTER_DATA,
        /** Got a 4xx reply: the client knows it was not taken. */
        REFUSED,
        /** The connection ended before the data was sent. */
        LOST_BEFORE_DATA
    }

    private static String body(String id) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            body.append(id).append(" line ").append(i).append(' ').append("x".repeat(60)).append("\r\n");
        }
        return body.toString();
    }

    /** Reads a reply; null when the connection ended (EOF or RST). */
    private static String replyOrNull(Client smtp) throws IOException {
        try {
            return smtp.reply();
        } catch (SocketException reset) {
            return null;
        }
    }

    private static String commandOrNull(Client smtp, String line) throws IOException {
        try {
            smtp.send(line + "\r\n");
        } catch (SocketException gone) {
            return null;
        }
        return replyOrNull(smtp);
    }

    /** One transaction; returns its outcome (the connection is unusable after CUT_AFTER_DATA and LOST_BEFORE_DATA). */
    private static Outcome send(Client smtp, String id) throws IOException {
        String mail = commandOrNull(smtp, "MAIL FROM:<" + id + "@sender.test>");
        if (mail == null) {
            return Outcome.LOST_BEFORE_DATA;
        }
        assertThat(mail).isEqualTo("250 2.1.0 Ok\r\n");
        String rcpt = commandOrNull(smtp, "RCPT TO:<inbox@example.test>");
        if (rcpt == null) {
            return Outcome.LOST_BEFORE_DATA;
        }
        if (!rcpt.startsWith("250")) {
            assertThat(rcpt).isEqualTo("451 4.3.0 try later\r\n");
            assertThat(smtp.command("RSET")).startsWith("250");
            return Outcome.REFUSED;
        }
        String data = commandOrNull(smtp, "DATA");
        if (data == null) {
            return Outcome.LOST_BEFORE_DATA;
        }
        assertThat(data).startsWith("354");
        // The whole message and its final dot go out; no rule cuts the connection while data is read.
        smtp.send("Subject: " + id + "\r\nMessage-ID: <" + id + "@test>\r\n\r\n" + body(id) + ".\r\n");
        String reply = replyOrNull(smtp);
        if (reply == null) {
            return Outcome.CUT_AFTER_DATA;
        }
        if (reply.startsWith("250")) {
            return Outcome.ACKNOWLEDGED;
        }
        assertThat(reply).isEqualTo("451 4.3.0 not now\r\n");
        return Outcome.REFUSED;
    }

    @Test
    void acknowledgedMessagesAreStoredExactlyOnceAndCutOnesAreUnacknowledged() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().faultSeed(2024).build().start()) {
            server.faults().addText("""
                    smtp MAIL -> reset probability 0.04
                    smtp RCPT -> reply 451 4.3.0 "try later" probability 0.1
                    smtp data-end -> disconnect probability 0.08
                    smtp data-end -> reset probability 0.05
                    smtp data-end -> stall 100ms probability 0.03
                    smtp data-end -> reply 451 4.3.0 "not now" probability 0.08
                    smtp after DATA -> disconnect probability 0.08
                    """);
            Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> clients = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        go.await();
                        int attempt = 0;
                        while (attempt < MESSAGES / CLIENTS) {
                            try (Client smtp = Client.connect(server)) {
                                assertThat(smtp.reply()).startsWith("220 ");
                                String ehlo = commandOrNull(smtp, "EHLO client" + client + ".test");
                                if (ehlo == null) {
                                    continue;
                                }
                                boolean usable = true;
                                while (usable && attempt < MESSAGES / CLIENTS) {
                                    String id = "c" + client + "-m" + attempt++;
                                    Outcome outcome = send(smtp, id);
                                    outcomes.put(id, outcome);
                                    usable = outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.REFUSED;
                                }
                                if (usable) {
                                    commandOrNull(smtp, "QUIT");
                                }
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> client : clients) {
                    client.get(40, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            awaitSessionsEnded(server);

            assertThat(outcomes).hasSize(MESSAGES);
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            outcomes.values().forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
            System.out.println("store under faults: " + counts);
            assertThat(counts).as("every kind of fault happened").containsKeys(Outcome.values());

            Map<String, List<ReceivedMessage>> stored = bySubject(server.messages());
            Map<String, List<ReceivedMessage>> unacknowledged = bySubject(server.unacknowledged());
            outcomes.forEach((id, outcome) -> {
                List<ReceivedMessage> inMessages = stored.getOrDefault(id, List.of());
                List<ReceivedMessage> inUnacknowledged = unacknowledged.getOrDefault(id, List.of());
                switch (outcome) {
                    case ACKNOWLEDGED -> {
                        assertThat(inMessages).as("%s got 250: stored exactly once", id).hasSize(1);
                        assertThat(inMessages.get(0).asString()).as("%s intact", id).endsWith("\r\n\r\n" + body(id));
                        assertThat(inMessages.get(0).isAcknowledged()).isTrue();
                        assertThat(inUnacknowledged).as("%s", id).isEmpty();
                    }
                    case CUT_AFTER_DATA -> {
                        assertThat(inMessages).as("%s got no 250: not stored", id).isEmpty();
                        assertThat(inUnacknowledged).as("%s was cut after the whole data", id).hasSize(1);
                        assertThat(inUnacknowledged.get(0).isAcknowledged()).isFalse();
                        assertThat(inUnacknowledged.get(0).asString()).endsWith("\r\n\r\n" + body(id));
                    }
                    default -> {
                        assertThat(inMessages).as("%s (%s) not stored", id, outcome).isEmpty();
                        assertThat(inUnacknowledged).as("%s (%s) not unacknowledged", id, outcome).isEmpty();
                    }
                }
            });
            assertThat(server.messages()).hasSize(counts.get(Outcome.ACKNOWLEDGED));
            assertThat(server.unacknowledged()).hasSize(counts.get(Outcome.CUT_AFTER_DATA));
            assertThat(server.store().mailbox("inbox@example.test", "INBOX").orElseThrow().messages())
                    .as("delivered to the mailbox: the acknowledged ones").hasSize(counts.get(Outcome.ACKNOWLEDGED));
        }
    }

    private static Map<String, List<ReceivedMessage>> bySubject(List<ReceivedMessage> messages) {
        Map<String, List<ReceivedMessage>> bySubject = new HashMap<>();
        for (ReceivedMessage message : messages) {
            bySubject.computeIfAbsent(message.subject(), key -> new ArrayList<>()).add(message);
        }
        return bySubject;
    }
}
