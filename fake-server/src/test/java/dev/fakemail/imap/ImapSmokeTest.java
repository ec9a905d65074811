package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImapSmokeTest {
    private FakeMailServer server;

    @BeforeEach
    void start() {
        server = FakeMailServer.builder().build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void selectFetchSearchStore() throws Exception {
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("First", "one"));
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("Second", "two needle"));
        try (ImapSupport.RawImap imap = new ImapSupport.RawImap(server)) {
            assertThat(imap.line()).startsWith("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=");
            assertThat(imap.command("a1", "LOGIN bob@example.test secret")).contains("a1 OK [CAPABILITY");
            String select = imap.command("a2", "SELECT INBOX");
            System.out.println(select);
            assertThat(select).contains("* 2 EXISTS\r\n", "* 2 RECENT\r\n", "a2 OK [READ-WRITE] SELECT completed");
            String fetch = imap.command("a3", "FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[HEADER.FIELDS (Subject)])");
            System.out.println(fetch);
            assertThat(fetch).contains("* 1 FETCH (UID 1 FLAGS (\\Recent)", "Subject: Second");
            assertThat(imap.command("a4", "SEARCH TEXT needle")).contains("* SEARCH 2\r\n");
            String store = imap.command("a5", "STORE 1 +FLAGS (\\Deleted)");
            System.out.println(store);
            assertThat(store).contains("* 1 FETCH (FLAGS (");
            String expunge = imap.command("a6", "EXPUNGE");
            assertThat(expunge).contains("* 1 EXPUNGE\r\n");
            String body = imap.command("a7", "FETCH 1 BODY[]");
            System.out.println(body);
            assertThat(body).contains("BODY[] {", "FLAGS (\\Recent \\Seen)");
            System.out.println(imap.command("a8", "LIST \"\" *"));
            System.out.println(imap.command("a9", "LOGOUT"));
        }
    }
}
