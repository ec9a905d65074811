package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IMAP4rev2 (RFC 9051) with exact bytes over a plain socket: advertised beside IMAP4rev1, switched on per session
 * by {@code ENABLE IMAP4rev2}, after the RFC's examples (SELECT with its LIST response, SEARCH answered by ESEARCH
 * as in §6.4.4, LIST "" "", NAMESPACE, STATUS SIZE), and what Appendix E removed (\Recent, RECENT, SEARCH
 * NEW/OLD/RECENT, STATUS RECENT, CHECK, modified UTF-7). Sessions that do not enable it keep IMAP4rev1.
 */
class ImapRev2Test {
    private FakeMailServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private ImapSupport.RawImap rev2Session() throws Exception {
        ImapSupport.RawImap imap = new ImapSupport.RawImap(server);
        assertThat(imap.response()).startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS ");
        imap.login("a0", "bob@example.test", "x");
        assertThat(imap.command("a1", "ENABLE IMAP4rev2")).isEqualTo(
                "* ENABLED IMAP4rev2\r\na1 OK ENABLE completed\r\n");
        return imap;
    }

    /** UIDVALIDITY and HIGHESTMODSEQ differ from run to run. */
    private static String stable(String response) {
        return response.replaceAll("\\[UIDVALIDITY \\d+]", "[UIDVALIDITY v]")
                .replaceAll("\\[HIGHESTMODSEQ \\d+]", "[HIGHESTMODSEQ m]");
    }

    @Test
    void selectSendsListNoRecentAndNoUnseenAndLeavesRecentToImap4rev1Sessions() throws Exception {
        server = ImapSupport.serverWithMail("bob@example.test", "First", "Second");
        try (ImapSupport.RawImap imap = rev2Session()) {
            // RFC 9051 §6.3.2: FLAGS, EXISTS and LIST are required; no RECENT, no [UNSEEN n]
            assertThat(stable(imap.command("a2", "SELECT INBOX"))).isEqualTo(""
                    + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                    + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n"
                    + "* 2 EXISTS\r\n"
                    + "* OK [UIDVALIDITY v] UIDs valid\r\n"
                    + "* OK [UIDNEXT 3] predicted next UID\r\n"
                    + "* OK [HIGHESTMODSEQ m] highest\r\n"
                    + "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n"
                    + "a2 OK [READ-WRITE] SELECT completed\r\n");
            assertThat(imap.command("a3", "FETCH 1:2 (FLAGS)")).isEqualTo(
                    "* 1 FETCH (FLAGS ())\r\n* 2 FETCH (FLAGS ())\r\na3 OK FETCH completed\r\n");
            ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("Third", "three"));
            assertThat(imap.command("a4", "NOOP")).isEqualTo("* 3 EXISTS\r\na4 OK NOOP completed\r\n");
            // a SELECT that replaces a selected mailbox says so (RFC 9051 §6.3.2), QRESYNC or not
            assertThat(stable(imap.command("a5", "EXAMINE Sent"))).startsWith(
                    "* OK [CLOSED] previous mailbox closed\r\n* FLAGS (");
        }
        try (ImapSupport.RawImap rev1 = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            // the IMAP4rev2 session claimed no \Recent: the first IMAP4rev1 session still gets all three
            assertThat(rev1.command("b1", "SELECT INBOX")).contains("* 3 EXISTS\r\n* 3 RECENT\r\n",
                    "* OK [UNSEEN 1] first unseen message\r\n").doesNotContain("* LIST");
            assertThat(rev1.command("b2", "FETCH 3 (FLAGS)")).isEqualTo(
                    "* 3 FETCH (FLAGS (\\Recent))\r\nb2 OK FETCH completed\r\n");
        }
    }

    /** ENABLE after SELECT (RFC 5161 lets it come at any time after login): the selection forgets \\Recent. */
    @Test
    void enablingWhileSelectedDropsRecentFromThatSelection() throws Exception {
        server = ImapSupport.serverWithMail("bob@example.test", "First");
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(imap.command("a1", "SELECT INBOX")).contains("* 1 RECENT\r\n");
            imap.exchange("""
                    C: a2 FETCH 1 (FLAGS)
                    S: * 1 FETCH (FLAGS (\\Recent))
                    S: a2 OK FETCH completed
                    C: a3 ENABLE IMAP4rev2
                    S: * ENABLED IMAP4rev2
                    S: a3 OK ENABLE completed
                    C: a4 FETCH 1 (FLAGS)
                    S: * 1 FETCH (FLAGS ())
                    S: a4 OK FETCH completed
                    C: a5 SEARCH ALL
                    S: * ESEARCH (TAG "a5") ALL 1
                    S: a5 OK SEARCH completed
                    """);
            // a second ENABLE is harmless and answered as the first (as for UTF8=ACCEPT)
            assertThat(imap.command("a6", "ENABLE IMAP4rev2")).isEqualTo(
                    "* ENABLED IMAP4rev2\r\na6 OK ENABLE completed\r\n");
        }
    }

    @Test
    void whatRfc9051RemovedIsRefusedWithBad() throws Exception {
        server = ImapSupport.serverWithMail("bob@example.test", "First");
        try (ImapSupport.RawImap imap = rev2Session()) {
            imap.command("a2", "SELECT INBOX");
            imap.exchange("""
                    C: a3 SEARCH NEW
                    S: a3 BAD SEARCH NEW is not part of IMAP4rev2 (RFC 9051 removed it); there is no \\Recent
                    C: a4 UID SEARCH OR SEEN RECENT
                    S: a4 BAD SEARCH RECENT is not part of IMAP4rev2 (RFC 9051 removed it); there is no \\Recent
                    """);
            assertThat(imap.command("a5", "SEARCH OLD")).startsWith("a5 BAD SEARCH OLD is not part of IMAP4rev2");
            imap.exchange("""
                    C: a6 STATUS INBOX (MESSAGES RECENT)
                    S: a6 BAD STATUS RECENT is not part of IMAP4rev2 (RFC 9051 removed it)
                    C: a7 CHECK
                    S: a7 BAD CHECK is not part of IMAP4rev2 (RFC 9051 removed it); NOOP does what it did
                    """);
            // LSUB is only deprecated (RFC 9051 Appendix E): it still answers
            imap.command("a8", "SUBSCRIBE INBOX");
            assertThat(imap.command("a9", "LSUB \"\" INBOX")).isEqualTo(
                    "* LSUB () \"/\" \"INBOX\"\r\na9 OK LSUB completed\r\n");
        }
    }

    private static String from(String name, String subject, String body) {
        return "From: " + name + " <" + name.toLowerCase() + "@example.test>\r\nTo: bob@example.test\r\nSubject: "
                + subject + "\r\nDate: Tue, 1 Apr 2003 10:00:00 +0000\r\n\r\n" + body + "\r\n";
    }

    /** RFC 9051 §6.4.4's examples: every SEARCH answers ESEARCH, RETURN () means ALL, no match means no ALL. */
    @Test
    void searchAnswersEsearchAsInTheRfcExamples() throws Exception {
        server = FakeMailServer.builder().build().start();
        for (int i = 1; i <= 11; i++) {
            String body = i == 5 ? "\u043f\u0440\u0438\u0432\u0435\u0442 world" : "hello " + i;
            ImapSupport.deliver(server, "bob@example.test", from(i == 3 ? "Smith" : "Jones", "Message " + i, body));
        }
        try (ImapSupport.RawImap imap = rev2Session()) {
            imap.command("a2", "SELECT INBOX");
            imap.command("a3", "STORE 2:3,10:11 +FLAGS.SILENT (\\Flagged)");
            imap.exchange("""
                    C: A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                    S: * ESEARCH (TAG "A282") MIN 2 COUNT 3
                    S: A282 OK SEARCH completed
                    C: A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                    S: * ESEARCH (TAG "A283") ALL 2,10:11
                    S: A283 OK SEARCH completed
                    C: A284 SEARCH TEXT "string not in mailbox"
                    S: * ESEARCH (TAG "A284")
                    S: A284 OK SEARCH completed
                    """);
            byte[] cyrillic = "\u043f\u0440\u0438\u0432\u0435\u0442".getBytes(StandardCharsets.UTF_8);
            imap.sendLine("A285 SEARCH CHARSET UTF-8 TEXT {" + cyrillic.length + "}");
            assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
            imap.sendLine(new String(cyrillic, StandardCharsets.UTF_8));
            assertThat(imap.untilTagged("A285")).isEqualTo(
                    "* ESEARCH (TAG \"A285\") ALL 5\r\nA285 OK SEARCH completed\r\n");
            imap.exchange("""
                    C: A286 SEARCH CHARSET WHATEVER TEXT "string not in mailbox"
                    S: A286 NO [BADCHARSET (US-ASCII UTF-8)] unsupported charset WHATEVER
                    C: A287 UID SEARCH FLAGGED
                    S: * ESEARCH (TAG "A287") UID ALL 2:3,10:11
                    S: A287 OK SEARCH completed
                    C: A288 UID SEARCH SUBJECT "no such subject"
                    S: * ESEARCH (TAG "A288") UID
                    S: A288 OK SEARCH completed
                    """);
            // RETURN (SAVE) alone still answers no ESEARCH (RFC 9051 §6.4.4.1)
            assertThat(imap.command("A289", "SEARCH RETURN (SAVE) FLAGGED")).isEqualTo(
                    "A289 OK SEARCH completed, result saved\r\n");
        }
    }

    @Test
    void mailboxNamesAreUtf8BothWaysWithoutModifiedUtf7() throws Exception {
        server = FakeMailServer.builder().build().start();
        try (ImapSupport.RawImap imap = rev2Session()) {
            assertThat(imap.command("a2", "CREATE \"Entwürfe\"")).isEqualTo("a2 OK CREATE completed\r\n");
            // "&" is just a character now: this names a mailbox "A&AOQ-B", not "AäB"
            imap.exchange("""
                    C: a3 CREATE A&AOQ-B
                    S: a3 OK CREATE completed
                    C: a4 LIST "" (Entw* A*)
                    S: * LIST (\\HasNoChildren \\Archive) "/" "Archive"
                    S: * LIST (\\HasNoChildren) "/" {9}
                    S: Entwürfe
                    S: * LIST (\\HasNoChildren) "/" "A&AOQ-B"
                    S: a4 OK LIST completed
                    C: a5 STATUS "Entwürfe" (MESSAGES SIZE)
                    S: * STATUS {9}
                    S: Entwürfe (MESSAGES 0 SIZE 0)
                    S: a5 OK STATUS completed
                    """);
        }
        try (ImapSupport.RawImap rev1 = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            // the same mailboxes as an IMAP4rev1 client names them, in modified UTF-7
            assertThat(rev1.command("b1", "LIST \"\" (Entw* A&*)")).isEqualTo(""
                    + "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n"
                    + "* LIST (\\HasNoChildren) \"/\" \"A&-AOQ-B\"\r\n"
                    + "b1 OK LIST completed\r\n");
        }
    }

    /** RFC 9051 §6.3.9 (LIST "" ""), §6.3.10 (NAMESPACE), §6.3.9.2 (\NonExistent, \Subscribed). */
    @Test
    void listRootNamespaceAndSubscribedNonExistent() throws Exception {
        server = FakeMailServer.builder().build().start();
        try (ImapSupport.RawImap imap = rev2Session()) {
            imap.exchange("""
                    C: a2 LIST "" ""
                    S: * LIST (\\Noselect) "/" ""
                    S: a2 OK LIST completed
                    C: a3 NAMESPACE
                    S: * NAMESPACE (("" "/")) NIL NIL
                    S: a3 OK NAMESPACE completed
                    """);
            imap.command("a4", "CREATE Fruit");
            imap.command("a5", "SUBSCRIBE Fruit");
            imap.command("a6", "SUBSCRIBE Gone");
            assertThat(imap.command("a7", "LIST (SUBSCRIBED) \"\" \"*\"")).isEqualTo(""
                    + "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Fruit\"\r\n"
                    + "* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"\r\n"
                    + "a7 OK LIST completed\r\n");
        }
    }

    /** A fault rule hides it per connection, from the greeting and CAPABILITY alike. */
    @Test
    void aFaultRuleHidesIt() throws Exception {
        server = FakeMailServer.builder().build().start();
        server.faults().addText("imap capabilities -> hide IMAP4rev2");
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.response()).startsWith("* OK [CAPABILITY IMAP4rev1 STARTTLS ");
            assertThat(imap.command("a1", "CAPABILITY")).startsWith("* CAPABILITY IMAP4rev1 STARTTLS ")
                    .doesNotContain("IMAP4rev2");
        }
    }

    @Test
    void notAdvertisedWhenSwitchedOffAndThenEnableEnablesNothing() throws Exception {
        server = FakeMailServer.builder().imapRev2(false).build().start();
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("First", "one"));
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.response()).startsWith("* OK [CAPABILITY IMAP4rev1 STARTTLS ");
            assertThat(imap.login("a0", "bob@example.test", "x")).doesNotContain("IMAP4rev2");
            assertThat(imap.command("a1", "ENABLE IMAP4rev2")).isEqualTo("* ENABLED\r\na1 OK ENABLE completed\r\n");
            assertThat(imap.command("a2", "SELECT INBOX")).contains("* 1 RECENT\r\n").doesNotContain("* LIST");
            assertThat(imap.command("a3", "SEARCH NEW")).isEqualTo("* SEARCH 1\r\na3 OK SEARCH completed\r\n");
        }
    }

    @Test
    void messageGlobalPartsAreDescribedLikeMessageRfc822OnlyUnderImap4rev2() throws Exception {
        String inner = "From: J\u00f6rg <joerg@example.test>\r\nSubject: inner\r\n\r\nhi\r\n";
        String message = "From: Alice <alice@example.test>\r\nSubject: outer\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--b\r\nContent-Type: message/global\r\n\r\n" + inner + "--b--\r\n";
        server = FakeMailServer.builder().build().start();
        ImapSupport.deliver(server, "bob@example.test", message);
        int innerOctets = inner.getBytes(StandardCharsets.UTF_8).length - 2; // the last CRLF is the delimiter's
        String rev1Part = "(\"message\" \"global\" NIL NIL NIL \"7bit\" " + innerOctets + ")";
        String joerg = "(({5}\r\nJ\u00f6rg NIL \"joerg\" \"example.test\"))"; // 8-bit: a literal of 5 octets
        String rev2Part = "(\"message\" \"global\" NIL NIL NIL \"7bit\" " + innerOctets
                + " (NIL \"inner\" " + joerg + " " + joerg + " " + joerg + " NIL NIL NIL NIL NIL)"
                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 2 0) 3)";
        try (ImapSupport.RawImap rev1 = ImapSupport.loggedIn(server, ImapSupport.BOB);
                ImapSupport.RawImap rev2 = rev2Session()) {
            rev1.command("b1", "EXAMINE INBOX");
            assertThat(rev1.command("b2", "FETCH 1 (BODY)")).contains(")" + rev1Part + " \"mixed\")");
            rev2.command("a2", "EXAMINE INBOX");
            assertThat(rev2.command("a3", "FETCH 1 (BODY)")).contains(")" + rev2Part + " \"mixed\")");
            // its parts can be addressed in both (RFC 9051 §6.4.5 names message/global beside message/rfc822)
            assertThat(rev2.command("a4", "FETCH 1 (BODY.PEEK[2.HEADER.FIELDS (SUBJECT)] BODY.PEEK[2.1])")).isEqualTo(
                    "* 1 FETCH (BODY[2.HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: inner\r\n\r\n BODY[2.1] {2}\r\nhi)\r\n"
                            + "a4 OK FETCH completed\r\n");
            assertThat(rev1.command("b3", "FETCH 1 (BODY.PEEK[2.TEXT])")).isEqualTo(
                    "* 1 FETCH (BODY[2.TEXT] {2}\r\nhi)\r\nb3 OK FETCH completed\r\n");
        }
    }
}
