package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.fault.Trigger;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.ClosesServers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IMAP's own fault vocabulary over a real socket, exact bytes: the literal, literal-end and idle triggers, the
 * UID verbs, and the untagged, expunge-elsewhere and new-uidvalidity effects.
 */
@ExtendWith(ClosesServers.class)
class ImapFaultTriggersTest {
    private static final String BOB = "bob@example.test";
    private final FakeMailServer server = ImapSupport.serverWithMail(BOB, "First", "Second");

    private Mailbox inbox() {
        return server.store().mailbox(BOB, "INBOX").orElseThrow();
    }

    /** The fault rules (text form) added, then logged in. */
    private ImapSupport.RawImap loggedInUnder(String rules) throws Exception {
        server.faults().addText(rules);
        return loggedIn();
    }

    /** The fault rules (text form) added, then idling in the mailbox opened with {@code open}. */
    private ImapSupport.RawImap idlingUnder(String rules, String open) throws Exception {
        server.faults().addText(rules);
        return idling(open);
    }

    /** Logged in, the mailbox opened with {@code open} ("SELECT" or "EXAMINE"), and idling as "a3". */
    private ImapSupport.RawImap idling(String open) throws Exception {
        ImapSupport.RawImap imap = loggedIn();
        imap.command("a2", open + " INBOX");
        imap.send("a3 IDLE\r\n");
        assertThat(imap.response()).isEqualTo("+ idling\r\n");
        return imap;
    }

    private ImapSupport.RawImap loggedIn() throws Exception {
        return ImapSupport.loggedIn(server, BOB);
    }

    @Test
    void literalTriggerRefusesAnAppendInsteadOfTheContinuation() throws Exception {
        FaultHandle rule = server.faults().imap(Trigger.literal("APPEND")).reply(452, "OVERQUOTA", "quota exceeded");
        try (ImapSupport.RawImap imap = loggedIn()) {
            imap.send("a2 LOGIN {3}\r\n"); // another verb's literal is not matched
            assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
            imap.send("bob x\r\n");
            assertThat(imap.untilTagged("a2")).endsWith("a2 BAD LOGIN only before logging in\r\n");
            imap.exchange("""
                    C: a3 APPEND INBOX {12}
                    S: a3 NO [OVERQUOTA] quota exceeded
                    C: a4 NOOP
                    S: a4 OK NOOP completed
                    """);
        }
        assertThat(rule.hits()).isEqualTo(1);
        assertThat(inbox().size()).isEqualTo(2);
    }

    @Test
    void aRefusedLiteralPlusIsReadAndDroppedWithTheRestOfItsCommand() throws Exception {
        try (ImapSupport.RawImap imap = loggedInUnder("imap literal -> reply 452 OVERQUOTA \"quota exceeded\"")) {
            imap.exchange("""
                    C: a2 APPEND INBOX {12+}
                    C: Hello World! {3+}
                    C: xyz
                    C: a3 NOOP
                    S: a2 NO [OVERQUOTA] quota exceeded
                    S: a3 OK NOOP completed
                    """);
        }
        assertThat(inbox().size()).isEqualTo(2);
    }

    @Test
    void literalEndRefusesTheCommandAfterTheLiteralArrived() throws Exception {
        try (ImapSupport.RawImap imap =
                loggedInUnder("imap literal-end APPEND -> reply 451 4.3.0 \"try again later\" times 1")) {
            imap.exchange("""
                    C: a2 APPEND INBOX (\\Seen) {12}
                    S: + Ready for literal data
                    C: Hello World!
                    S: a2 NO [UNAVAILABLE] try again later
                    C: a3 NOOP
                    S: a3 OK NOOP completed
                    C: a4 APPEND INBOX {12}
                    S: + Ready for literal data
                    """);
            imap.send("Hello World!\r\n");
            assertThat(imap.response()).startsWith("a4 OK [APPENDUID ");
        }
        assertThat(inbox().size()).isEqualTo(3);
    }

    @Test
    void anAppendCutOffAfterItsLiteralIsUnacknowledgedAndNeverStored() throws Exception {
        try (ImapSupport.RawImap imap = loggedInUnder("imap literal-end APPEND -> disconnect")) {
            imap.send("a2 APPEND INBOX {12}\r\n");
            assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
            imap.send("Hello World!\r\n");
            assertThat(imap.response()).isEmpty(); // closed without a reply
        }
        assertThat(inbox().size()).isEqualTo(2);
        assertThat(server.unacknowledged()).hasSize(1);
        ReceivedMessage lost = server.unacknowledged().get(0);
        assertThat(new String(lost.bytes(), StandardCharsets.UTF_8)).isEqualTo("Hello World!");
        assertThat(lost.envelope().recipientAddresses()).containsExactly(BOB);
        assertThat(lost.envelope().protocol()).isEqualTo("IMAP");
        assertThat(lost.unacknowledgedFate().orElseThrow())
                .isEqualTo("connection closed by a fault rule after the APPEND literal arrived, before any reply");
    }

    @Test
    void uidVerbsMatchTheUidFormOnlyAndUidAloneMatchesEveryUidCommand() throws Exception {
        try (ImapSupport.RawImap imap = loggedInUnder(
                "imap uid fetch -> reply 451 \"no uid fetch\"; imap uid -> reply 452 \"no uid commands\"")) {
            imap.command("a2", "EXAMINE INBOX");
            imap.exchange("""
                    C: a3 FETCH 1 UID
                    S: * 1 FETCH (UID 1)
                    S: a3 OK FETCH completed
                    C: a4 UID FETCH 1 UID
                    S: a4 NO [UNAVAILABLE] no uid fetch
                    C: a5 UID SEARCH ALL
                    S: a5 NO [UNAVAILABLE] no uid commands
                    C: a6 SEARCH ALL
                    S: * SEARCH 1 2
                    S: a6 OK SEARCH completed
                    """);
        }
    }

    @Test
    void untaggedGoesOutBeforeTheCommandOrAfterItsReply() throws Exception {
        try (ImapSupport.RawImap imap = loggedInUnder("imap EXAMINE -> untagged \"OK [ALERT] Mailbox is almost full\"; "
                + "imap after NOOP -> untagged \"* OK still here\"")) {
            assertThat(imap.command("a2", "EXAMINE INBOX")).startsWith("* OK [ALERT] Mailbox is almost full\r\n"
                    + "* FLAGS (").endsWith("a2 OK [READ-ONLY] EXAMINE completed\r\n");
            imap.exchange("""
                    C: a3 NOOP
                    S: a3 OK NOOP completed
                    S: * OK still here
                    """);
        }
    }

    @Test
    void idleTriggerSendsUntaggedLinesAtOnce() throws Exception {
        try (ImapSupport.RawImap imap =
                idlingUnder("imap idle -> untagged \"OK [ALERT] Maintenance in 5 minutes\"", "EXAMINE")) {
            assertThat(imap.response()).isEqualTo("* OK [ALERT] Maintenance in 5 minutes\r\n");
            imap.send("DONE\r\n");
            assertThat(imap.response()).isEqualTo("a3 OK IDLE terminated\r\n");
        }
    }

    @Test
    void expungeElsewhereWhileIdlingIsPushedAtOnce() throws Exception {
        try (ImapSupport.RawImap imap = idlingUnder("imap idle -> expunge-elsewhere first", "SELECT")) {
            assertThat(imap.response()).isEqualTo("* 1 EXPUNGE\r\n");
            imap.exchange("""
                    C: DONE
                    S: a3 OK IDLE terminated
                    C: a4 UID SEARCH ALL
                    S: * SEARCH 2
                    S: a4 OK SEARCH completed
                    """);
        }
        assertThat(inbox().size()).isEqualTo(1);
    }

    @Test
    void expungeElsewhereDuringFetchIsToldOnlyWhereRfc3501AllowsIt() throws Exception {
        try (ImapSupport.RawImap imap = loggedInUnder("imap FETCH -> expunge-elsewhere 2 times 1")) {
            imap.command("a2", "EXAMINE INBOX");
            String fetch = imap.command("a3", "FETCH 2 (UID RFC822.SIZE)");
            assertThat(fetch).startsWith("* 2 FETCH (UID 2 RFC822.SIZE ").endsWith("a3 OK FETCH completed\r\n")
                    .doesNotContain("EXPUNGE"); // the message's own data, the expunge told later
            assertThat(imap.command("a4", "NOOP")).isEqualTo("* 2 EXPUNGE\r\na4 OK NOOP completed\r\n");
        }
        assertThat(inbox().size()).isEqualTo(1);
    }

    @Test
    void idleCanEndWithByeAndTheConnectionCloses() throws Exception {
        try (ImapSupport.RawImap imap = idlingUnder("imap idle -> reply 421 \"Server shutting down\"", "EXAMINE")) {
            assertThat(imap.response()).isEqualTo("* BYE [UNAVAILABLE] Server shutting down\r\n");
            assertThat(imap.response()).isEmpty();
        }
    }

    @Test
    void rulesCombineAtIdleAsANatBoxDroppingAnIdleConnection() throws Exception {
        server.faults().addText("imap idle -> delay 300ms; imap idle -> disconnect");
        long start = System.nanoTime();
        try (ImapSupport.RawImap imap = idling("EXAMINE")) {
            assertThat(imap.response()).isEmpty(); // dropped without a word
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void newUidValidityEndsSessionsThatSelectedTheMailboxAndRenumbersIt() throws Exception {
        long before = inbox().uidValidity();
        try (ImapSupport.RawImap idler = loggedIn(); ImapSupport.RawImap trigger = loggedIn()) {
            idler.command("b1", "SELECT INBOX");
            idler.send("b2 IDLE\r\n");
            assertThat(idler.response()).isEqualTo("+ idling\r\n");
            trigger.command("a2", "SELECT INBOX");
            server.faults().addText("imap NOOP -> new-uidvalidity times 1");
            String bye = "* BYE [UNAVAILABLE] selected mailbox INBOX was deleted or re-created elsewhere; its UIDs are "
                    + "no longer valid\r\n";
            trigger.send("a3 NOOP\r\n");
            assertThat(trigger.response()).isEqualTo(bye);
            assertThat(trigger.response()).isEmpty();
            assertThat(idler.response()).isEqualTo(bye); // pushed while it idles
            assertThat(idler.response()).isEmpty();
        }
        long after = inbox().uidValidity();
        assertThat(after).isGreaterThan(before);
        try (ImapSupport.RawImap imap = loggedIn()) {
            String select = imap.command("c1", "SELECT INBOX");
            assertThat(select).contains("* 2 EXISTS\r\n", "* OK [UIDVALIDITY " + after + "]", "* OK [UIDNEXT 3]",
                    "* 0 RECENT\r\n");
            assertThat(imap.command("c2", "UID FETCH 1:* (UID FLAGS)"))
                    .isEqualTo("* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS ())\r\nc2 OK FETCH completed\r\n");
        }
    }
}
