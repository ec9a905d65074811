package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SORT, THREAD and CANCELUPDATE are IMAP commands like the others for fault rules: scripted replies, exact bytes. */
@ExtendWith(ClosesServers.class)
class ImapSortFaultsTest {
    private final FakeMailServer server = ImapSupport.serverWithMail("bob@example.test", "First", "Second");

    @Test
    void sortRepliedWithTaggedNoOnceThenSorts() throws Exception {
        FaultHandle rule = server.faults().addText("imap SORT -> reply 451 4.3.0 \"sort index busy\" times 1").get(0);
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, ImapSupport.BOB)) {
            imap.exchange("""
                    C: s1 SORT (SUBJECT) UTF-8 ALL
                    S: s1 NO [UNAVAILABLE] sort index busy
                    C: s2 UID SORT (REVERSE SUBJECT) UTF-8 ALL
                    S: * SORT 2 1
                    S: s2 OK SORT completed
                    """);
        }
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void uidThreadMatchedByItsUidFormAndArguments() throws Exception {
        server.faults().addText("imap uid thread \"REFERENCES *\" -> reply-disconnect 421 4.4.2 \"dropped\"");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, ImapSupport.BOB)) {
            imap.exchange("""
                    C: t1 THREAD REFERENCES UTF-8 ALL
                    S: * THREAD (1)(2)
                    S: t1 OK THREAD completed
                    C: t2 UID THREAD ORDEREDSUBJECT UTF-8 ALL
                    S: * THREAD (1)(2)
                    S: t2 OK THREAD completed
                    """);
            imap.send("t3 UID THREAD REFERENCES UTF-8 ALL\r\n");
            assertThat(imap.response()).isEqualTo("* BYE [UNAVAILABLE] dropped\r\n");
            assertThat(imap.response()).isEmpty();
        }
    }

    @Test
    void untaggedAlertBeforeThreadAndRefusedCancelUpdate() throws Exception {
        server.faults().addText("imap THREAD -> untagged \"OK [ALERT] threads are slow today\"");
        server.faults().addText("imap CANCELUPDATE -> reply 554 BAD \"not now\"");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, ImapSupport.BOB)) {
            assertThat(imap.command("t1", "THREAD ORDEREDSUBJECT UTF-8 ALL"))
                    .isEqualTo("* OK [ALERT] threads are slow today\r\n* THREAD (1)(2)\r\nt1 OK THREAD completed\r\n");
            imap.command("t2", "SEARCH RETURN (UPDATE) ALL");
            assertThat(imap.command("t3", "CANCELUPDATE \"t2\"")).isEqualTo("t3 BAD not now\r\n");
        }
    }
}
