package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailboxSeed;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SEARCHRES (RFC 5182, "$") and WITHIN (RFC 5032) over a plain socket: the RFCs' examples, byte for byte. */
@ExtendWith(ClosesServers.class)
class ImapSearchResTest {
    private final ManualClock clock = new ManualClock(Instant.parse("1993-06-01T00:00:00Z"));
    private final FakeMailServer server = FakeMailServer.builder().clock(clock).build().start();

    private static String message(String from, String body) {
        return "From: " + from + "\r\nTo: bob@example.test\r\nSubject: s\r\nDate: Tue, 1 Jun 1993 10:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    /**
     * Examples 3 and 4: 3,021 messages with UIDs equal to their numbers. Since 1994: 882 and 1102 (with the
     * 8-octet text), 17, 500, 900 and 901 (since 2004; 500 is large), 600 from Smith; the text is also in 2000,
     * 3003, 3005 and 3006, which only the explicit set reaches.
     */
    @Test
    void rfc5182Examples3And4() throws Exception {
        String needle = "Grüße!"; // 8 octets of UTF-8
        assertThat(needle.getBytes(StandardCharsets.UTF_8)).hasSize(8);
        MailboxSeed seed = server.seed("res@example.test");
        for (int n = 1; n <= 3021; n++) {
            boolean since2004 = Set.of(17, 500, 600, 900, 901).contains(n);
            boolean since1994 = n == 882 || n == 1102;
            clock.set(Instant.parse(since2004 ? "2005-01-01T00:00:00Z" : since1994 ? "1995-01-01T00:00:00Z"
                    : "1993-06-01T00:00:00Z"));
            boolean text = Set.of(882, 1102, 2000, 3003, 3005, 3006).contains(n);
            String body = text ? "wir senden " + needle : n == 500 ? "x".repeat(5000) : "nothing";
            seed.append(message(n == 600 ? "John Smith <js@example.test>" : "Alice <alice@example.test>", body));
        }
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "res@example.test")) {
            imap.exchange("""
                    C: A300 SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM "Smith"
                    S: A300 OK SEARCH completed, result saved
                    C: A301 UID SEARCH UID $ SMALLER 4096
                    S: * SEARCH 17 900 901
                    S: A301 OK SEARCH completed
                    C: A302 UID SEARCH $ SMALLER 4096
                    S: * SEARCH 17 900 901
                    S: A302 OK SEARCH completed
                    """);

            imap.exchange("""
                    C: P282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM "Smith"
                    S: P282 OK SEARCH completed, result saved
                    C: P283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8}
                    S: + Ready for literal data
                    C: Grüße!
                    S: * SEARCH 882 1102 3003 3005 3006
                    S: P283 OK SEARCH completed
                    """); // the needle sent as its 8 octets of UTF-8
        }
    }

    /** Examples 5 and 6: a failed SAVE empties "$", and an empty "$" is a valid set that names nothing. */
    @Test
    void rfc5182Examples5And6() throws Exception {
        MailboxSeed seed = server.seed("empty@example.test");
        clock.set(Instant.parse("2007-01-01T00:00:00Z"));
        seed.append(message("Alice <alice@example.test>", "one"));
        seed.append(message("Eric <eric@example.test>", "two"));
        server.seed("empty@example.test").folder("Other Messages");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "empty@example.test")) {
            imap.exchange("""
                    C: B282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM "Smith"
                    S: B282 OK SEARCH completed, result saved
                    C: B283 SEARCH RETURN (SAVE) CHARSET KOI8-R (OR $ 1) TEXT XXXX
                    S: B283 NO [BADCHARSET (US-ASCII UTF-8)] unsupported charset KOI8-R
                    C: B284 FETCH $ (UID)
                    S: B284 OK FETCH completed
                    """);

            imap.exchange("""
                    C: E282 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 NOT FROM "Alice"
                    S: E282 OK SEARCH completed, result saved
                    C: E283 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 FROM "Mallory"
                    S: E283 OK SEARCH completed, result saved
                    C: E284 COPY $ "Other Messages"
                    S: E284 OK COPY completed, no messages
                    """);
            // a SEARCH without SAVE, or a BAD one, leaves "$" alone
            assertThat(imap.command("E285", "SEARCH RETURN (SAVE) FROM \"Eric\"")).endsWith("result saved\r\n");
            assertThat(imap.command("E286", "SEARCH ALL")).isEqualTo("* SEARCH 1 2\r\nE286 OK SEARCH completed\r\n");
            assertThat(imap.command("E287", "SEARCH RETURN (SAVE) NONSENSE")).startsWith("E287 BAD");
            assertThat(imap.command("E288", "FETCH $ (UID)"))
                    .isEqualTo("* 2 FETCH (UID 2)\r\nE288 OK FETCH completed\r\n");
        }
    }

    /** Example 7, pipelined: COPY and STORE use the result of the SEARCH sent just before them. */
    @Test
    void rfc5182Example7Pipelined() throws Exception {
        MailboxSeed seed = server.seed("junk@example.test");
        seed.append(message("a <a@example.test>", "one"));
        seed.append(message("b <b@example.test>", "two"), "$Junk");
        seed.append(message("c <c@example.test>", "three"), "$Junk");
        server.seed("junk@example.test").folder("Junk");
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "junk@example.test")) {
            imap.send("F282 SEARCH RETURN (SAVE) KEYWORD $Junk\r\nF283 COPY $ \"Junk\"\r\n"
                    + "F284 STORE $ +FLAGS.Silent (\\Deleted)\r\n");
            assertThat(imap.untilTagged("F282")).isEqualTo("F282 OK SEARCH completed, result saved\r\n");
            assertThat(imap.untilTagged("F283")).startsWith("F283 OK [COPYUID ").endsWith(" 2:3 1:2] COPY completed\r\n");
            assertThat(imap.untilTagged("F284")).isEqualTo("F284 OK STORE completed\r\n");
            assertThat(imap.command("F285", "SEARCH DELETED")).isEqualTo("* SEARCH 2 3\r\nF285 OK SEARCH completed\r\n");
            // expunged messages leave "$"; a new SELECT empties it
            imap.exchange("""
                    C: F286 EXPUNGE
                    S: * 2 EXPUNGE
                    S: * 2 EXPUNGE
                    S: F286 OK EXPUNGE completed
                    C: F287 UID FETCH $ (FLAGS)
                    S: F287 OK FETCH completed
                    """);
            imap.command("F288", "SEARCH RETURN (SAVE) ALL");
            imap.command("F289", "SELECT INBOX");
            assertThat(imap.command("F290", "SEARCH $")).isEqualTo("* SEARCH\r\nF290 OK SEARCH completed\r\n");
        }
    }

    /** Example 10: what "$" holds with MIN, MAX, COUNT and ALL beside SAVE (results 2,10:15,21). */
    @Test
    void rfc5182Example10() throws Exception {
        MailboxSeed seed = server.seed("esearch@example.test");
        for (int n = 1; n <= 22; n++) {
            boolean found = n == 2 || (n >= 10 && n <= 15) || n == 21;
            clock.set(Instant.parse(found || n == 16 ? "2006-03-01T00:00:00Z" : "2006-01-01T00:00:00Z"));
            seed.append(message(n == 16 ? "Smith <s@example.test>" : "Alice <a@example.test>", "m" + n));
        }
        String keys = "SINCE 12-Feb-2006 NOT FROM \"Smith\"";
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "esearch@example.test")) {
            assertThat(imap.command("C282", "SEARCH RETURN (ALL) " + keys))
                    .isEqualTo("* ESEARCH (TAG \"C282\") ALL 2,10:15,21\r\nC282 OK SEARCH completed\r\n");
            assertThat(imap.command("C283", "SEARCH RETURN (ALL SAVE) " + keys))
                    .isEqualTo("* ESEARCH (TAG \"C283\") ALL 2,10:15,21\r\nC283 OK SEARCH completed, result saved\r\n");
            assertThat(saved(imap)).isEqualTo("2,10:15,21");
            assertThat(imap.command("C284", "SEARCH RETURN (SAVE MIN) " + keys))
                    .isEqualTo("* ESEARCH (TAG \"C284\") MIN 2\r\nC284 OK SEARCH completed, result saved\r\n");
            assertThat(saved(imap)).isEqualTo("2");
            assertThat(imap.command("C285", "SEARCH RETURN (MAX SAVE MIN) " + keys))
                    .isEqualTo("* ESEARCH (TAG \"C285\") MIN 2 MAX 21\r\nC285 OK SEARCH completed, result saved\r\n");
            assertThat(saved(imap)).isEqualTo("2,21");
            assertThat(imap.command("C286", "SEARCH RETURN (MAX SAVE MIN COUNT) " + keys)).isEqualTo(
                    "* ESEARCH (TAG \"C286\") MIN 2 MAX 21 COUNT 8\r\nC286 OK SEARCH completed, result saved\r\n");
            assertThat(saved(imap)).isEqualTo("2,10:15,21");
            assertThat(imap.command("C287", "SEARCH RETURN (SAVE MAX) " + keys)).endsWith("result saved\r\n");
            assertThat(saved(imap)).isEqualTo("21");
            assertThat(imap.command("C288", "SEARCH RETURN (ALL SAVE MIN) " + keys)).isEqualTo(
                    "* ESEARCH (TAG \"C288\") MIN 2 ALL 2,10:15,21\r\nC288 OK SEARCH completed, result saved\r\n");
            assertThat(saved(imap)).isEqualTo("2,10:15,21");
        }
    }

    private static String saved(ImapSupport.RawImap imap) throws Exception {
        String reply = imap.command("S1", "SEARCH RETURN (ALL) $");
        return reply.replaceAll("(?s)^\\* ESEARCH \\(TAG \"S1\"\\) ALL ([0-9:,]+)\r\n.*", "$1");
    }

    /** RFC 5032's example: unseen messages of the last three days, by the server's clock. */
    @Test
    void rfc5032WithinExample() throws Exception {
        Instant now = Instant.parse("2008-06-10T12:00:00Z");
        Set<Integer> unseenAndYoung = Set.of(4, 8, 15, 16, 23, 42);
        MailboxSeed seed = server.seed("within@example.test");
        for (int n = 1; n <= 42; n++) {
            boolean young = unseenAndYoung.contains(n) || n % 2 == 1;
            clock.set(now.minus(young ? Duration.ofDays(1) : Duration.ofDays(4)));
            if (n == 42) {
                clock.set(now.minusSeconds(259200)); // exactly the interval: "more recent than or equal to"
            }
            seed.append(message("a <a@example.test>", "m" + n), unseenAndYoung.contains(n) || n % 3 == 0 && !young
                    ? new String[0] : new String[] {"\\Seen"});
        }
        clock.set(now);
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, "within@example.test")) {
            imap.exchange("""
                    C: a1 SEARCH UNSEEN YOUNGER 259200
                    S: * SEARCH 4 8 15 16 23 42
                    S: a1 OK SEARCH completed
                    C: a3 SEARCH OLDER 259200 UNSEEN
                    S: * SEARCH 6 12 18 24 30 36 42
                    S: a3 OK SEARCH completed
                    C: a4 SEARCH YOUNGER 0
                    S: a4 BAD zero where a nonzero number is required
                    """);
        }
    }
}
