package dev.fakemail.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.testing.Clients;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.LineClient;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.net.InetAddress;

/** What the SMTP fault tests share: the server's name and greeting, and a raw client with checked steps. */
final class SmtpFaultSupport {
    static final String HOST = "mx.test";
    static final String GREETING = "220 mx.test ESMTP fakemail\r\n";
    static final String MAIL_OK = "250 2.1.0 Ok\r\n";
    static final String RCPT_OK = "250 2.1.5 Ok\r\n";
    /** The reply to NOOP, RSET and the like. */
    static final String OK = "250 2.0.0 Ok\r\n";
    /** The reply to STARTTLS. */
    static final String TLS_READY = "220 2.0.0 Ready to start TLS\r\n";
    /** Every client socket read gives up after this long, so no test can hang. */
    static final int READ_TIMEOUT_MILLIS = LineClient.READ_TIMEOUT_MILLIS;

    private SmtpFaultSupport() {
    }

    static FakeMailServerBuilder builder() {
        return FakeMailServer.builder().hostname(HOST);
    }

    /** A raw SMTP client of a server under test (TLS trusts its built-in certificate) with checked steps. */
    static final class Client extends SmtpConversation {
        private Client(Dial dial) throws IOException {
            super(dial);
        }

        static Client connect(FakeMailServer server) throws IOException {
            return new Client(Clients.dial(server.smtp()));
        }

        /** Connects from a chosen local address (another loopback address is another client for greylisting). */
        static Client connect(FakeMailServer server, InetAddress localAddress) throws IOException {
            return new Client(Clients.dial(server.smtp()).from(localAddress));
        }

        /** An implicit-TLS (SMTPS) connection; the handshake is done. */
        static Client connectTls(FakeMailServer server) throws IOException {
            Client client = new Client(Clients.dial(server.smtps()).implicitTls());
            client.handshake();
            return client;
        }

        /** Greeting and EHLO, checked. */
        Client hello() throws IOException {
            assertThat(reply()).isEqualTo(GREETING);
            assertThat(command("EHLO client.test")).startsWith("250-mx.test Hello client.test\r\n");
            return this;
        }

        /** MAIL, RCPT, DATA and the content; returns the reply to the final dot. */
        String sendMessage(String from, String to, String subject) throws IOException {
            assertThat(command("MAIL FROM:<" + from + ">")).isEqualTo(MAIL_OK);
            assertThat(command("RCPT TO:<" + to + ">")).isEqualTo(RCPT_OK);
            assertThat(command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
            return command(content(subject) + ".");
        }

        static String content(String subject) {
            return "Subject: " + subject + "\r\n\r\nHello.\r\n";
        }
    }

    /** The transcript line of this rule's hit number {@code hit}. */
    static String hitLine(FaultHandle handle, int hit) {
        return "*: fault #" + handle.id() + " hit " + hit + ": " + handle.rule().toText();
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
