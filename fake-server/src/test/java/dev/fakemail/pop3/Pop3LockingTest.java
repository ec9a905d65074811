package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exclusive maildrop lock (RFC 1939 §8): a second login gets -ERR [IN-USE] (RFC 2449 §8.1.1) while the
 * first session holds it, and the lock goes away with QUIT, with a dropped connection and with server.stop().
 */
@Timeout(60)
class Pop3LockingTest extends ServerPerTest {
    private static final String IN_USE = "-ERR [IN-USE] maildrop already locked by another session";

    @BeforeEach
    void startServer() {
        startWithMail(FakeMailServer.builder(), BOB, "Subject: one\r\n\r\nfirst\r\n", "Subject: two\r\n\r\nsecond\r\n");
    }

    private Pop3Conversation connect() throws Exception {
        return Clients.openPop3(server);
    }

    private Pop3Conversation loggedIn(String user) throws Exception {
        Pop3Conversation pop = connect();
        assertThat(pop.command("USER " + user)).isEqualTo("+OK send PASS");
        assertThat(pop.command("PASS x")).startsWith("+OK maildrop locked and ready");
        return pop;
    }

    /** Tries to log in on fresh connections until it works; the reply of the last attempt if it never does. */
    private String loginWithin(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String reply;
        do {
            try (Pop3Conversation pop = connect()) {
                pop.command("USER " + BOB);
                reply = pop.command("PASS x");
                if (reply.startsWith("+OK")) {
                    pop.command("QUIT");
                    return reply;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return reply;
    }

    @Test
    void secondLoginGetsInUseWithEveryLoginMethod() throws Exception {
        try (Pop3Conversation first = loggedIn(BOB); Pop3Conversation second = connect()) {
            second.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS x", IN_USE,
                    "USER " + BOB.toUpperCase(Locale.ROOT), "+OK send PASS");
            assertThat(second.command("PASS x")).as("maildrop names are case-insensitive").isEqualTo(IN_USE);
            second.expectReplies(
                    "APOP " + BOB + " " + "0".repeat(32), IN_USE,
                    "AUTH PLAIN " + Pop3Support.base64("\0" + BOB + "\0x"), IN_USE);
            // the refused session stays in AUTHORIZATION and can log in to another maildrop
            second.expectReplies(
                    "STAT", "-ERR command not valid in this state",
                    "USER alice@example.test", "+OK send PASS",
                    "PASS x", "+OK maildrop locked and ready, 0 messages");
            // the holder is undisturbed
            assertThat(first.command("STAT")).startsWith("+OK 2 ");
        }
    }

    @Test
    void lockIsReleasedByQuit() throws Exception {
        try (Pop3Conversation second = connect()) {
            try (Pop3Conversation first = loggedIn(BOB)) {
                assertThat(first.command("DELE 1")).startsWith("+OK");
                second.expectReplies(
                        "USER " + BOB, "+OK send PASS",
                        "PASS x", IN_USE);
                assertThat(first.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off (1 messages left)");
            }
            assertThat(second.command("USER " + BOB)).isEqualTo("+OK send PASS");
            String reply = second.command("PASS x");
            if (reply.equals(IN_USE)) {
                // Tolerated here; see quitReleasesTheLockBeforeItsReply for the strict version.
                Thread.sleep(200);
                second.command("USER " + BOB);
                reply = second.command("PASS x");
            }
            assertThat(reply).isEqualTo("+OK maildrop locked and ready, 1 messages");
        }
    }

    /**
     * A client that got +OK to QUIT has been told the session is over (RFC 1939 §6: UPDATE, then the lock is
     * released); reconnecting at once must not find the maildrop still locked. Repeated to catch the window
     * between the reply and the release.
     */
    @Test
    void quitReleasesTheLockBeforeItsReply() throws Exception {
        int inUse = 0;
        for (int i = 0; i < 300; i++) {
            try (Pop3Conversation next = connect()) {
                next.command("USER " + BOB);
                try (Pop3Conversation holder = loggedIn(BOB)) {
                    assertThat(holder.command("QUIT")).startsWith("+OK");
                }
                String reply = next.command("PASS x");
                if (reply.equals(IN_USE)) {
                    inUse++;
                } else {
                    assertThat(reply).startsWith("+OK maildrop locked");
                    next.command("QUIT");
                }
            }
            // make sure both sessions are gone before the next round
            assertThat(loginWithin(Duration.ofSeconds(5))).startsWith("+OK");
        }
        assertThat(inUse).as("logins refused with [IN-USE] right after the holder's QUIT was answered, of 300")
                .isZero();
    }

    @Test
    void lockIsReleasedWhenTheHolderJustDisconnects() throws Exception {
        Pop3Conversation first = loggedIn(BOB);
        assertThat(first.command("DELE 1")).startsWith("+OK");
        try (Pop3Conversation second = connect()) {
            second.command("USER " + BOB);
            assertThat(second.command("PASS x")).isEqualTo(IN_USE);
        }
        first.close(); // no QUIT
        assertThat(loginWithin(Duration.ofSeconds(5))).isEqualTo("+OK maildrop locked and ready, 2 messages");
        assertThat(inbox(server, BOB)).as("no QUIT, nothing deleted").hasSize(2);
    }

    @Test
    void lockIsReleasedByServerStopAndStart() throws Exception {
        Pop3Conversation first = loggedIn(BOB);
        assertThat(first.command("DELE 1")).startsWith("+OK");
        server.stop();
        assertThat(first.isClosedByServer()).as("stop() closes open sessions").isTrue();
        first.close();
        server.start();
        try (Pop3Conversation pop = connect()) {
            pop.expectReplies(
                    "USER " + BOB, "+OK send PASS",
                    "PASS x", "+OK maildrop locked and ready, 2 messages");
        }
        assertThat(inbox(server, BOB)).as("stop() deletes nothing").hasSize(2);
    }

    @Test
    void aLateEndingOldSessionNeverReleasesTheNewHoldersLock() throws Exception {
        Pop3Conversation first = loggedIn(BOB);
        server.stop();
        server.start();
        try (Pop3Conversation holder = loggedIn(BOB)) {
            first.close();
            Thread.sleep(200);
            try (Pop3Conversation third = connect()) {
                third.command("USER " + BOB);
                assertThat(third.command("PASS x")).isEqualTo(IN_USE);
            }
            assertThat(holder.command("STAT")).startsWith("+OK 2 ");
        }
    }

    @Test
    void differentMaildropsDoNotLockEachOther() throws Exception {
        try (Pop3Conversation bob = loggedIn(BOB); Pop3Conversation alice = loggedIn("alice@example.test")) {
            assertThat(bob.command("STAT")).startsWith("+OK 2 ");
            assertThat(alice.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    @Test
    void wrongPasswordOnALockedMaildropSaysAuthNotInUse() throws Exception {
        server.close();
        server = FakeMailServer.builder().user(BOB, "right").build().start();
        try (Pop3Conversation first = connect(); Pop3Conversation second = connect()) {
            first.command("USER " + BOB);
            assertThat(first.command("PASS right")).startsWith("+OK maildrop locked");
            second.command("USER " + BOB);
            assertThat(second.command("PASS wrong")).as("the lock state is not revealed to a wrong password")
                    .isEqualTo("-ERR [AUTH] invalid user name or password");
            second.command("USER " + BOB);
            assertThat(second.command("PASS right")).isEqualTo(IN_USE);
        }
    }

    @Test
    void aClientThatStopsReadingLosesTheConnectionAndTheLockAfterTheWriteTimeout() throws Exception {
        server.close();
        server = FakeMailServer.builder().writeTimeout(Duration.ofMillis(500)).build().start();
        String line = "x".repeat(76) + "\r\n";
        deliver(server, BOB, "Subject: big\r\n\r\n" + line.repeat(400_000)); // 31 MB: more than any socket buffers
        try (java.net.Socket stuck = new java.net.Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new java.net.InetSocketAddress(server.pop3().address(), server.pop3().port()), 5_000);
            stuck.getOutputStream().write(("USER " + BOB + "\r\nPASS pw\r\nRETR 1\r\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush(); // and then read nothing
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String reply;
            do {
                Thread.sleep(200);
                try (Pop3Conversation pop = Clients.openPop3(server)) {
                    pop.command("USER " + BOB);
                    reply = pop.command("PASS pw");
                }
            } while (reply.equals(IN_USE) && System.nanoTime() < deadline);
            assertThat(reply).as("the stuck session's lock is gone").startsWith("+OK");
        }
        assertThat(dev.fakemail.testing.Transcripts.text(server, "POP3"))
                .contains("write timed out: the client read nothing for too long");
    }
}
