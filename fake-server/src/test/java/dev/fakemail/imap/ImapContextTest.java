package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailboxSeed;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ESORT and CONTEXT=SEARCH / CONTEXT=SORT (RFC 5267) over a plain socket, byte for byte: RETURN options on SORT,
 * PARTIAL windows, and UPDATE contexts told of changes made by this session and by others (REMOVEFROM before the
 * EXPUNGE it concerns, ADDTO after the EXISTS that announced the message).
 */
@ExtendWith(ClosesServers.class)
class ImapContextTest {
    private static final String USER = "ctx@example.test";
    private final FakeMailServer server = FakeMailServer.builder().build().start();

    @BeforeEach
    void seed() {
        MailboxSeed seed = server.seed(USER);
        // sizes 5, 1, 4, 2, 3 (in hundreds of octets): SIZE order 2 4 5 3 1
        int[] sizes = {5, 1, 4, 2, 3};
        for (int n = 1; n <= 5; n++) {
            seed.append("Subject: m" + n + "\r\nDate: Tue, 1 Feb 1994 1" + n + ":00:00 +0000\r\n\r\n"
                    + "x".repeat(sizes[n - 1] * 100) + "\r\n", n == 4 ? new String[] {"$Junk"} : new String[0]);
        }
    }

    @Test
    void esortReturnsInSortOrderWithRangesOnlyForAscendingRuns() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            imap.exchange("""
                    C: E01 UID SORT RETURN () (REVERSE DATE) UTF-8 UNDELETED UNKEYWORD $Junk
                    S: * ESEARCH (TAG "E01") UID ALL 5,3,2,1
                    S: E01 OK SORT completed
                    C: E02 SORT RETURN (MIN MAX COUNT ALL) (SIZE) US-ASCII ALL
                    S: * ESEARCH (TAG "E02") MIN 2 MAX 1 COUNT 5 ALL 2,4:5,3,1
                    S: E02 OK SORT completed
                    C: E03 SORT RETURN (COUNT) (SIZE) US-ASCII SUBJECT nothing
                    S: * ESEARCH (TAG "E03") COUNT 0
                    S: E03 OK SORT completed
                    """);
            // without ALL or PARTIAL the ends are found in one pass: the same answers
            imap.exchange("""
                    C: E05 SORT RETURN (MIN MAX) (SIZE) US-ASCII ALL
                    S: * ESEARCH (TAG "E05") MIN 2 MAX 1
                    S: E05 OK SORT completed
                    C: E06 UID SORT RETURN (COUNT MAX) (REVERSE SIZE) US-ASCII UNSEEN
                    S: * ESEARCH (TAG "E06") UID MAX 2 COUNT 5
                    S: E06 OK SORT completed
                    C: E07 SORT RETURN (MIN MAX) (SIZE) US-ASCII 3
                    S: * ESEARCH (TAG "E07") MIN 3 MAX 3
                    S: E07 OK SORT completed
                    C: E04 SORT RETURN (SAVE) (SIZE) US-ASCII ALL
                    S: E04 BAD unknown SORT RETURN option SAVE
                    """);
        }
    }

    @Test
    void aRepeatedSortAnswersInTodaysMessageNumbers() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            imap.command("R01", "STORE 2 +FLAGS.SILENT (\\Seen \\Deleted)");
            imap.exchange("""
                    C: R02 SORT (SIZE) US-ASCII UNSEEN
                    S: * SORT 4 5 3 1
                    S: R02 OK SORT completed
                    C: R03 EXPUNGE
                    S: * 2 EXPUNGE
                    S: R03 OK EXPUNGE completed
                    """);
            // the same messages sorted the same way: remembered, and told by their new numbers
            imap.exchange("""
                    C: R04 SORT (SIZE) US-ASCII UNSEEN
                    S: * SORT 3 4 2 1
                    S: R04 OK SORT completed
                    C: R05 UID SORT (SIZE) US-ASCII UNSEEN
                    S: * SORT 4 5 3 1
                    S: R05 OK SORT completed
                    C: R06 SORT (REVERSE SIZE) US-ASCII UNSEEN
                    S: * SORT 1 2 4 3
                    S: R06 OK SORT completed
                    """);
        }
    }

    @Test
    void partialWindowsOfSearchAndSortResults() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            imap.exchange("""
                    C: P1 SEARCH RETURN (PARTIAL 4:2) ALL
                    S: * ESEARCH (TAG "P1") PARTIAL (2:4 2:4)
                    S: P1 OK SEARCH completed
                    C: P2 SORT RETURN (PARTIAL 1:3) (SIZE) US-ASCII ALL
                    S: * ESEARCH (TAG "P2") PARTIAL (1:3 2,4:5)
                    S: P2 OK SORT completed
                    C: P3 UID SEARCH RETURN (PARTIAL 6:9 COUNT) ALL
                    S: * ESEARCH (TAG "P3") UID COUNT 5 PARTIAL (6:9 NIL)
                    S: P3 OK SEARCH completed
                    C: P4 SEARCH RETURN (PARTIAL 1:*) ALL
                    S: P4 BAD PARTIAL needs a range of result positions like 1:100, not 1:*
                    C: P5 SEARCH RETURN (PARTIAL 0:3) ALL
                    S: P5 BAD PARTIAL positions are 1 to 4294967295: 0:3
                    """);
        }
    }

    @Test
    void searchUpdatesTellChangesFromThisSessionAndOthers() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER);
                ImapSupport.RawImap other = ImapSupport.selected(server, USER)) {
            assertThat(imap.command("B01", "UID SEARCH RETURN (UPDATE COUNT) FLAGGED"))
                    .isEqualTo("* ESEARCH (TAG \"B01\") UID COUNT 0\r\nB01 OK SEARCH completed\r\n");
            assertThat(imap.command("B02", "SEARCH RETURN (UPDATE) FLAGGED")) // only the correlator
                    .isEqualTo("* ESEARCH (TAG \"B02\")\r\nB02 OK SEARCH completed\r\n");
            assertThat(imap.command("B03", "STORE 2,3 +FLAGS.SILENT (\\Flagged)")).isEqualTo(
                    "* ESEARCH (TAG \"B01\") UID ADDTO (0 2:3)\r\n* ESEARCH (TAG \"B02\") ADDTO (0 2:3)\r\n"
                            + "B03 OK STORE completed\r\n");
            // another session flags 5 and expunges 3: REMOVEFROM comes before the EXPUNGE, numbers still valid
            other.command("o1", "STORE 5 +FLAGS.SILENT (\\Flagged)");
            other.command("o2", "STORE 3 +FLAGS.SILENT (\\Deleted)");
            other.command("o3", "EXPUNGE");
            String noop = imap.command("B04", "NOOP");
            assertThat(noop).contains("* 5 FETCH (FLAGS (\\Recent \\Flagged) UID 5)\r\n", "* 3 FETCH (FLAGS (");
            assertThat(noop.replaceAll("\\* [35] FETCH [^\r]*\r\n", "")).isEqualTo("* ESEARCH (TAG \"B01\") UID REMOVEFROM (0 3)\r\n* ESEARCH (TAG \"B02\") REMOVEFROM (0 3)\r\n"
                    + "* 3 EXPUNGE\r\n"
                    + "* ESEARCH (TAG \"B01\") UID ADDTO (0 5)\r\n* ESEARCH (TAG \"B02\") ADDTO (0 4)\r\n"
                    + "B04 OK NOOP completed\r\n");
            // a new flagged message: EXISTS first, then ADDTO
            server.seed(USER).append("Subject: new\r\n\r\nnew\r\n", "\\Flagged");
            imap.exchange("""
                    C: B05 NOOP
                    S: * 5 EXISTS
                    S: * 5 RECENT
                    S: * ESEARCH (TAG "B01") UID ADDTO (0 6)
                    S: * ESEARCH (TAG "B02") ADDTO (0 5)
                    S: B05 OK NOOP completed
                    C: B06 CANCELUPDATE "B01" "B02"
                    S: B06 OK CANCELUPDATE completed
                    C: B07 STORE 1 +FLAGS.SILENT (\\Flagged)
                    S: B07 OK STORE completed
                    C: B08 CANCELUPDATE "B01"
                    S: B08 BAD no updating search has the tag B01
                    """);
            imap.command("B09", "SEARCH RETURN (UPDATE) ALL");
            assertThat(imap.command("B09", "SEARCH RETURN (UPDATE) ALL"))
                    .isEqualTo("B09 BAD tag B09 already names an updating search (RFC 5267 §4.3)\r\n");
            // a new SELECT ends every context
            imap.command("B10", "SELECT INBOX");
            assertThat(imap.command("B11", "CANCELUPDATE \"B09\"")).startsWith("B11 BAD ");
        }
    }

    @Test
    void updatesArePushedWhileIdling() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            imap.exchange("""
                    C: I01 UID SORT RETURN (UPDATE) (REVERSE SIZE) US-ASCII UNSEEN
                    S: * ESEARCH (TAG "I01") UID
                    S: I01 OK SORT completed
                    C: I02 IDLE
                    S: + idling
                    """);
            server.seed(USER).append("Subject: big\r\n\r\n" + "y".repeat(450) + "\r\n"); // between 1 and 3
            assertThat(imap.response()).isEqualTo("* 6 EXISTS\r\n");
            assertThat(imap.response()).isEqualTo("* 6 RECENT\r\n");
            assertThat(imap.response()).isEqualTo("* ESEARCH (TAG \"I01\") UID ADDTO (2 6)\r\n");
            imap.send("DONE\r\n");
            assertThat(imap.response()).isEqualTo("I02 OK IDLE terminated\r\n");
        }
    }

    @Test
    void updateContextsAreBoundedWithNoUpdate() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            for (int n = 1; n <= 32; n++) {
                assertThat(imap.command("c" + n, "SEARCH RETURN (UPDATE COUNT) SEEN"))
                        .isEqualTo("* ESEARCH (TAG \"c" + n + "\") COUNT 0\r\nc" + n + " OK SEARCH completed\r\n");
            }
            assertThat(imap.command("c33", "SEARCH RETURN (UPDATE COUNT) SEEN")).isEqualTo("* ESEARCH (TAG \"c33\") "
                    + "COUNT 0\r\n* NO [NOUPDATE \"c33\"] no more than 32 updating searches at once\r\n"
                    + "c33 OK SEARCH completed\r\n");
            assertThat(imap.command("c34", "CANCELUPDATE \"c33\"")).startsWith("c34 BAD ");
            assertThat(imap.command("c35", "CANCELUPDATE \"c1\"")).isEqualTo("c35 OK CANCELUPDATE completed\r\n");
        }
    }

    @Test
    void sortUpdatesGivePositionsInTheSortedResult() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, USER)) {
            // by SIZE: 2 4 5 3 1; UNSEEN keeps them all for now
            imap.exchange("""
                    C: S01 SORT RETURN (UPDATE ALL) (SIZE) US-ASCII UNSEEN
                    S: * ESEARCH (TAG "S01") ALL 2,4:5,3,1
                    S: S01 OK SORT completed
                    C: S02 STORE 4,3 +FLAGS.SILENT (\\Seen)
                    S: * ESEARCH (TAG "S01") REMOVEFROM (2 4 3 3)
                    S: S02 OK STORE completed
                    C: S03 STORE 3 -FLAGS.SILENT (\\Seen)
                    S: * ESEARCH (TAG "S01") ADDTO (3 3)
                    S: S03 OK STORE completed
                    """);
            assertThat(imap.command("S04", "STORE 2 +FLAGS.SILENT (\\Deleted)")).endsWith("S04 OK STORE completed\r\n");
            imap.exchange("""
                    C: S05 EXPUNGE
                    S: * ESEARCH (TAG "S01") REMOVEFROM (1 2)
                    S: * 2 EXPUNGE
                    S: S05 OK EXPUNGE completed
                    C: S06 SORT RETURN (ALL) (SIZE) US-ASCII UNSEEN
                    S: * ESEARCH (TAG "S06") ALL 4,2,1
                    S: S06 OK SORT completed
                    """);
        }
    }
}
