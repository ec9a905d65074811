package dev.fakemail.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;

/** What the SMTP fault tests share: a raw-socket client with exact bytes, a settable clock, transcripts. */
final class SmtpFaultSupport {
    static final String HOST = "mx.test";
    static final String GREETING = "220 mx.test ESMTP fakemail\r\n";
    /** Every client socket read gives up after this long, so no test can hang. */
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private SmtpFaultSupport() {
    }

    static FakeMailServerBuilder builder() {
        return FakeMailServer.builder().hostname(HOST);
    }

    /** The EHLO reply of a plain connection of a server with the default settings, as the tests expect it. */
    static String defaultEhlo(long maxSize) {
        return "250-mx.test Hello client.test\r\n"
                + "250-PIPELINING\r\n"
                + "250-SIZE " + maxSize + "\r\n"
                + "250-8BITMIME\r\n"
                + "250-SMTPUTF8\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n"
                + "250-CHUNKING\r\n"
                + "250-BINARYMIME\r\n"
                + "250-DSN\r\n"
                + "250-STARTTLS\r\n"
                + "250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n"
                + "250 HELP\r\n";
    }

    /** A raw SMTP client that reads and writes exact bytes; every read has a timeout. */
    static final class Client implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final String host;
        private final int port;

        private Client(Socket socket, String host, int port) throws IOException {
            this.socket = socket;
            this.host = host;
            this.port = port;
            attach();
        }

        static Client connect(FakeMailServer server) throws IOException {
            return connect(server.smtp().host(), server.smtp().port(), null);
        }

        /** Connects from a chosen local address (another loopback address is another client for greylisting). */
        static Client connect(String host, int port, InetAddress localAddress) throws IOException {
            Socket socket = new Socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return new Client(socket, host, port);
        }

        /** An implicit-TLS (SMTPS) connection trusting only the built-in certificate; the handshake is done. */
        static Client connectTls(String host, int port) throws IOException {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(host, port), 5_000);
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
            SSLSocket tls = (SSLSocket) BuiltInCertificate.clientContext().getSocketFactory()
                    .createSocket(plain, "localhost", port, true);
            tls.setSoTimeout(READ_TIMEOUT_MILLIS);
            tls.startHandshake();
            return new Client(tls, host, port);
        }

        private void attach() throws IOException {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Runs the client side of a TLS handshake on this connection (after "220 2.0.0 Ready to start TLS"). */
        void startTls() throws IOException {
            SSLSocket tls = (SSLSocket) BuiltInCertificate.clientContext().getSocketFactory()
                    .createSocket(socket, "localhost", port, true);
            tls.setSoTimeout(READ_TIMEOUT_MILLIS);
            tls.startHandshake();
            socket = tls;
            attach();
        }

        int localPort() {
            return socket.getLocalPort();
        }

        Client send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        /** Reads one complete reply, all lines up to the one with a space after the code; null at end of stream. */
        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = line();
                if (line == null) {
                    return reply.length() == 0 ? null : reply.toString();
                }
                reply.append(line);
                if (!line.endsWith("\r\n") || line.length() < 6 || line.charAt(3) == ' ') {
                    return reply.toString();
                }
            }
        }

        /** Sends a command line and reads its reply. */
        String command(String line) throws IOException {
            send(line + "\r\n");
            return reply();
        }

        String greeting() throws IOException {
            return reply();
        }

        /** Greeting and EHLO, checked. */
        Client hello() throws IOException {
            assertThat(reply()).isEqualTo(GREETING);
            assertThat(command("EHLO client.test")).startsWith("250-mx.test Hello client.test\r\n");
            return this;
        }

        /** MAIL, RCPT, DATA and the content; returns the reply to the final dot. */
        String sendMessage(String from, String to, String subject) throws IOException {
            assertThat(command("MAIL FROM:<" + from + ">")).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(command("RCPT TO:<" + to + ">")).isEqualTo("250 2.1.5 Ok\r\n");
            assertThat(command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
            return command(content(subject) + ".");
        }

        static String content(String subject) {
            return "Subject: " + subject + "\r\n\r\nHello.\r\n";
        }

        /** Reads everything until the server closes; fails on a read timeout or a reset. */
        byte[] readUntilEof() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return all.toByteArray();
                }
                all.write(buffer, 0, n);
            }
        }

        String readStringUntilEof() throws IOException {
            return new String(readUntilEof(), StandardCharsets.UTF_8);
        }

        /** The server closed the connection in order (FIN) and sent nothing more. */
        void assertEof() throws IOException {
            assertThat(readStringUntilEof()).as("bytes before the end of stream").isEmpty();
        }

        /** The server aborted the connection (RST): the read fails with "Connection reset". */
        void assertReset() {
            try {
                byte[] bytes = readUntilEof();
                fail("expected a connection reset, got an orderly close after " + bytes.length + " bytes: "
                        + new String(bytes, StandardCharsets.UTF_8));
            } catch (SocketException reset) {
                assertThat(reset.getMessage()).containsIgnoringCase("reset");
            } catch (IOException other) {
                fail("expected a connection reset, got " + other);
            }
        }

        /** Nothing arrives within {@code millis}, and the connection is not closed. */
        void assertSilentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                fail(b < 0 ? "expected silence, but the server closed the connection"
                        : "expected silence, but the server sent byte " + b);
            } catch (SocketTimeoutException expected) {
                // silent and still open
            } finally {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }

        /** The raw chunks as read() returns them until end of stream (for slicing). */
        List<byte[]> readChunksUntilEof(int count) throws IOException {
            List<byte[]> chunks = new ArrayList<>();
            byte[] buffer = new byte[4096];
            int total = 0;
            while (total < count) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                byte[] chunk = new byte[n];
                System.arraycopy(buffer, 0, chunk, 0, n);
                chunks.add(chunk);
                total += n;
            }
            return chunks;
        }

        void setTimeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        int available() throws IOException {
            return in.available();
        }

        InputStream in() {
            return in;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
                if (b == '\n' && previous == '\r') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                previous = b;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A clock the test moves by hand (greylisting, rate limits), so nothing sleeps. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        MutableClock() {
            this(Instant.parse("2030-01-01T00:00:00Z"));
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** The transcript of the client's session (matched by the client's port). */
    static Transcript transcriptOf(FakeMailServer server, Client client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (Transcript transcript : server.transcripts()) {
                if (transcript.client() != null && transcript.client().getPort() == client.localPort()) {
                    return transcript;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no transcript for client port " + client.localPort() + " in "
                        + server.transcripts());
            }
            pause(10);
        }
    }

    static long sessionIdOf(FakeMailServer server, Client client) {
        return transcriptOf(server, client).sessionId();
    }

    /** The lines of the client's transcript once the session has ended ("C: ...", "S: ...", "*: ..."). */
    static List<String> endedTranscript(FakeMailServer server, Client client) {
        Transcript transcript = transcriptOf(server, client);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!transcript.isEnded()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session did not end:\n" + transcript);
            }
            pause(10);
        }
        return lines(transcript);
    }

    static List<String> lines(Transcript transcript) {
        return transcript.lines().stream().map(TranscriptLine::toString).toList();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
