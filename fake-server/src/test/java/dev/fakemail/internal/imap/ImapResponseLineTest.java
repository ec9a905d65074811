package dev.fakemail.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.tls.TlsContexts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Responses that quote the client stay one line, even when the quote comes from a literal: control characters
 * come back as '?', and mailbox names with them are refused. Both found by ImapSessionFuzzTest.
 */
class ImapResponseLineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void theQuotedCommandKeepsTheLiteralsLineBreakOutOfTheResponse() {
        String replies = run("a1 LOGIN ( {3+}\r\nbob\r\na2 LOGOUT\r\n");
        assertThat(replies.substring(replies.indexOf("\r\n") + 2)).isEqualTo(""
                + "a1 BAD expected a string at \"( {3+}??bob\"\r\n"
                + "* BYE fakemail IMAP server logging out\r\n"
                + "a2 OK LOGOUT completed\r\n");
    }

    @Test
    void aMailboxNameWithACrIsRefusedAndTheRefusalStaysOneLine() {
        String replies = run("a1 LOGIN bob@example.test x\r\na2 CREATE {3+}\r\na\rb\r\na3 LIST \"\" a*\r\n"
                + "a4 LOGOUT\r\n");
        assertThat(replies.substring(replies.indexOf("a1 OK"))).isEqualTo(""
                + "a1 OK LOGIN completed\r\n"
                + "a2 NO [CANNOT] invalid mailbox name 'a?b'\r\n"
                + "a3 OK LIST completed\r\n"
                + "* BYE fakemail IMAP server logging out\r\n"
                + "a4 OK LOGOUT completed\r\n");
    }

    private static String run(String clientBytes) {
        MemoryTransport transport = new MemoryTransport(List.of(clientBytes.getBytes(StandardCharsets.US_ASCII)));
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        ImapSettings settings = new ImapSettings("mx.test", UserPolicy.anyone(), false, 1000, 20, CLOCK);
        ImapSession session = new ImapSession(settings, new InMemoryMailStore(CLOCK), connection);
        new SessionLoop(transport, session, connection, new TranscriptWriter(1, "IMAP", CLIENT, CLOCK),
                TlsContexts::builtIn, () -> { }).run();
        return new String(transport.written(), StandardCharsets.UTF_8);
    }
}
