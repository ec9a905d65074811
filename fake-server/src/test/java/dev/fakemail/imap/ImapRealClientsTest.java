package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.store.Mailbox;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ExternalClient;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real IMAP clients over loopback, each a program of its own language run as an application would run it:
 * Python's imaplib (plain, STARTTLS, implicit TLS), Ruby's Net::IMAP (its documentation's examples) and
 * imapflow (Node, with IDLE). The scripts live in src/test/clients.
 */
@Timeout(120)
@ExtendWith(ClosesServers.class)
class ImapRealClientsTest {
    private static final String USER = "bob@example.test";
    private final FakeMailServer server = ImapSupport.serverWithMail(FakeMailServer.builder().imapsPort(0), USER,
            "First", "Second");

    private List<String> python(String mode, int port) throws Exception {
        ExternalClient.require("python3", "apt-get install python3");
        try (ExternalClient client = ExternalClient.start("python3",
                ExternalClient.CLIENTS.resolve("python/imap_client.py").toString(), "127.0.0.1",
                String.valueOf(port), USER, "secret", mode)) {
            return client.finish();
        }
    }

    @Test
    void pythonImaplib() throws Exception {
        List<String> lines = python("plain", server.imap().port());
        assertThat(lines).contains("select: 2", "search subject Second: 2",
                "fetch subjects: Subject: First ; Subject: Second", "fetch rfc822 subject: Second",
                "seen after fetch: True", "copy: ok", "expunge: 1", "select again: 1", "logout: BYE");
        assertThat(lines).anyMatch(line -> line.startsWith("capabilities: ") && line.contains("IDLE")
                && line.contains("STARTTLS"));
        assertThat(lines).anyMatch(line -> line.startsWith("status: ") && line.contains("MESSAGES 1"));
        assertThat(lines).anyMatch(line -> line.matches("append: \\[APPENDUID \\d+ 1\\] APPEND completed"));
        assertThat(server.store().mailbox(USER, "Drafts").orElseThrow().messages()).singleElement()
                .satisfies(draft -> assertThat(draft.flags()).containsExactly("\\Draft"));
    }

    @Test
    void pythonImaplibOverStartTlsAndImplicitTls() throws Exception {
        assertThat(python("starttls", server.imap().port())).contains("select: 2", "logout: BYE");
        server.repository().deleteMailbox(USER, "Archive/2024");
        assertThat(python("ssl", server.imaps().port())).contains("select again: 0", "logout: BYE");
    }

    @Test
    void rubyNetImapDocumentationExamples() throws Exception {
        ExternalClient.require("ruby", "apt-get install ruby");
        MailRepository store = server.repository();
        Mailbox sent = store.createMailbox(USER, "Mail/sent-mail");
        append(store, sent, "April one", OffsetDateTime.of(2003, 4, 3, 9, 0, 0, 0, ZoneOffset.ofHours(2)));
        append(store, sent, "May one", OffsetDateTime.of(2003, 5, 3, 9, 0, 0, 0, ZoneOffset.UTC));
        append(store, sent, "April two", OffsetDateTime.of(2003, 4, 20, 23, 0, 0, 0, ZoneOffset.UTC));
        List<String> lines;
        try (ExternalClient client = ExternalClient.start("ruby",
                ExternalClient.CLIENTS.resolve("ruby/imap_client.rb").toString(), "127.0.0.1",
                String.valueOf(server.imap().port()), USER, "secret")) {
            lines = client.finish();
        }
        assertThat(lines).contains("recent: Alice: \tFirst", "recent: Alice: \tSecond", "april: 1 3",
                "expunged: 1 2", "left in sent-mail: 1", "in sent-apr03: 2", "threads: fetch 1,2 search 1,2",
                "logout: ok");
    }

    private static void append(MailRepository store, Mailbox mailbox, String subject, OffsetDateTime date) {
        store.append(mailbox, ImapSupport.message(subject, "sent").getBytes(StandardCharsets.UTF_8), Set.of(), date);
    }

    @Test
    void imapflowWithIdle() throws Exception {
        try (ExternalClient client = ImapSupport.imapflow(server, "imapflow_client.mjs")) {
            client.awaitLine("idling");
            ImapSupport.deliver(server, USER, ImapSupport.message("Third", "three"));
            List<String> lines = client.finish();
            assertThat(lines).contains("secure: true", "flagged: 1", "exists: 2 (was 1)", "logout: ok");
            assertThat(lines).anyMatch(line -> line.matches("fetch: 1:First:\\d+ 2:Second:\\d+"));
            assertThat(lines).anyMatch(line -> line.startsWith("move: {\"1\":1}"));
            assertThat(lines).contains("append: uid 2 uidValidity true", "status: messages 2 unseen 1");
        }
    }

    @Test
    void curlListsFetchesAndSearches() throws Exception {
        ExternalClient.require("curl", "apt-get install curl");
        String base = "imap://127.0.0.1:" + server.imap().port();
        assertThat(curl(base + "/")).contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"");
        assertThat(curl(base + "/INBOX;UID=2")).startsWith("From: Alice <alice@example.test>").contains("Subject: Second");
        assertThat(curl(base + "/INBOX?SUBJECT%20First")).contains("* SEARCH 1");
    }

    private List<String> curlLines(String url) throws Exception {
        try (ExternalClient client = ExternalClient.start("curl", "--silent", "--show-error", "--max-time", "20",
                "--user", USER + ":secret", url)) {
            return client.finish();
        }
    }

    private String curl(String url) throws Exception {
        return String.join("\n", curlLines(url));
    }
}
