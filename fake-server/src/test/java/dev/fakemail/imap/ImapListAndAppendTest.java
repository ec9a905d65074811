package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LIST (basic, LIST-EXTENDED, LIST-STATUS), LSUB and MULTIAPPEND with exact bytes. */
class ImapListAndAppendTest extends ImapSupport.LoggedInBob {
    @Override
    void beforeLogin() {
        ImapSupport.deliver(server, ImapSupport.BOB, ImapSupport.message("First", "one"));
    }

    @Test
    void basicListWithWildcardsAndTheDelimiterQuery() throws Exception {
        imap.command("a1", "CREATE Work/2026/Q1");
        imap.exchange("""
                C: a2 LIST "" ""
                S: * LIST (\\Noselect) "/" ""
                S: a2 OK LIST completed
                C: a3 LIST "" Work/%
                S: * LIST (\\HasChildren) "/" "Work/2026"
                S: a3 OK LIST completed
                C: a4 LIST Work/ *
                S: * LIST (\\HasChildren) "/" "Work/2026"
                S: * LIST (\\HasNoChildren) "/" "Work/2026/Q1"
                S: a4 OK LIST completed
                C: a5 LIST "" inbox
                S: * LIST (\\HasNoChildren) "/" "INBOX"
                S: a5 OK LIST completed
                """);
    }

    @Test
    void listExtendedSubscribedWithStatus() throws Exception {
        imap.command("a1", "CREATE Lists/Alpha");
        imap.command("a2", "SUBSCRIBE Lists/Alpha");
        imap.command("a3", "SUBSCRIBE Gone");
        imap.exchange("""
                C: a4 LIST (SUBSCRIBED) "" * RETURN (STATUS (MESSAGES UNSEEN))
                S: * LIST (\\HasNoChildren \\Subscribed) "/" "Lists/Alpha"
                S: * STATUS "Lists/Alpha" (MESSAGES 0 UNSEEN 0)
                S: * LIST (\\NonExistent \\Subscribed) "/" "Gone"
                S: a4 OK LIST completed
                C: a5 LIST (SUBSCRIBED RECURSIVEMATCH) "" %
                S: * LIST (\\HasChildren) "/" "Lists" ("CHILDINFO" ("SUBSCRIBED"))
                S: * LIST (\\NonExistent \\Subscribed) "/" "Gone"
                S: a5 OK LIST completed
                C: a6 LIST "" (INBOX Sent) RETURN (SPECIAL-USE STATUS (MESSAGES))
                S: * LIST (\\HasNoChildren) "/" "INBOX"
                S: * STATUS "INBOX" (MESSAGES 1)
                S: * LIST (\\HasNoChildren \\Sent) "/" "Sent"
                S: * STATUS "Sent" (MESSAGES 0)
                S: a6 OK LIST completed
                """);
    }

    @Test
    void multiappendStoresEveryMessageAndNamesTheirUids() throws Exception {
        String one = "Subject: one\r\n\r\n1\r\n";
        String two = "Subject: two\r\n\r\n2\r\n";
        imap.send("a1 APPEND Drafts (\\Draft) {" + one.length() + "+}\r\n" + one
                + " \"04-Dec-2026 10:00:00 +0100\" {" + two.length() + "+}\r\n" + two + "\r\n");
        String reply = imap.untilTagged("a1");
        long validity = server.store().mailbox("bob@example.test", "Drafts").orElseThrow().uidValidity();
        assertThat(reply).isEqualTo("a1 OK [APPENDUID " + validity + " 1:2] APPEND completed\r\n");
        assertThat(server.store().mailbox("bob@example.test", "Drafts").orElseThrow().messages())
                .extracting(message -> message.internalDate().getOffset().getTotalSeconds())
                .last().isEqualTo(3600);
    }

    @Test
    void childInfoOnlyForASubscribedChildThePatternsDoNotReturn() throws Exception {
        imap.command("a1", "CREATE Lists/Alpha");
        imap.command("a2", "SUBSCRIBE Lists/Alpha");
        assertThat(imap.command("a3", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (Lists Lists/Alpha)")).isEqualTo(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Lists/Alpha\"\r\na3 OK LIST completed\r\n");
    }

    @Test
    void aNewKeywordIsAnnouncedInFlagsBeforeAFetchUsesIt() throws Exception {
        imap.command("a1", "SELECT INBOX");
        imap.exchange("""
                C: a2 STORE 1 +FLAGS ($hello)
                S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $hello)
                S: * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $hello \\*)] flags permitted
                S: * 1 FETCH (FLAGS (\\Recent $hello))
                S: a2 OK STORE completed
                C: a3 STORE 1 -FLAGS ($hello)
                S: * 1 FETCH (FLAGS (\\Recent))
                S: a3 OK STORE completed
                """);
    }
}
