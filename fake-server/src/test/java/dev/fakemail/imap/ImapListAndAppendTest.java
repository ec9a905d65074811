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
        assertThat(imap.command("a2", "LIST \"\" \"\"")).isEqualTo("* LIST (\\Noselect) \"/\" \"\"\r\na2 OK LIST completed\r\n");
        assertThat(imap.command("a3", "LIST \"\" Work/%")).isEqualTo(
                "* LIST (\\HasChildren) \"/\" \"Work/2026\"\r\na3 OK LIST completed\r\n");
        assertThat(imap.command("a4", "LIST Work/ *")).isEqualTo("* LIST (\\HasChildren) \"/\" \"Work/2026\"\r\n"
                + "* LIST (\\HasNoChildren) \"/\" \"Work/2026/Q1\"\r\na4 OK LIST completed\r\n");
        assertThat(imap.command("a5", "LIST \"\" inbox")).isEqualTo(
                "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\na5 OK LIST completed\r\n");
    }

    @Test
    void listExtendedSubscribedWithStatus() throws Exception {
        imap.command("a1", "CREATE Lists/Alpha");
        imap.command("a2", "SUBSCRIBE Lists/Alpha");
        imap.command("a3", "SUBSCRIBE Gone");
        assertThat(imap.command("a4", "LIST (SUBSCRIBED) \"\" * RETURN (STATUS (MESSAGES UNSEEN))")).isEqualTo(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Lists/Alpha\"\r\n"
                        + "* STATUS \"Lists/Alpha\" (MESSAGES 0 UNSEEN 0)\r\n"
                        + "* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"\r\n"
                        + "a4 OK LIST completed\r\n");
        assertThat(imap.command("a5", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %")).isEqualTo(
                "* LIST (\\HasChildren) \"/\" \"Lists\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
                        + "* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"\r\n"
                        + "a5 OK LIST completed\r\n");
        assertThat(imap.command("a6", "LIST \"\" (INBOX Sent) RETURN (SPECIAL-USE STATUS (MESSAGES))")).isEqualTo(
                "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n* STATUS \"INBOX\" (MESSAGES 1)\r\n"
                        + "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"\r\n* STATUS \"Sent\" (MESSAGES 0)\r\n"
                        + "a6 OK LIST completed\r\n");
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
        assertThat(imap.command("a2", "STORE 1 +FLAGS ($hello)")).isEqualTo(
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $hello)\r\n"
                        + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $hello \\*)] flags permitted\r\n"
                        + "* 1 FETCH (FLAGS (\\Recent $hello))\r\na2 OK STORE completed\r\n");
        assertThat(imap.command("a3", "STORE 1 -FLAGS ($hello)")).isEqualTo(
                "* 1 FETCH (FLAGS (\\Recent))\r\na3 OK STORE completed\r\n");
    }
}
