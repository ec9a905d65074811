package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hostile or broken input gets a clear IMAP error and the session (or at least the server) goes on. */
@ExtendWith(ClosesServers.class)
class ImapBadInputTest {
    private final FakeMailServer server = ImapSupport.serverWithMail(FakeMailServer.builder().maxMessageSize(1000),
            ImapSupport.BOB, "First");

    @Test
    void aSynchronizingLiteralOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            imap.exchange("""
                    C: a1 APPEND INBOX {5000}
                    S: a1 NO [TOOBIG] literal of 5000 octets is over the limit of 1000
                    C: a2 NOOP
                    S: a2 OK NOOP completed
                    """);
        }
    }

    @Test
    void aNonSynchronizingLiteralOverTheLimitIsReadDroppedAndRefused() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            imap.send("a1 APPEND INBOX {2000+}\r\n" + "x".repeat(2000) + "\r\n");
            assertThat(imap.untilTagged("a1")).isEqualTo("a1 BAD literal over the limit of 1000 octets\r\n");
            assertThat(imap.command("a2", "NOOP")).isEqualTo("a2 OK NOOP completed\r\n");
        }
        assertThat(server.store().mailbox("bob@example.test", "INBOX").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void aLineOverTheLimitIsRefusedAndTheSessionGoesOn() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            imap.send("a1 NOOP " + "x".repeat(70 * 1024) + "\r\n");
            assertThat(imap.response()).isEqualTo("* BAD line longer than 65536 octets\r\n");
            assertThat(imap.command("a2", "NOOP")).isEqualTo("a2 OK NOOP completed\r\n");
        }
    }

    @Test
    void syntaxErrorsGetTaggedBadWithAReasonAndTooManyEndWithBye() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(imap.command("a1", "SELECT")).isEqualTo("a1 BAD missing argument\r\n");
            assertThat(imap.command("a2", "FETCH 1 FLAGS")).startsWith("a2 BAD FETCH needs a selected mailbox");
            assertThat(imap.command("a3", "UID LOGIN x y")).isEqualTo("a3 BAD UID LOGIN is not a command\r\n");
            imap.command("a4", "SELECT INBOX");
            imap.exchange("""
                    C: a5 FETCH 9 FLAGS
                    S: a5 BAD invalid message number 9 (the mailbox has 1)
                    C: a6 SEARCH (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((ALL)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
                    S: a6 BAD search keys nested deeper than 64
                    C: a7 SEARCH CHARSET KOI8-R TEXT x
                    S: a7 NO [BADCHARSET (US-ASCII UTF-8)] unsupported charset KOI8-R
                    """);
            StringBuilder bogus = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                bogus.append("b").append(i).append(" BOGUS\r\n");
            }
            imap.send(bogus.toString());
            String last = "";
            for (int i = 0; i < 19; i++) {
                assertThat(imap.response()).isEqualTo("b" + i + " BAD unknown command BOGUS\r\n");
            }
            assertThat(imap.response()).isEqualTo("b19 BAD unknown command BOGUS\r\n");
            last = imap.response();
            assertThat(last).isEqualTo("* BYE too many bad commands\r\n");
            assertThat(imap.response()).isEmpty(); // closed
        }
    }

    @Test
    void aClientGoneInTheMiddleOfALiteralLeavesNothingBehind() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            imap.send("a1 APPEND INBOX {500+}\r\n" + "x".repeat(100));
        }
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(imap.command("a2", "STATUS INBOX (MESSAGES)"))
                    .startsWith("* STATUS \"INBOX\" (MESSAGES 1)\r\n");
        }
    }
}
