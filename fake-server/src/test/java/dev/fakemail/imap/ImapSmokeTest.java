package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClosesServers.class)
class ImapSmokeTest {
    private FakeMailServer server;

    @BeforeEach
    void start() {
        server = FakeMailServer.builder().build().start();
    }

    @Test
    void selectFetchSearchStore() throws Exception {
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("First", "one"));
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("Second", "two needle"));
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.response()).isEqualTo("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 "
                    + "AUTH=XOAUTH2 AUTH=OAUTHBEARER LITERAL+ SASL-IR IDLE ENABLE ID] fakemail ready\r\n");
            assertThat(imap.command("a1", "LOGIN bob@example.test secret")).isEqualTo("* CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS "
                    + "LITERAL+ SASL-IR IDLE UIDPLUS MOVE NAMESPACE UNSELECT ENABLE ID CHILDREN SPECIAL-USE CONDSTORE "
                    + "ESEARCH LIST-EXTENDED LIST-STATUS MULTIAPPEND SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES "
                    + "ESORT CONTEXT=SEARCH CONTEXT=SORT SEARCHRES WITHIN QRESYNC BINARY STATUS=SIZE QUOTA QUOTA=RES-STORAGE "
                    + "QUOTA=RES-MESSAGE QUOTASET UTF8=ACCEPT COMPRESS=DEFLATE CATENATE NOTIFY APPENDLIMIT=26214400\r\n"
                    + "a1 OK LOGIN completed\r\n");
            String select = imap.command("a2", "SELECT INBOX");
            assertThat(select).contains("* 2 EXISTS\r\n", "* 2 RECENT\r\n", "a2 OK [READ-WRITE] SELECT completed");
            String fetch = imap.command("a3", "FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[HEADER.FIELDS (Subject)])");
            assertThat(fetch).contains("* 1 FETCH (UID 1 FLAGS (\\Recent)", "Subject: Second");
            assertThat(imap.command("a4", "SEARCH TEXT needle")).contains("* SEARCH 2\r\n");
            String store = imap.command("a5", "STORE 1 +FLAGS (\\Deleted)");
            assertThat(store).contains("* 1 FETCH (FLAGS (");
            String expunge = imap.command("a6", "EXPUNGE");
            assertThat(expunge).contains("* 1 EXPUNGE\r\n");
            String body = imap.command("a7", "FETCH 1 BODY[]");
            assertThat(body).contains("BODY[] {", "FLAGS (\\Recent \\Seen)");
            System.out.println(imap.command("a8", "LIST \"\" *"));
            System.out.println(imap.command("a9", "LOGOUT"));
        }
    }

    @Test
    void aLoginThatMatchesNoAddressWithMailSaysSoInTheTranscript() throws Exception {
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("First", "one"));
        for (String user : new String[] {"Bob@Example.test", "bobby@example.test"}) {
            try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
                imap.response();
                assertThat(imap.command("a1", "LOGIN " + user + " x")).contains("a1 OK ");
                assertThat(imap.command("a2", "LOGOUT")).endsWith("a2 OK LOGOUT completed\r\n");
            }
        }
        java.util.function.Function<String, String> transcriptOf = login -> server.transcripts().stream()
                .filter(t -> t.protocol().equals("IMAP") && t.toString().contains("LOGIN " + login))
                .findFirst().orElseThrow().toString();
        assertThat(transcriptOf.apply("Bob@Example.test")).doesNotContain("matches no address");
        assertThat(transcriptOf.apply("bobby@example.test")).contains("*: login bobby@example.test matches no address "
                + "that has received or stored mail: its INBOX is new and empty (mail is filed under the lower-cased "
                + "RCPT TO address)");
    }
}
