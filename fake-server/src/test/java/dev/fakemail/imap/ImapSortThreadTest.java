package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailboxSeed;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ManualClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SORT and THREAD (RFC 5256) over a plain socket, byte for byte: the RFC's own examples, answered from mailboxes
 * built so that the RFC's numbers come out, and the parts of the grammar around them.
 */
@ExtendWith(ClosesServers.class)
class ImapSortThreadTest {
    private final ManualClock clock = new ManualClock(Instant.parse("1994-01-01T00:00:00Z"));
    private final FakeMailServer server = FakeMailServer.builder().clock(clock).build().start();

    static String message(String subject, String date) {
        return message(subject, date, "");
    }

    static String message(String subject, String date, String extraHeaders) {
        return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n"
                + (subject == null ? "" : "Subject: " + subject + "\r\n")
                + "Date: " + date + "\r\n" + extraHeaders + "\r\nbody\r\n";
    }

    @Test
    void rfc5256SortExamples() throws Exception {
        // A282: of 882 messages only 2, 84 and 882 arrived since 1-Feb-1994, in that subject order
        MailboxSeed many = server.seed("many@example.test");
        for (int n = 1; n <= 882; n++) {
            boolean recent = n == 2 || n == 84 || n == 882;
            clock.set(Instant.parse(recent ? "1994-02-02T00:00:00Z" : "1994-01-15T00:00:00Z"));
            String subject = n == 2 ? "Re: apples" : n == 84 ? "[fruit] bananas" : n == 882 ? "cherries (fwd)" : "x";
            many.append(message(subject, "Tue, 1 Feb 1994 10:00:00 +0000"));
        }
        // A283: five messages, by base subject and then newest first
        MailboxSeed five = server.seed("five@example.test");
        five.append(message("Re: c", "Mon, 7 Feb 1994 21:52:25 -0800"));
        five.append(message("c", "Mon, 7 Feb 1994 09:00:00 -0800"));
        five.append(message("b", "Sun, 6 Feb 1994 12:00:00 +0000"));
        five.append(message("[list] b", "Sun, 6 Feb 1994 11:00:00 +0000"));
        five.append(message("Fwd: A", "Sat, 5 Feb 1994 12:00:00 +0000"));
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "many@example.test")) {
            assertThat(imap.command("A282", "SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994"))
                    .isEqualTo("* SORT 2 84 882\r\nA282 OK SORT completed\r\n");
        }
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "five@example.test")) {
            imap.exchange("""
                    C: A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL
                    S: * SORT 5 3 4 1 2
                    S: A283 OK SORT completed
                    C: A284 SORT (SUBJECT) US-ASCII TEXT "not in mailbox"
                    S: * SORT
                    S: A284 OK SORT completed
                    """);
            // UID SORT answers UIDs; the implicit last criterion, the message number, is never reversed
            imap.exchange("""
                    C: A285 UID SORT (REVERSE SUBJECT) UTF-8 ALL
                    S: * SORT 1 2 3 4 5
                    S: A285 OK SORT completed
                    C: A286 SORT (DATE) UTF-8 ALL
                    S: * SORT 5 4 3 2 1
                    S: A286 OK SORT completed
                    C: A287 SORT (SUBJECT) KOI8-R ALL
                    S: A287 NO [BADCHARSET (US-ASCII UTF-8)] unsupported charset
                    C: A288 SORT (SUBJECT REVERSE) UTF-8 ALL
                    S: A288 BAD REVERSE must be followed by a sort criterion
                    C: A289 SORT (COLOUR) UTF-8 ALL
                    S: A289 BAD unknown sort criterion COLOUR
                    C: A290 SORT () UTF-8 ALL
                    S: A290 BAD SORT needs at least one sort criterion
                    """);
        }
    }

    @Test
    void rfc5957DisplayFromAndDisplayTo() throws Exception {
        MailboxSeed seed = server.seed("display@example.test");
        String date = "Tue, 1 Feb 1994 10:00:00 +0000";
        seed.append("From: Zed <a@example.test>\r\nTo: group: x@example.test;\r\nDate: " + date + "\r\n\r\n.\r\n");
        seed.append("From: b@example.test\r\nTo: =?utf-8?q?Andr=C3=A9?= <z@example.test>\r\nDate: " + date + "\r\n\r\n.\r\n");
        seed.append("From: =?iso-8859-1?q?Mia?= <c@example.test>\r\nTo: m@example.test\r\nDate: " + date + "\r\n\r\n.\r\n");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "display@example.test")) {
            // DISPLAYFROM: "b@example.test" (no name), "Mia" (decoded), "Zed"; FROM: mailboxes a, b, c
            imap.exchange("""
                    C: d1 SORT (DISPLAYFROM) UTF-8 ALL
                    S: * SORT 2 3 1
                    S: d1 OK SORT completed
                    C: d2 SORT (FROM) UTF-8 ALL
                    S: * SORT 1 2 3
                    S: d2 OK SORT completed
                    """);
            // DISPLAYTO: "André", "group", "m@example.test"
            assertThat(imap.command("d3", "SORT (DISPLAYTO) UTF-8 ALL"))
                    .isEqualTo("* SORT 2 1 3\r\nd3 OK SORT completed\r\n");
        }
    }

    /**
     * The RFC's THREAD examples: messages 166 to 208 arrived since 5-Mar-2000 (1 to 165 before), with subjects,
     * sent dates and references chosen so that both algorithms give exactly the RFC's answers.
     */
    @Test
    void rfc5256ThreadExamples() throws Exception {
        int[] sentOrder = {166, 167, 168, 169, 172, 170, 171, 173, 174, 175, 176, 178, 181, 180, 179, 177, 183, 182,
            188, 184, 185, 186, 187, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204,
            205, 206, 207, 208};
        Map<Integer, Integer> minuteOf = new HashMap<>();
        for (int i = 0; i < sentOrder.length; i++) {
            minuteOf.put(sentOrder[i], i);
        }
        Map<Integer, String> subjects = new HashMap<>();
        Map<Integer, String> headers = new HashMap<>();
        for (int n : new int[] {174, 175, 176, 178, 181, 180}) {
            subjects.put(n, "Group 174"); // same subject, no references: one thread by subject
        }
        for (int n : new int[] {177, 183, 182, 188, 185, 187}) {
            subjects.put(n, "Group 177");
        }
        for (int n : new int[] {184, 189}) {
            subjects.put(n, "Re: Group 177");
            headers.put(n, "In-Reply-To: <188@rfc.test>\r\n");
        }
        subjects.put(186, "Re: Group 177");
        headers.put(186, "In-Reply-To: <185@rfc.test>\r\n");
        headers.put(170, "References: <gone@rfc.test>\r\n"); // a parent that is not in the mailbox
        headers.put(179, "References: <gone@rfc.test>\r\n");
        subjects.put(194, "Group 194");
        subjects.put(195, "Group 194");
        subjects.put(196, "Group 196");
        headers.put(196, "References: <195@rfc.test>\r\n");
        subjects.put(197, "Group 196");
        subjects.put(198, "Re: Group 196");
        headers.put(198, "In-Reply-To: <197@rfc.test>\r\n");
        subjects.put(200, "Group 200");
        subjects.put(202, "Re: Group 200");
        headers.put(202, "In-Reply-To: <200@rfc.test> (sent by someone)\r\n");
        subjects.put(206, "Group 206");
        headers.put(206, "References: <205@rfc.test>\r\n");
        subjects.put(207, "Re: Group 206");
        headers.put(207, "References: <205@rfc.test>\r\n <206@rfc.test>\r\n");
        MailboxSeed seed = server.seed("threads@example.test");
        for (int n = 1; n <= 208; n++) {
            clock.set(Instant.parse(n < 166 ? "2000-03-01T00:00:00Z" : "2000-03-06T00:00:00Z"));
            int minute = minuteOf.getOrDefault(n, 0);
            String date = String.format("Mon, 6 Mar 2000 %02d:%02d:00 +0000", 10 + minute / 60, minute % 60);
            seed.append(message(subjects.getOrDefault(n, "Subject " + n), date,
                    "Message-ID: <" + n + "@rfc.test>\r\n" + headers.getOrDefault(n, "")));
        }
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "threads@example.test")) {
            imap.exchange("""
                    C: A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000
                    S: * THREAD (166)(167)(168)(169)(172)(170)(171)(173)(174 (175)(176)(178)(181)(180))(179)(177 \
                    (183)(182)(188)(184)(185)(186)(187)(189))(190)(191)(192)(193)(194 195)(196 (197)(198))(199)(200 \
                    202)(201)(203)(204)(205)(206 207)(208)
                    S: A283 OK THREAD completed
                    C: A284 THREAD ORDEREDSUBJECT US-ASCII TEXT "gewp"
                    S: * THREAD
                    S: A284 OK THREAD completed
                    C: A285 THREAD REFERENCES UTF-8 SINCE 5-MAR-2000
                    S: * THREAD (166)(167)(168)(169)(172)((170)(179))(171)(173)((174)(175)(176)(178)(181)(180))((177)\
                    (183)(182)(188 (184)(189))(185 186)(187))(190)(191)(192)(193)((194)(195 196))(197 198)(199)(200 \
                    202)(201)(203)(204)(205 206 207)(208)
                    S: A285 OK THREAD completed
                    C: A286 UID THREAD REFERENCES UTF-8 UID 205:207
                    S: * THREAD (205 206 207)
                    S: A286 OK THREAD completed
                    C: A287 THREAD X-MOST-RECENT UTF-8 ALL
                    S: A287 BAD unknown threading algorithm X-MOST-RECENT (ORDEREDSUBJECT and REFERENCES are known)
                    """);
        }
    }

    @Test
    void referencesBreakLoopsAndTruncatedReferencesAndKeepDuplicatesApart() throws Exception {
        MailboxSeed seed = server.seed("loops@example.test");
        // Dovecot's "thread" test: 2 claims <c> as its parent, 3 (<c>) then says 2 is its own parent
        seed.append(message("one", "Fri, 22 Feb 2008 17:06:23 +0000", "Message-ID: <a@b>\r\n"));
        seed.append(message("two", "Fri, 22 Feb 2008 15:06:23 +0000",
                "Message-ID: <b@b>\r\nReferences: <a@b> <c@b>\r\n"));
        seed.append(message("three", "Fri, 22 Feb 2008 16:06:25 +0000", "Message-ID: <c@b>\r\nReferences: <b@b>\r\n"));
        // the same Message-ID twice: two messages, not one
        seed.append(message("dup", "Fri, 22 Feb 2008 18:00:00 +0000", "Message-ID: <d@b>\r\n"));
        seed.append(message("other", "Fri, 22 Feb 2008 18:00:01 +0000", "Message-ID: <d@b>\r\n"));
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "loops@example.test")) {
            assertThat(imap.command("t1", "THREAD REFERENCES US-ASCII ALL"))
                    .isEqualTo("* THREAD (3 2)(1)(4)(5)\r\nt1 OK THREAD completed\r\n");
        }
    }
}
