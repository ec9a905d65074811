package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fault grammar on IMAP: replies in IMAP's words (BYE, tagged NO with a response code), exact bytes. */
@ExtendWith(ClosesServers.class)
class ImapFaultsTest {
    private final FakeMailServer server = ImapSupport.serverWithMail("bob@example.test", "First");

    @Test
    void connectRefusedWithBye() throws Exception {
        server.faults().addText("imap connect -> reply 421 4.7.0 \"down for maintenance\"");
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.response()).isEqualTo("* BYE [UNAVAILABLE] down for maintenance\r\n");
            assertThat(imap.response()).isEmpty(); // closed
        }
    }

    @Test
    void commandRepliedWithTaggedNoOnceThenRuns() throws Exception {
        FaultHandle rule = server.faults().addText("imap SELECT -> reply 451 4.3.0 \"mailbox busy\" times 1")
                .get(0);
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            imap.response();
            imap.command("a1", "LOGIN bob@example.test x");
            assertThat(imap.command("a2", "SELECT INBOX")).isEqualTo("a2 NO [UNAVAILABLE] mailbox busy\r\n");
            assertThat(imap.command("a3", "SELECT INBOX")).contains("* 1 EXISTS\r\n", "a3 OK [READ-WRITE]");
        }
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void uidPrefixedCommandsMatchTheirVerbAndArgumentsWithoutTag() throws Exception {
        server.faults().addText("imap FETCH \"1:*\" -> reply-disconnect 421 4.4.2 \"connection dropped\"");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, ImapSupport.BOB)) {
            assertThat(imap.command("a3", "FETCH 1 FLAGS")).contains("a3 OK FETCH completed");
            imap.send("a4 UID FETCH 1:* FLAGS\r\n");
            String got = imap.response();
            assertThat(got).isEqualTo("* BYE [UNAVAILABLE] connection dropped\r\n");
            assertThat(imap.response()).isEmpty();
        }
    }

    @Test
    void capabilitiesCanBeHidden() throws Exception {
        server.faults().addText("imap capabilities -> hide IDLE");
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.response()).doesNotContain("IDLE").contains("IMAP4rev1");
            assertThat(imap.command("a1", "CAPABILITY")).doesNotContain(" IDLE").contains("UIDPLUS");
        }
    }

    @Test
    void appendRefusedWithTheStatusAsResponseCodeBeforeTheLiteralIsSent() throws Exception {
        server.faults().addText("imap APPEND -> reply 452 OVERQUOTA \"quota exceeded\"");
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            imap.exchange("""
                    C: a2 APPEND INBOX {12}
                    S: a2 NO [OVERQUOTA] quota exceeded
                    C: a3 NOOP
                    S: a3 OK NOOP completed
                    """);
        }
        assertThat(server.store().mailbox("bob@example.test", "INBOX").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void loginRefusedAfterValidCredentials() throws Exception {
        server.faults().addText("imap auth * bob@* -> reply 535 5.7.8 \"account locked\"");
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            imap.response();
            assertThat(imap.command("a1", "LOGIN bob@example.test x")).isEqualTo("a1 NO account locked\r\n");
            assertThat(imap.command("a2", "SELECT INBOX")).startsWith("a2 BAD SELECT needs a login first");
        }
    }
}
