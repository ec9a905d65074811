package dev.fakemail.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** What the real-client tests share: client TLS trust, Angus sessions, and views of the stored bytes. */
final class ClientSupport {
    /** How long a test waits for a message that a client reported as accepted. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Client socket timeouts (connect, read) in milliseconds: generous, tests never depend on them. */
    static final int TIMEOUT_MILLIS = 15_000;
    /** The HELO/EHLO name the clients introduce themselves with. */
    static final String CLIENT_NAME = "client.test";

    private ClientSupport() {
    }

    /**
     * Angus Mail properties for {@code protocol} ("smtp" or "smtps") pointing at the endpoint, with timeouts
     * and a fixed EHLO name. TLS trust is left to the caller.
     */
    static Properties angusProperties(String protocol, Endpoint endpoint) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", endpoint.host());
        properties.put(prefix + "port", String.valueOf(endpoint.port()));
        properties.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        properties.put(prefix + "timeout", String.valueOf(TIMEOUT_MILLIS));
        properties.put(prefix + "localhost", CLIENT_NAME);
        return properties;
    }

    /** Trust the built-in certificate through a socket factory, with server identity checking on. */
    static Properties trustBuiltInCertificate(Properties properties, String protocol) {
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
        properties.put(prefix + "ssl.checkserveridentity", "true");
        return properties;
    }

    static Session session(Properties properties) {
        return Session.getInstance(properties);
    }

    /** Sends one message through a fresh connection of the session's transport, as Transport.send would. */
    static void send(Session session, MimeMessage message, String user, String password) throws MessagingException {
        message.saveChanges();
        try (Transport transport = session.getTransport()) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    static void send(Session session, MimeMessage message) throws MessagingException {
        send(session, message, null, null);
    }

    /** Waits for the one message the test sent and checks that nothing else arrived. */
    static ReceivedMessage onlyMessage(FakeMailServer server) {
        List<ReceivedMessage> arrived = server.await(MailQuery.all(), WAIT);
        assertThat(arrived).as("messages received within %s", WAIT).isNotEmpty();
        assertThat(server.messages()).as("all received messages").hasSize(1);
        return server.messages().get(0);
    }

    /**
     * The message content Angus sends in DATA, before dot-stuffing: the message as written (without Bcc and
     * Content-Length), ending with CR LF. Angus's SMTP stream ends an unterminated last line with CR LF before
     * the final ".", and that CR LF belongs to the content (RFC 5321 §4.1.1.4).
     */
    static byte[] wireBytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, new String[] {"Bcc", "Content-Length"});
        byte[] bytes = out.toByteArray();
        int n = bytes.length;
        if (n < 2 || bytes[n - 2] != '\r' || bytes[n - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * The stored bytes without the two trace fields the server prepends (Return-Path, Received with its
     * continuation lines): exactly what the client's DATA carried, dot-unstuffed.
     */
    static byte[] clientData(ReceivedMessage message) {
        byte[] raw = message.bytes();
        int offset = 0;
        offset = skipField(raw, offset, "Return-Path:");
        offset = skipField(raw, offset, "Received:");
        return Arrays.copyOfRange(raw, offset, raw.length);
    }

    private static int skipField(byte[] raw, int offset, String name) {
        String start = new String(raw, offset, Math.min(name.length(), raw.length - offset),
                StandardCharsets.US_ASCII);
        assertThat(start).as("trace field expected at offset %d", offset).isEqualToIgnoringCase(name);
        int position = offset;
        while (true) {
            int lf = position;
            while (lf < raw.length && raw[lf] != '\n') {
                lf++;
            }
            position = lf + 1;
            if (position >= raw.length || (raw[position] != ' ' && raw[position] != '\t')) {
                return position;
            }
        }
    }

    /** Parses the stored bytes back with Jakarta Mail, as a mail reader would. */
    static MimeMessage parse(ReceivedMessage message) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), message.openStream());
    }

    /** The body of the stored message: everything after the first empty line. */
    static byte[] body(ReceivedMessage message) {
        byte[] raw = message.bytes();
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return Arrays.copyOfRange(raw, i + 4, raw.length);
            }
        }
        throw new AssertionError("stored message has no empty line between header and body");
    }
}
