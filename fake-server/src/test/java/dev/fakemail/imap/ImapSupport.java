package dev.fakemail.imap;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the IMAP tests share: delivery without SMTP and a raw client speaking exact bytes. */
final class ImapSupport {
    static final int TIMEOUT_MILLIS = 15_000;

    private ImapSupport() {
    }

    static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, text.getBytes(StandardCharsets.UTF_8));
    }

    static String message(String subject, String body) {
        return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Apr 2003 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode()
                + "@example.test>\r\n\r\n" + body + "\r\n";
    }

    /** A plain-socket IMAP client: sends exact bytes, reads up to the tagged response. */
    static final class RawImap implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawImap(FakeMailServer server) throws IOException {
            socket = new Socket(server.imap().address(), server.imap().port());
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                line.write(c);
                if (c == '\n') {
                    break;
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends a command line and returns everything up to and including the line tagged {@code tag}. */
        String command(String tag, String command) throws IOException {
            send(tag + " " + command + "\r\n");
            return untilTagged(tag);
        }

        String untilTagged(String tag) throws IOException {
            StringBuilder response = new StringBuilder();
            while (true) {
                String line = line();
                if (line.isEmpty()) {
                    throw new IOException("connection closed; so far: " + response);
                }
                response.append(line);
                if (line.startsWith(tag + " ")) {
                    return response.toString();
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
