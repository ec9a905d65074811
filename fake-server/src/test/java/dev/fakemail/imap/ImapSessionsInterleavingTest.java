package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two sessions on one mailbox: what each hears of the other's changes, and when (RFC 3501 §5.2, §7.4.1). */
@ExtendWith(ClosesServers.class)
class ImapSessionsInterleavingTest {
    private static final String USER = "bob@example.test";
    private final FakeMailServer server = ImapSupport.serverWithMail(USER, "First", "Second");

    private ImapSupport.RawImap selected(String tag) throws Exception {
        ImapSupport.RawImap imap = new ImapSupport.RawImap(server);
        imap.response();
        imap.command(tag + "1", "LOGIN " + USER + " x");
        imap.command(tag + "2", "SELECT INBOX");
        return imap;
    }

    @Test
    void anExpungeElsewhereIsToldAfterNoopButNeverDuringFetchAndTheMessageStillAnswers() throws Exception {
        try (ImapSupport.RawImap a = selected("a"); ImapSupport.RawImap b = selected("b")) {
            b.command("b3", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            assertThat(b.command("b4", "EXPUNGE")).isEqualTo("* 1 EXPUNGE\r\nb4 OK EXPUNGE completed\r\n");

            String fetch = a.command("a3", "FETCH 1:2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(fetch).doesNotContain("EXPUNGE").contains("Subject: First", "Subject: Second");
            assertThat(fetch).endsWith("* 1 FETCH (FLAGS (\\Recent \\Deleted) UID 1)\r\na3 OK FETCH completed\r\n");
            a.exchange("""
                    C: a4 NOOP
                    S: * 1 EXPUNGE
                    S: a4 OK NOOP completed
                    C: a5 FETCH 1 (UID)
                    S: * 1 FETCH (UID 2)
                    S: a5 OK FETCH completed
                    """);
        }
    }

    @Test
    void uidCommandsMayBeToldOfExpungesAtOnce() throws Exception {
        try (ImapSupport.RawImap a = selected("a"); ImapSupport.RawImap b = selected("b")) {
            b.command("b3", "UID STORE 2 +FLAGS.SILENT (\\Deleted)");
            b.command("b4", "UID EXPUNGE 2");
            assertThat(a.command("a3", "UID FETCH 1:* (UID)"))
                    .isEqualTo("* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n"
                            + "* 2 FETCH (FLAGS (\\Recent \\Deleted) UID 2)\r\n* 2 EXPUNGE\r\n"
                            + "a3 OK FETCH completed\r\n");
        }
    }

    @Test
    void recentGoesToExactlyOneSessionAndArrivalsAreToldBeforeTheyAreNamed() throws Exception {
        try (ImapSupport.RawImap a = selected("a"); ImapSupport.RawImap b = selected("b")) {
            ImapSupport.deliver(server, USER, ImapSupport.message("Third", "three"));
            assertThat(a.command("a3", "NOOP")).isEqualTo("* 3 EXISTS\r\n* 3 RECENT\r\na3 OK NOOP completed\r\n");
            b.exchange("""
                    C: b3 NOOP
                    S: * 3 EXISTS
                    S: * 0 RECENT
                    S: b3 OK NOOP completed
                    C: b4 SEARCH RECENT
                    S: * SEARCH
                    S: b4 OK SEARCH completed
                    """);

            ImapSupport.deliver(server, USER, ImapSupport.message("Fourth", "four"));
            var mailbox = server.store().mailbox(USER, "INBOX").orElseThrow();
            server.repository().changeFlags(mailbox, new long[] {4}, dev.fakemail.internal.store.FlagOperation.ADD,
                    java.util.Set.of("\\Flagged"), java.util.OptionalLong.empty());
            // a hears of message 4 (EXISTS) before the flag change names it
            assertThat(a.command("a4", "NOOP")).isEqualTo("* 4 EXISTS\r\n* 4 RECENT\r\n"
                    + "* 4 FETCH (FLAGS (\\Recent \\Flagged) UID 4)\r\na4 OK NOOP completed\r\n");
        }
    }
}
