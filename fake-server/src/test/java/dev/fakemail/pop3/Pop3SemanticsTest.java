package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.StoredMessage;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What POP3 does to the maildrop: DELE takes effect at QUIT only and then for every reader, RSET undoes
 * marks, UIDL values are stable and never reused, and mail arriving during a session waits for the next one.
 */
@Timeout(60)
class Pop3SemanticsTest extends ServerPerTest {
    @BeforeEach
    void startServer() {
        start(FakeMailServer.builder());
    }

    private static String message(String subject) {
        return "Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n";
    }

    /** Delivers one {@link #message} per subject to BOB, in order. */
    private void deliverToBob(String... subjects) {
        for (String subject : subjects) {
            deliver(server, BOB, message(subject));
        }
    }

    /** The UIDL listing of a session of its own, which ends with QUIT. */
    private Map<Integer, String> uidlOfASession() throws Exception {
        try (Pop3Conversation pop = login()) {
            Map<Integer, String> ids = uidl(pop);
            pop.command("QUIT");
            return ids;
        }
    }

    /** Logs in, retrying briefly while a session that just ended still holds the lock. */
    private Pop3Conversation login() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Pop3Conversation pop = Clients.openPop3(server);
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            String reply = pop.command("PASS x");
            if (reply.startsWith("+OK maildrop locked")) {
                return pop;
            }
            pop.close();
            assertThat(reply).startsWith("-ERR [IN-USE]");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("maildrop stayed locked: " + reply);
            }
            Thread.sleep(20);
        }
    }

    /** UIDL listing: message number to unique id. */
    private static Map<Integer, String> uidl(Pop3Conversation pop) throws Exception {
        Map<Integer, String> ids = new LinkedHashMap<>();
        String[] lines = pop.multiLineText("UIDL").split("\r\n");
        assertThat(lines[0]).startsWith("+OK");
        for (int i = 1; i < lines.length - 1; i++) {
            String[] parts = lines[i].split(" ");
            assertThat(parts).hasSize(2);
            // RFC 1939 §7: 1 to 70 characters in the range 0x21 to 0x7E
            assertThat(parts[1]).matches("[!-~]{1,70}");
            ids.put(Integer.parseInt(parts[0]), parts[1]);
        }
        assertThat(lines[lines.length - 1]).isEqualTo(".");
        return ids;
    }

    private List<String> subjectsViaTop(Pop3Conversation pop, int count) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String top = pop.multiLineText("TOP " + n + " 0");
            subjects.add(top.split("\r\n")[1]);
        }
        return subjects;
    }

    @Test
    void deleThenQuitRemovesTheMessageForEveryLaterReader() throws Exception {
        deliverToBob("one", "two", "three");
        try (Pop3Conversation pop = login()) {
            assertThat(pop.command("DELE 2")).isEqualTo("+OK message 2 deleted");
            assertThat(inbox(server, BOB)).as("DELE only marks").hasSize(3);
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (2 messages left)");
        }
        List<StoredMessage> left = inbox(server, BOB);
        assertThat(left).hasSize(2);
        assertThat(left).extracting(m -> new String(m.bytes())).containsExactly(message("one"), message("three"));
        assertThat(server.messages()).as("the received-message log is not a maildrop").hasSize(3);

        try (Pop3Conversation pop = login()) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 " + (message("one").length() + message("three").length()));
            assertThat(subjectsViaTop(pop, 2)).containsExactly("Subject: one", "Subject: three");
            assertThat(pop.command("RETR 3")).startsWith("-ERR no such message");
        }
    }

    @Test
    void deleThenDisconnectWithoutQuitDeletesNothing() throws Exception {
        deliverToBob("one", "two");
        Pop3Conversation pop = login();
        assertThat(pop.command("DELE 1")).startsWith("+OK");
        assertThat(pop.command("DELE 2")).startsWith("+OK");
        assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
        pop.close();

        try (Pop3Conversation again = login()) {
            assertThat(again.command("STAT")).isEqualTo("+OK 2 " + (message("one").length() + message("two").length()));
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void rsetUnmarksEverything() throws Exception {
        deliverToBob("one", "two");
        int total = message("one").length() + message("two").length();
        try (Pop3Conversation pop = login()) {
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(pop.multiLineText("LIST")).isEqualTo("+OK 0 messages\r\n.\r\n");
            pop.expectReplies(
                    "RSET", "+OK maildrop has 2 messages (" + total + " octets)",
                    "STAT", "+OK 2 " + total);
            assertThat(pop.multiLineText("RETR 1")).isEqualTo("+OK " + message("one").length() + " octets\r\n"
                    + message("one") + ".\r\n");
            assertThat(pop.command("RSET")).as("RSET twice is harmless").startsWith("+OK maildrop has 2 messages");
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (2 messages left)");
        }
    }

    @Test
    void rsetThenQuitDeletesNothingButLaterDeleDoes() throws Exception {
        deliverToBob("one", "two");
        try (Pop3Conversation pop = login()) {
            pop.command("DELE 1");
            pop.command("RSET");
            pop.command("DELE 2");
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (1 messages left)");
        }
        assertThat(inbox(server, BOB)).extracting(m -> new String(m.bytes())).containsExactly(message("one"));
    }

    @Test
    void uidlIsStableAcrossSessionsAndNeverReused() throws Exception {
        deliverToBob("one", "two");
        Map<Integer, String> first;
        try (Pop3Conversation pop = login()) {
            first = uidl(pop);
            assertThat(first).hasSize(2);
            assertThat(first.values()).doesNotHaveDuplicates();
            assertThat(pop.command("UIDL 2")).isEqualTo("+OK 2 " + first.get(2));
            pop.command("QUIT");
        }
        try (Pop3Conversation pop = login()) {
            assertThat(uidl(pop)).as("same ids in a later session").isEqualTo(first);
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(uidl(pop)).as("deleted messages are not listed").containsOnlyKeys(2);
            pop.command("QUIT");
        }
        String deletedId = first.get(1);
        deliverToBob("three");
        try (Pop3Conversation pop = login()) {
            Map<Integer, String> now = uidl(pop);
            assertThat(now).hasSize(2);
            assertThat(now.get(1)).as("message 'two' is now number 1 and keeps its id").isEqualTo(first.get(2));
            assertThat(now.get(2)).as("a new message gets a new id").isNotIn(first.values()).isNotEqualTo(deletedId);
            assertThat(subjectsViaTop(pop, 2)).containsExactly("Subject: two", "Subject: three");
        }
    }

    @Test
    void uidlIsNotReusedEvenAfterTheStoreIsReset() throws Exception {
        deliverToBob("one");
        Map<Integer, String> before = uidlOfASession();
        server.reset();
        deliverToBob("one again");
        try (Pop3Conversation pop = login()) {
            Map<Integer, String> after = uidl(pop);
            assertThat(after).hasSize(1);
            assertThat(after.get(1)).isNotEqualTo(before.get(1));
        }
    }

    @Test
    void mailArrivingDuringASessionShowsUpInTheNextOne() throws Exception {
        deliverToBob("one");
        try (Pop3Conversation pop = login()) {
            Map<Integer, String> ids = uidl(pop);
            deliverToBob("two");
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + message("one").length());
            assertThat(pop.multiLineText("LIST")).isEqualTo("+OK 1 messages\r\n1 " + message("one").length() + "\r\n.\r\n");
            assertThat(uidl(pop)).isEqualTo(ids);
            assertThat(pop.command("RETR 2")).startsWith("-ERR no such message");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (1 messages left)");
        }
        try (Pop3Conversation pop = login()) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + message("two").length());
            assertThat(subjectsViaTop(pop, 1)).containsExactly("Subject: two");
        }
    }

    @Test
    void smtpDeliveryToTheLoginNameIsVisible() throws Exception {
        try (java.net.Socket smtp = new java.net.Socket(server.smtp().host(), server.smtp().port())) {
            smtp.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(smtp.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            var out = smtp.getOutputStream();
            out.write(("EHLO client.test\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<Bob@Example.TEST>\r\n"
                    + "RCPT TO:<carol@example.test>\r\nDATA\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String line;
            while (!(line = in.readLine()).startsWith("354")) {
                assertThat(line).doesNotStartWith("4").doesNotStartWith("5");
            }
            out.write("Subject: via smtp\r\n\r\nhello\r\n.\r\nQUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250");
        }
        try (Pop3Conversation pop = login()) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + server.messages().get(0).size());
            assertThat(subjectsViaTop(pop, 1)).containsExactly("Return-Path: <a@example.test>");
            assertThat(pop.multiLineText("RETR 1")).contains("\r\nSubject: via smtp\r\n\r\nhello\r\n.\r\n");
            pop.command("DELE 1");
            pop.command("QUIT");
        }
        assertThat(inbox(server, BOB)).isEmpty();
        assertThat(inbox(server, "carol@example.test")).as("the other recipient's copy stays").hasSize(1);
    }

    @Test
    void uidlSurvivesServerStopAndStart() throws Exception {
        deliverToBob("one", "two");
        Map<Integer, String> before = uidlOfASession();
        server.stop();
        server.start();
        try (Pop3Conversation pop = login()) {
            assertThat(uidl(pop)).isEqualTo(before);
        }
    }
}
