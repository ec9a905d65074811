package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import dev.fakemail.testing.ClosesServers;
import java.util.List;
import org.apache.commons.net.imap.IMAP;
import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Apache commons-net's IMAP clients: plain, STARTTLS and implicit TLS, over loopback. */
@ExtendWith(ClosesServers.class)
class CommonsNetImapTest {
    private static final String BOB = "bob@example.test";
    private FakeMailServer server;

    @BeforeEach
    void start() {
        server = FakeMailServer.builder().imapsPort(0).build().start();
        ImapSupport.deliver(server, BOB, ImapSupport.message("First", "one needle"));
        ImapSupport.deliver(server, BOB, ImapSupport.message("Second", "two"));
    }

    private void connect(IMAP client, int port) throws Exception {
        client.setDefaultTimeout(ImapSupport.TIMEOUT_MILLIS);
        client.connect(server.imap().address(), port);
        client.setSoTimeout(ImapSupport.TIMEOUT_MILLIS);
    }

    @Test
    void readsSearchesFlagsAppendsAndExpunges() throws Exception {
        IMAPClient imap = new IMAPClient();
        connect(imap, server.imap().port());
        try {
            assertThat(imap.capability()).isTrue();
            assertThat(imap.getReplyString()).contains("IMAP4rev1", "IDLE", "UIDPLUS");
            assertThat(imap.login(BOB, "secret")).isTrue();
            assertThat(imap.select("INBOX")).isTrue();
            assertThat(imap.getReplyString()).contains("* 2 EXISTS", "[READ-WRITE]");
            assertThat(imap.fetch("1", "(ENVELOPE)")).isTrue();
            assertThat(imap.getReplyString()).contains("\"First\"", "((\"Alice\" NIL \"alice\" \"example.test\"))");
            assertThat(imap.search("TEXT needle")).isTrue();
            assertThat(imap.getReplyString()).contains("* SEARCH 1\r\n");
            assertThat(imap.store("2", "+FLAGS", "(\\Deleted)")).isTrue();
            assertThat(imap.getReplyString()).contains("* 2 FETCH (FLAGS (\\Recent \\Deleted))");
            assertThat(imap.append("INBOX", "(\\Seen)", null,
                    "Subject: appended\r\nFrom: carol@example.test\r\n\r\nhello\r\n")).isTrue();
            assertThat(imap.getReplyString()).contains("[APPENDUID ");
            assertThat(imap.expunge()).isTrue();
            assertThat(imap.getReplyString()).contains("* 2 EXPUNGE");
            assertThat(imap.logout()).isTrue();
        } finally {
            imap.disconnect();
        }
        Mailbox inbox = server.store().mailbox(BOB, "INBOX").orElseThrow();
        List<StoredMessage> messages = inbox.messages();
        assertThat(messages).extracting(StoredMessage::subject).containsExactly("First", "appended");
        assertThat(messages.get(1).flags()).containsExactly("\\Seen");
    }

    @Test
    void startTlsAndImplicitTlsWithTheBuiltInCertificate() throws Exception {
        IMAPSClient explicit = new IMAPSClient(false);
        explicit.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        connect(explicit, server.imap().port());
        try {
            assertThat(explicit.execTLS()).isTrue();
            assertThat(explicit.login(BOB, "secret")).isTrue();
            assertThat(explicit.examine("INBOX")).isTrue();
            assertThat(explicit.getReplyString()).contains("* 2 EXISTS", "[READ-ONLY]");
            explicit.logout();
        } finally {
            explicit.disconnect();
        }
        IMAPSClient implicit = new IMAPSClient(true);
        implicit.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        connect(implicit, server.imaps().port());
        try {
            assertThat(implicit.login(BOB, "secret")).isTrue();
            assertThat(implicit.status("INBOX", new String[] {"MESSAGES", "UIDNEXT"})).isTrue();
            assertThat(implicit.getReplyString()).contains("* STATUS \"INBOX\" (MESSAGES 2 UIDNEXT 3)");
            implicit.logout();
        } finally {
            implicit.disconnect();
        }
    }
}
