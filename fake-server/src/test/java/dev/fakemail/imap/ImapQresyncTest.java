package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QRESYNC (RFC 7162 §3.2) with exact bytes, following the RFC's examples: ENABLE, SELECT ... (QRESYNC ...) with
 * and without known UIDs, a UIDVALIDITY that no longer matches, UID FETCH ... (CHANGEDSINCE n VANISHED),
 * VANISHED instead of EXPUNGE, [CLOSED], and the BAD answers for the modifier's misuses.
 *
 * <p>MODSEQ arithmetic of the fixture: a new mailbox is at 1; the five deliveries take 2 to 6 (UIDs 1 to 5).
 * Another session then sets \Seen on UID 2 (7), \Deleted on 3 and 4 (8, 9) and expunges them (10).
 */
class ImapQresyncTest extends ImapSupport.LoggedInBob {
    private long uidValidity;

    @Override
    void beforeLogin() {
        for (String subject : new String[] {"One", "Two", "Three", "Four", "Five"}) {
            ImapSupport.deliver(server, ImapSupport.BOB, ImapSupport.message(subject, subject.toLowerCase()));
        }
    }

    @BeforeEach
    void changeInAnotherSession() throws Exception {
        try (ImapSupport.RawImap first = connect()) {
            String select = first.command("b1", "SELECT INBOX");
            assertThat(select).contains("* OK [HIGHESTMODSEQ 6] highest\r\n");
            Matcher matcher = Pattern.compile("\\[UIDVALIDITY (\\d+)]").matcher(select);
            assertThat(matcher.find()).isTrue();
            uidValidity = Long.parseLong(matcher.group(1));
            assertThat(first.command("b2", "UID STORE 2 +FLAGS.SILENT (\\Seen)")).isEqualTo("b2 OK STORE completed\r\n");
            first.command("b3", "UID STORE 3:4 +FLAGS.SILENT (\\Deleted)");
            assertThat(first.command("b4", "UID EXPUNGE 3:4")).isEqualTo(
                    "* 3 EXPUNGE\r\n* 3 EXPUNGE\r\nb4 OK EXPUNGE completed\r\n"); // without QRESYNC: EXPUNGE
        }
    }

    private String selectedHeader(int exists) {
        return "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n"
                + "* " + exists + " EXISTS\r\n* 0 RECENT\r\n* OK [UNSEEN 1] first unseen message\r\n"
                + "* OK [UIDVALIDITY " + uidValidity + "] UIDs valid\r\n* OK [UIDNEXT 6] predicted next UID\r\n"
                + "* OK [HIGHESTMODSEQ 10] highest\r\n";
    }

    @Test
    void selectWithQresyncTellsWhatVanishedAndWhatChangedSinceTheRememberedModseq() throws Exception {
        assertThat(imap.command("a1", "ENABLE QRESYNC")).isEqualTo("* ENABLED QRESYNC\r\na1 OK ENABLE completed\r\n");
        assertThat(imap.command("a2", "SELECT INBOX (QRESYNC (" + uidValidity + " 6))")).isEqualTo(
                selectedHeader(3)
                        + "* VANISHED (EARLIER) 3:4\r\n"
                        + "* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (7))\r\n"
                        + "a2 OK [READ-WRITE] SELECT completed\r\n");
    }

    @Test
    void knownUidsLimitWhatIsReportedAndClosedSeparatesTheMailboxes() throws Exception {
        imap.command("a1", "ENABLE QRESYNC");
        imap.command("a2", "EXAMINE Sent");
        assertThat(imap.command("a3", "EXAMINE INBOX (QRESYNC (" + uidValidity + " 6 1,3))")).isEqualTo(
                "* OK [CLOSED] previous mailbox closed\r\n" + selectedHeader(3)
                        + "* VANISHED (EARLIER) 3\r\n"
                        + "a3 OK [READ-ONLY] EXAMINE completed\r\n");
        // sequence match data is accepted (RFC 7162 §3.2.5.2's form) and changes nothing here
        assertThat(imap.command("a4", "EXAMINE INBOX (QRESYNC (" + uidValidity + " 7 1:5 (1:3 1,2,5)))")).isEqualTo(
                "* OK [CLOSED] previous mailbox closed\r\n" + selectedHeader(3)
                        + "* VANISHED (EARLIER) 3:4\r\n"
                        + "a4 OK [READ-ONLY] EXAMINE completed\r\n");
    }

    @Test
    void anotherUidValidityMeansStartOverAndNothingIsResynchronized() throws Exception {
        imap.command("a1", "ENABLE CONDSTORE QRESYNC");
        assertThat(imap.command("a2", "SELECT INBOX (QRESYNC (" + (uidValidity + 1) + " 6))")).isEqualTo(
                selectedHeader(3) + "a2 OK [READ-WRITE] SELECT completed\r\n");
    }

    @Test
    void uidFetchWithVanishedNamesTheExpungedUidsOfTheSetFirst() throws Exception {
        imap.command("a1", "ENABLE QRESYNC");
        imap.command("a2", "SELECT INBOX");
        imap.exchange("""
                C: a3 UID FETCH 2:4 (FLAGS) (CHANGEDSINCE 6 VANISHED)
                S: * VANISHED (EARLIER) 3:4
                S: * 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (7))
                S: a3 OK FETCH completed
                C: a4 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 10 VANISHED)
                S: a4 OK FETCH completed
                """);
    }

    @Test
    void onceEnabledExpungesAreToldAsVanished() throws Exception {
        imap.command("a1", "SELECT INBOX");
        assertThat(imap.command("a2", "ENABLE QRESYNC")).isEqualTo("* ENABLED QRESYNC\r\na2 OK ENABLE completed\r\n");
        assertThat(imap.command("a3", "STORE 1 +FLAGS (\\Deleted)")).isEqualTo( // RFC 7162 §3.2.4: with its UID
                "* 1 FETCH (FLAGS (\\Deleted) MODSEQ (11) UID 1)\r\na3 OK STORE completed\r\n");
        assertThat(imap.command("a31", "FETCH 2 (FLAGS)")).isEqualTo(
                "* 2 FETCH (UID 2 FLAGS (\\Seen))\r\na31 OK FETCH completed\r\n");
        imap.command("a32", "STORE 2:3 +FLAGS.SILENT (\\Deleted)");
        assertThat(imap.command("a4", "EXPUNGE")).isEqualTo("* VANISHED 1:2,5\r\na4 OK EXPUNGE completed\r\n");
        try (ImapSupport.RawImap other = connect()) {
            ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("Six", "six"));
            other.command("c1", "SELECT INBOX");
            other.command("c2", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            other.command("c3", "EXPUNGE");
        }
        assertThat(imap.command("a5", "NOOP")).isEqualTo("* 1 EXISTS\r\n* 0 RECENT\r\n"
                + "* 1 FETCH (FLAGS (\\Deleted) MODSEQ (16) UID 6)\r\n* VANISHED 6\r\n"
                + "a5 OK NOOP completed\r\n");
    }

    @Test
    void whenTheBoundedHistoryNoLongerReachesBackEveryMissingUidOfTheSetIsVanished() throws Exception {
        dev.fakemail.internal.store.MailRepository store = server.repository();
        dev.fakemail.store.Mailbox inbox = store.inbox("bob@example.test");
        int count = 100_001; // one more than the history keeps
        long[] uids = new long[count];
        for (int i = 0; i < count; i++) {
            uids[i] = store.append(inbox, new byte[] {'x', '\r', '\n'}, java.util.Set.of(),
                    java.time.OffsetDateTime.now()).uid();
        }
        store.expunge(inbox, uids); // UIDs 6 to 100006; the history keeps only the newer half
        assertThat(store.expungedAfter(inbox, 10)).isNull();
        assertThat(store.expungedAfter(inbox, inbox.highestModSeq())).isEmpty();
        assertThat(store.expungedAfter(inbox, inbox.highestModSeq() - 1)).isNull(); // part of that batch is forgotten
        imap.command("a1", "ENABLE QRESYNC");
        String select = imap.command("a2", "SELECT INBOX (QRESYNC (" + uidValidity + " 6 1:8,100005:*))");
        assertThat(select).contains("* OK [UIDNEXT 100007] predicted next UID\r\n"
                + "* OK [HIGHESTMODSEQ 100012] highest\r\n"
                + "* VANISHED (EARLIER) 3:4,6:8,100005:100006\r\n"
                + "* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (7))\r\n"
                + "a2 OK [READ-WRITE] SELECT completed\r\n");
    }

    @Test
    void misusesAreBad() throws Exception {
        assertThat(imap.command("a1", "SELECT INBOX (QRESYNC (" + uidValidity + " 6))")).isEqualTo(
                "a1 BAD QRESYNC needs ENABLE QRESYNC first (RFC 7162 3.2.5)\r\n");
        imap.command("a2", "SELECT INBOX");
        assertThat(imap.command("a3", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")).isEqualTo(
                "a3 BAD VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC (RFC 7162 3.2.6)\r\n");
        imap.command("a4", "ENABLE QRESYNC");
        assertThat(imap.command("a5", "FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")).startsWith("a5 BAD VANISHED");
        assertThat(imap.command("a6", "UID FETCH 1:* (FLAGS) (VANISHED)")).startsWith("a6 BAD VANISHED");
        assertThat(imap.command("a7", "SELECT INBOX (QRESYNC (0 6))")).startsWith("a7 BAD zero");
        assertThat(imap.command("a8", "SELECT INBOX (QRESYNC (" + uidValidity + " 6 1:* (1:2)))"))
                .startsWith("a8 BAD ");
    }
}
