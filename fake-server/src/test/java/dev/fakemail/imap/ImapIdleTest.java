package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** IDLE (RFC 2177): changes made elsewhere are pushed at once, with exact bytes. */
@ExtendWith(ClosesServers.class)
class ImapIdleTest {
    private final FakeMailServer server = ImapSupport.serverWithMail("bob@example.test", "First");

    @Test
    void deliveryDuringIdleIsPushedAtOnce() throws Exception {
        try (ImapSupport.RawImap imap = ImapSupport.selected(server, ImapSupport.BOB)) {
            imap.send("a3 IDLE\r\n");
            assertThat(imap.response()).isEqualTo("+ idling\r\n");
            ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("Second", "two"));
            assertThat(imap.response()).isEqualTo("* 2 EXISTS\r\n");
            assertThat(imap.response()).isEqualTo("* 2 RECENT\r\n");
            imap.send("DONE\r\n");
            assertThat(imap.response()).isEqualTo("a3 OK IDLE terminated\r\n");
        }
    }
}
