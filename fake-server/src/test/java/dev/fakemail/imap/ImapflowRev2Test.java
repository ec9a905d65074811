package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ClosesServers;
import dev.fakemail.testsupport.ExternalClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * imapflow (Node) against IMAP4rev2: it sends {@code ENABLE IMAP4rev2} by itself when the server advertises it
 * and then relies on the rev2 rules (ESEARCH answers, LIST (SUBSCRIBED) instead of LSUB, no STATUS RECENT, UTF-8
 * names). The same script runs three ways: rev2 on, switched off by imapflow's {@code disableIMAP4rev2}, and not
 * advertised by the server ({@code imapRev2(false)}); only \Recent and the ENABLED list may differ.
 */
@Timeout(120)
@ExtendWith(ClosesServers.class)
class ImapflowRev2Test {
    private static final String USER = "bob@example.test";

    private List<String> run(FakeMailServer server, String mode) throws Exception {
        ImapSupport.deliver(server, USER, ImapSupport.message("First", "one"));
        ImapSupport.deliver(server, USER, ImapSupport.message("Second", "two"));
        try (ExternalClient client = ImapSupport.imapflow(server, "imapflow_rev2.mjs", mode)) {
            client.awaitLine("idling");
            ImapSupport.deliver(server, USER, ImapSupport.message("Third", "three"));
            return client.finish();
        }
    }

    /** What every mode must show, rev2 or not. */
    private static void assertSameMailbox(List<String> lines) {
        assertThat(lines).contains("list: Entwürfe=0 Entwürfe/Grüße+subscribed=0", "open: exists 2",
                "search unseen: 1", "search none: []", "search uid all: 1 2", "body part: one",
                "exists: 3 (was 2)", "logout: ok");
    }

    @Test
    void imapflowEnablesRev2ByItself() throws Exception {
        FakeMailServer server = FakeMailServer.builder().build().start();
        List<String> lines = run(server, "default");
        assertThat(lines).contains("advertised: true", "enabled: CONDSTORE IMAP4REV2 UTF8=ACCEPT",
                "flags: 1: 2:", // no \Recent under IMAP4rev2: imapflow reports STATUS RECENT as 0 without asking
                "status: messages 1 unseen 1 recent 0 size true");
        assertSameMailbox(lines);
    }

    @Test
    void imapflowWithItsRev2OptionOffStaysOnRev1() throws Exception {
        FakeMailServer server = FakeMailServer.builder().build().start();
        List<String> lines = run(server, "disable");
        assertThat(lines).contains("advertised: true", "enabled: CONDSTORE UTF8=ACCEPT",
                "flags: 1:\\Recent 2:\\Recent",
                "status: messages 1 unseen 1 recent 1 size true");
        assertSameMailbox(lines);
    }

    @Test
    void serverThatDoesNotAdvertiseRev2() throws Exception {
        FakeMailServer server = FakeMailServer.builder().imapRev2(false).build().start();
        List<String> lines = run(server, "default");
        assertThat(lines).contains("advertised: false", "enabled: CONDSTORE UTF8=ACCEPT",
                "flags: 1:\\Recent 2:\\Recent",
                "status: messages 1 unseen 1 recent 1 size true");
        assertSameMailbox(lines);
    }
}
