package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ExternalClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** imapflow (Node) against the extensions of issue 19 it uses when they are advertised or switched on: QRESYNC, BINARY,
 * UTF8=ACCEPT, QUOTA and COMPRESS=DEFLATE. */
@Timeout(120)
@ExtendWith(ClosesServers.class)
class ImapExtensionClientsTest {
    private static final String USER = "bob@example.test";
    private FakeMailServer server;

    @BeforeEach
    void start() {
        server = FakeMailServer.builder().imapQuota(1024 * 1024, 100).build().start();
        for (String subject : new String[] {"First", "Second", "Third"}) {
            ImapSupport.deliver(server, USER, ImapSupport.message(subject, subject.toLowerCase()));
        }
    }

    private List<String> imapflow(String script) throws Exception {
        try (ExternalClient client = ImapSupport.imapflow(server, script)) {
            return client.finish();
        }
    }

    @Test
    void imapflowUsesQresyncBinaryAndQuota() throws Exception {
        List<String> lines = imapflow("imapflow_extensions.mjs");
        assertThat(lines).anyMatch(line -> line.startsWith("enabled: ") && line.contains("CONDSTORE")
                && line.contains("QRESYNC") && line.contains("UTF8=ACCEPT"));
        assertThat(lines).contains("qresync select: true exists 2; expunge vanished 3 earlier; flags 2 \\Flagged",
                "qresync fetch: 2:\\Flagged; expunge vanished 3 earlier",
                "qresync live: flags 1 \\Deleted; expunge vanished 1 exists 1", "binary: Hello world!",
                "utf8: Entwürfe messages 1",
                "quota: root \"\" storage 1024/1048576 messages 3/100", "logout: ok");
        // imapflow switches COMPRESS=DEFLATE on by itself: both of its connections ran compressed
        assertThat(server.transcripts().stream().filter(t -> t.protocol().equals("IMAP")
                && t.toString().contains("COMPRESS=DEFLATE active"))).hasSize(2);
    }
}
