package dev.fakemail.fault;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.Clients;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.LineClient;
import dev.fakemail.testsupport.Pop3Conversation;
import java.io.IOException;

/**
 * What the POP3 fault tests share: the expected capability lists and a raw POP3 client ({@link Raw}) that does
 * not read the greeting by itself, since connect faults may refuse it.
 */
final class FaultTestClients {
    /** Every client socket's read timeout: nothing waits longer than this. */
    static final int TIMEOUT_MILLIS = LineClient.READ_TIMEOUT_MILLIS;

    static final String BOB = "bob@example.test";
    static final String ALICE = "alice@example.test";

    /** CAPA before login, in plaintext, without any rule (see Pop3CapaAndTlsTest). */
    static final String CAPA_HEAD = "+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n"
            + "PIPELINING\r\n";
    static final String CAPA_SASL = "SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER";
    static final String CAPA_PLAIN = CAPA_HEAD + "USER\r\n" + CAPA_SASL + "\r\nSTLS\r\nIMPLEMENTATION fakemail\r\n.\r\n";

    private FaultTestClients() {
    }

    /** A raw POP3 connection to a server under test, trusting its built-in certificate. */
    static final class Raw extends Pop3Conversation {
        private Raw(Dial dial) throws IOException {
            super(dial);
        }

        static Raw connect(FakeMailServer server) throws IOException {
            return new Raw(Clients.dial(server.pop3()));
        }

        /** Connected, and the usual greeting read and checked. */
        static Raw greeted(FakeMailServer server) throws IOException {
            Raw pop = connect(server);
            String greeting = pop.line();
            if (greeting == null || !greeting.startsWith("+OK fakemail POP3 server ready <")) {
                pop.close();
                throw new AssertionError("not the POP3 greeting: " + greeting);
            }
            return pop;
        }

        /** A POP3S connection: the TLS handshake runs as the first read or write, or by {@link #handshake()}. */
        static Raw tls(FakeMailServer server) throws IOException {
            return new Raw(Clients.dial(server.pop3s()).implicitTls());
        }
    }

    /**
     * Opens a POP3 session and logs in, retrying for a moment while the maildrop is still [IN-USE] (a session
     * that ended by a fault releases its lock on its own thread, just after the client saw the end).
     */
    static Raw loginWhenUnlocked(FakeMailServer server, String user) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            Raw pop = Raw.connect(server);
            String greeting = pop.line();
            if (greeting == null || !greeting.startsWith("+OK")) {
                pop.close();
                throw new AssertionError("no greeting: " + greeting);
            }
            pop.command("USER " + user);
            String reply = pop.command("PASS pw");
            if (reply.startsWith("+OK")) {
                return pop;
            }
            pop.close();
            if (!reply.contains("[IN-USE]") || System.nanoTime() > deadline) {
                throw new AssertionError("login refused: " + reply);
            }
            Thread.sleep(20);
        }
    }
}
