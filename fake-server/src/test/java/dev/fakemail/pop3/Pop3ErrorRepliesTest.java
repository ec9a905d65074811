package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.testing.Stores.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every -ERR a POP3 client can provoke, each as one clear line, after which the session goes on (or, for idle
 * timeouts and too many errors, ends without deleting anything) and the server keeps serving.
 */
@Timeout(60)
class Pop3ErrorRepliesTest extends ServerPerTest {
    private static final String M1 = "Subject: one\r\n\r\nfirst\r\n";
    private static final String M2 = "Subject: two\r\n\r\nsecond\r\n";
    /** The STAT reply while both messages are in the maildrop. */
    private static final String STAT_BOTH = "+OK 2 " + (M1.length() + M2.length());

    private Pop3Conversation connect() throws Exception {
        return Clients.openPop3(server);
    }

    /** Starts a server of these settings with M1 and M2 in BOB's maildrop, and connects to it. */
    private Pop3Conversation connectWithMail(FakeMailServerBuilder builder) throws Exception {
        startWithMail(builder, BOB, M1, M2);
        return connect();
    }

    /** {@link #connectWithMail} on a server of default settings. */
    private Pop3Conversation connectWithMail() throws Exception {
        return connectWithMail(FakeMailServer.builder());
    }

    private Pop3Conversation loggedIn() throws Exception {
        return logIn(connect());
    }

    /** {@link #connectWithMail}, then logged in as BOB. */
    private Pop3Conversation loggedInWithMail(FakeMailServerBuilder builder) throws Exception {
        return logIn(connectWithMail(builder));
    }

    private Pop3Conversation loggedInWithMail() throws Exception {
        return loggedInWithMail(FakeMailServer.builder());
    }

    private static Pop3Conversation logIn(Pop3Conversation pop) throws Exception {
        pop.expectReplies(
                "USER " + BOB, "+OK send PASS",
                "PASS x", "+OK maildrop locked and ready, 2 messages");
        return pop;
    }

    /**
     * Logs in as BOB on a fresh connection per attempt until the maildrop lock is free (a session that just
     * ended releases it on its own thread); fails after a bounded wait.
     */
    private Pop3Conversation loginEventually() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            Pop3Conversation pop = connect();
            pop.command("USER " + BOB);
            last = pop.command("PASS x");
            if (last.startsWith("+OK")) {
                return pop;
            }
            pop.close();
            Thread.sleep(20);
        }
        throw new AssertionError("maildrop still locked after 5 s: " + last);
    }

    @Test
    void unknownCommandsInEitherState() throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            pop.expectReplies(
                    "XYZZY", "-ERR unknown command",
                    "", "-ERR unknown command",
                    "HELO there", "-ERR unknown command",
                    "USER " + BOB, "+OK send PASS");
            assertThat(pop.command("PASS x")).startsWith("+OK");
            pop.expectReplies(
                    "XYZZY 1", "-ERR unknown command",
                    "STAT", STAT_BOTH);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"STAT", "LIST", "LIST 1", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "NOOP"})
    void transactionCommandsBeforeLoginAreOutOfState(String command) throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            assertThat(pop.command(command)).isEqualTo("-ERR command not valid in this state");
            // still in AUTHORIZATION and fully usable
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS x", "+OK maildrop locked and ready, 2 messages");
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER " + BOB, "PASS x", "APOP bob 0123456789abcdef0123456789abcdef", "AUTH PLAIN",
        "STLS"})
    void authorizationCommandsAfterLoginAreOutOfState(String command) throws Exception {
        try (Pop3Conversation pop = loggedInWithMail()) {
            pop.expectReplies(
                    command, "-ERR command not valid in this state",
                    "STAT", STAT_BOTH);
        }
    }

    @Test
    void passWithoutUserAndUserWithoutName() throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            pop.expectReplies(
                    "PASS x", "-ERR send USER first",
                    "USER", "-ERR USER needs a name",
                    "USER  ", "-ERR USER needs a name",
                    "PASS x", "-ERR send USER first",
                    "USER " + BOB, "+OK send PASS");
            assertThat(pop.command("PASS x")).startsWith("+OK");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RETR", "RETR x", "RETR -1", "RETR 1 2", "DELE", "LIST one", "TOP x 1"})
    void missingOrUnreadableMessageNumbers(String command) throws Exception {
        refusedLeavingTheSessionUnharmed(command, "-ERR a message number is needed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RETR 0", "RETR 3", "RETR 999999999", "DELE 0", "DELE 3", "LIST 0", "LIST 3", "UIDL 0",
        "UIDL 7", "TOP 3 0", "TOP 0 0"})
    void outOfRangeMessageNumbers(String command) throws Exception {
        refusedLeavingTheSessionUnharmed(command, "-ERR no such message, only 2 in maildrop");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TOP", "TOP 1", "TOP 1 x", "TOP 1 -1", "TOP 1 2 3"})
    void topWithoutANumberAndALineCount(String command) throws Exception {
        refusedLeavingTheSessionUnharmed(command, "-ERR TOP needs a message number and a line count");
    }

    /** Logged in, the command gets this reply; the session is unharmed and nothing was marked. */
    private void refusedLeavingTheSessionUnharmed(String command, String reply) throws Exception {
        try (Pop3Conversation pop = loggedInWithMail()) {
            assertThat(pop.command(command)).isEqualTo(reply);
            pop.expectReplies(
                    "STAT", STAT_BOTH,
                    "QUIT", "+OK fakemail POP3 server signing off (2 messages left)");
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void everyCommandOnADeletedMessageIsRefused() throws Exception {
        try (Pop3Conversation pop = loggedInWithMail()) {
            assertThat(pop.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            for (String command : new String[] {"DELE 1", "RETR 1", "TOP 1 0", "LIST 1", "UIDL 1"}) {
                assertThat(pop.command(command)).as(command).isEqualTo("-ERR message 1 already deleted");
            }
            assertThat(pop.multiLineText("LIST")).isEqualTo("+OK 1 messages\r\n2 " + M2.length() + "\r\n.\r\n");
            pop.expectReplies(
                    "STAT", "+OK 1 " + M2.length(),
                    "RETR 2", "+OK " + M2.length() + " octets");
        }
    }

    @Test
    void overLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            pop.send("USER " + "a".repeat(9_000) + "\r\n");
            assertThat(pop.line()).isEqualTo("-ERR line too long");
            assertThat(pop.command("PASS x")).as("the over-long USER left no pending user")
                    .isEqualTo("-ERR send USER first");
            assertThat(pop.command("USER " + BOB)).isEqualTo("+OK send PASS");
            assertThat(pop.command("PASS x")).startsWith("+OK maildrop locked");

            // A huge line without any line end for a while, sent in pieces, then ended.
            for (int i = 0; i < 10; i++) {
                pop.send("X".repeat(10_000));
            }
            pop.send("\r\n");
            assertThat(pop.line()).isEqualTo("-ERR line too long");
            pop.expectReplies(
                    "STAT", STAT_BOTH,
                    "RETR 2", "+OK " + M2.length() + " octets");
        }
    }

    @Test
    void lineLimitIsEightKibibytesIncludingCrLf() throws Exception {
        try (Pop3Conversation pop = loggedInWithMail()) {
            String longest = "NOOP " + "x".repeat(8 * 1024 - "NOOP ".length() - 2);
            pop.expectReplies(
                    longest, "+OK",
                    longest + "x", "-ERR line too long",
                    "NOOP", "+OK");
        }
    }

    @Test
    void overLongLineInsideSaslExchangeEndsTheExchange() throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            pop.expectReplies(
                    "AUTH PLAIN", "+ ",
                    "A".repeat(10_000), "-ERR line too long");
            // back at command level: CAPA is a command again, not a SASL response
            assertThat(new String(pop.multiLineCommand("CAPA"), StandardCharsets.US_ASCII))
                    .startsWith("+OK Capability list follows\r\n");
        }
    }

    @Test
    void wrongPasswordsWithFixedUsersGetAuthResponseCode() throws Exception {
        try (Pop3Conversation pop = connectWithMail(FakeMailServer.builder().user(BOB, "right"))) {
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS wrong", "-ERR [AUTH] invalid user name or password",
                    "USER nobody@example.test", "+OK send PASS",
                    "PASS right", "-ERR [AUTH] invalid user name or password");
            assertThat(pop.command("APOP " + BOB + " " + "0".repeat(32)))
                    .isEqualTo("-ERR [AUTH] invalid user name or digest");
            assertThat(pop.command("AUTH PLAIN " + Pop3Support.base64("\0" + BOB + "\0wrong")))
                    .isEqualTo("-ERR [AUTH] authentication failed");
            // a failed login changes nothing: the right password still works in the same session
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS right", "+OK maildrop locked and ready, 2 messages");
        }
    }

    @Test
    void apopSyntaxErrors() throws Exception {
        try (Pop3Conversation pop = connectWithMail()) {
            pop.expectReplies(
                    "APOP", "-ERR APOP needs a name and a 32-digit hex digest",
                    "APOP bob", "-ERR APOP needs a name and a 32-digit hex digest",
                    "APOP bob xyz", "-ERR APOP needs a name and a 32-digit hex digest");
            assertThat(pop.command("APOP bob " + "g".repeat(32)))
                    .isEqualTo("-ERR APOP needs a name and a 32-digit hex digest");
        }
    }

    @Test
    void idleTimeoutSaysSoClosesAndDeletesNothing() throws Exception {
        try (Pop3Conversation pop = loggedInWithMail(FakeMailServer.builder().idleTimeout(Duration.ofMillis(300)))) {
            pop.expectReplies(
                    "DELE 1", "+OK message 1 deleted",
                    "DELE 2", "+OK message 2 deleted");
            // say nothing: the server's autologout timer fires (RFC 1939 §3)
            assertThat(pop.line()).isEqualTo("-ERR idle timeout, closing connection; no messages deleted");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(inbox(server, BOB)).hasSize(2);
        // the lock went with the session
        try (Pop3Conversation again = loginEventually()) {
            assertThat(again.command("STAT")).isEqualTo(STAT_BOTH);
        }
    }

    @Test
    void idleTimeoutInAuthorizationState() throws Exception {
        try (Pop3Conversation pop = connectWithMail(FakeMailServer.builder().idleTimeout(Duration.ofMillis(300)))) {
            assertThat(pop.line()).isEqualTo("-ERR idle timeout, closing connection; no messages deleted");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.greeting()).startsWith("+OK");
        }
    }

    @Test
    void tooManyErrorsCloseTheSessionWithoutDeleting() throws Exception {
        try (Pop3Conversation pop = loggedInWithMail(FakeMailServer.builder().maxErrors(3))) {
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("BOGUS")).isEqualTo("-ERR unknown command");
            assertThat(pop.command("RETR 9")).startsWith("-ERR no such message");
            // The third error gets one reply line, so a pipelining client stays in step.
            assertThat(pop.command("BOGUS")).isEqualTo("-ERR too many errors, closing connection");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(inbox(server, BOB)).as("a session closed for errors never enters UPDATE").hasSize(2);
        try (Pop3Conversation pop = loginEventually()) {
            assertThat(pop.command("STAT")).isEqualTo(STAT_BOTH);
        }
    }

    @Test
    void theServerKeepsServingAfterAbruptClients() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, M1, M2);
        // a client that connects and vanishes, one that sends garbage bytes, one that drops mid-line
        Clients.openPop3(server).close();
        try (Pop3Conversation pop = connect()) {
            pop.sendBytes(new byte[] {0, (byte) 0xff, (byte) 0xfe, '\r', '\n'});
            assertThat(pop.line()).isEqualTo("-ERR unknown command");
        }
        try (Pop3Conversation pop = loggedIn()) {
            pop.send("RETR 1"); // no line end, then gone
        }
        try (Pop3Conversation pop = loginEventually()) {
            assertThat(pop.command("STAT")).isEqualTo(STAT_BOTH);
        }
    }
}
