package dev.fakemail.testing;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.Pop3Conversation;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;

/**
 * Raw clients of a server under test. TLS trusts exactly the server's built-in certificate and checks that it
 * names the host dialled (no trust-all shortcut here: these tests are about the server's TLS).
 */
public final class Clients {
    private Clients() {
    }

    /** Where the endpoint listens, trusting the built-in certificate. */
    public static Dial dial(Endpoint endpoint) {
        return Dial.to(endpoint.host(), endpoint.port()).trusting(BuiltInCertificate.clientContext());
    }

    /** Plain SMTP; nothing read yet (the test reads the greeting). */
    public static SmtpConversation smtp(FakeMailServer server) throws IOException {
        return new SmtpConversation(dial(server.smtp()));
    }

    /** Plain POP3; nothing read yet (connect faults may refuse the greeting). */
    public static Pop3Conversation pop3(FakeMailServer server) throws IOException {
        return Pop3Conversation.connect(dial(server.pop3()));
    }

    /** Plain POP3 with the greeting read. */
    public static Pop3Conversation openPop3(FakeMailServer server) throws IOException {
        return Pop3Conversation.open(dial(server.pop3()));
    }

    /** POP3S with the handshake done and the greeting read. */
    public static Pop3Conversation openPop3s(FakeMailServer server) throws IOException {
        return Pop3Conversation.open(dial(server.pop3s()).implicitTls());
    }

    /** POP3S; the handshake runs at the first read or write (or by handshake()). */
    public static Pop3Conversation pop3s(FakeMailServer server) throws IOException {
        return Pop3Conversation.connect(dial(server.pop3s()).implicitTls());
    }
}
