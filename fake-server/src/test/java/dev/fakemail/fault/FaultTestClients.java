package dev.fakemail.fault;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What the fault tests share: raw POP3 and SMTP clients that read exact bytes (every socket has a read timeout),
 * direct delivery into a maildrop, transcript look-ups and a clock the test moves by hand.
 */
final class FaultTestClients {
    /** Every client socket's read timeout: nothing waits longer than this. */
    static final int TIMEOUT_MILLIS = 10_000;

    static final String BOB = "bob@example.test";
    static final String ALICE = "alice@example.test";

    /** CAPA before login, in plaintext, without any rule (see Pop3CapaAndTlsTest). */
    static final String CAPA_HEAD = "+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n"
            + "PIPELINING\r\n";
    static final String CAPA_SASL = "SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER";
    static final String CAPA_PLAIN = CAPA_HEAD + "USER\r\n" + CAPA_SASL + "\r\nSTLS\r\nIMPLEMENTATION fakemail\r\n.\r\n";

    private FaultTestClients() {
    }

    // ---------------------------------------------------------------- store and transcripts

    /** Stores the bytes in the recipient's INBOX as an SMTP delivery would, without SMTP. */
    static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<StoredMessage> inbox(FakeMailServer server, String user) {
        return server.store().mailbox(user, MailStore.INBOX).map(mailbox -> mailbox.messages())
                .orElse(List.of());
    }

    /** A message of exactly {@code size} octets with CR LF line ends (lines of at most 78 octets). */
    static String messageOfSize(int size, String subject) {
        StringBuilder message = new StringBuilder("Subject: " + subject + "\r\n\r\n");
        int line = 0;
        while (message.length() < size) {
            int left = size - message.length();
            if (left <= 2) {
                message.append("\r\n", 0, left);
                break;
            }
            int take = Math.min(76, left - 2);
            char c = (char) ('a' + line++ % 26);
            message.append(String.valueOf(c).repeat(take)).append("\r\n");
        }
        String text = message.toString();
        if (text.length() != size || !text.endsWith("\r\n")) {
            throw new IllegalArgumentException("cannot make a message of " + size + " octets: " + text.length());
        }
        return text;
    }

    /** The event lines ('*') of all transcripts of a protocol family ("POP3" or "SMTP"), oldest session first. */
    static List<String> events(FakeMailServer server, String protocolPrefix) {
        List<String> lines = new ArrayList<>();
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith(protocolPrefix)) {
                for (TranscriptLine line : transcript.lines()) {
                    if (line.direction() == '*') {
                        lines.add(line.text());
                    }
                }
            }
        }
        return lines;
    }

    /** The newest transcript of the protocol family (the session a test just opened). */
    static Transcript newestTranscript(FakeMailServer server, String protocolPrefix) {
        Transcript newest = null;
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith(protocolPrefix)
                    && (newest == null || transcript.sessionId() > newest.sessionId())) {
                newest = transcript;
            }
        }
        if (newest == null) {
            throw new AssertionError("no " + protocolPrefix + " transcript");
        }
        return newest;
    }

    /** Waits (bounded) until the server has ended every transcript: sessions are over. */
    static void awaitSessionsEnded(FakeMailServer server) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (server.transcripts().stream().allMatch(Transcript::isEnded)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("sessions still open after 5 s:\n" + server.transcripts());
    }

    static String allTranscripts(FakeMailServer server) {
        StringBuilder text = new StringBuilder();
        for (Transcript transcript : server.transcripts()) {
            text.append(transcript).append('\n');
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- a clock the test moves

    /** A clock that stands still until the test moves it. */
    static final class ManualClock extends Clock {
        private final AtomicLong millis;

        ManualClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
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
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    // ---------------------------------------------------------------- raw line client (POP3 and SMTP)

    /** A raw-socket client for exact bytes. It does not read a greeting by itself: connect faults may refuse it. */
    static final class Raw implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final String host;
        private final int port;

        private Raw(Socket socket, String host, int port) throws IOException {
            this.socket = socket;
            this.host = host;
            this.port = port;
            attach();
        }

        static Raw connect(String host, int port) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return new Raw(socket, host, port);
        }

        static Raw connect(FakeMailServer server) throws IOException {
            return connect(server.pop3().host(), server.pop3().port());
        }

        static Raw smtp(FakeMailServer server) throws IOException {
            return connect(server.smtp().host(), server.smtp().port());
        }

        /** A POP3S connection: the TLS handshake runs as the first read or write, or by {@link #handshake()}. */
        static Raw tls(String host, int port) throws IOException {
            SSLSocket socket = (SSLSocket) BuiltInCertificate.clientContext().getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            checkServerIdentity(socket);
            return new Raw(socket, host, port);
        }

        private void attach() throws IOException {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void handshake() throws IOException {
            ((SSLSocket) socket).startHandshake();
        }

        /** After the server's +OK to STLS: a TLS handshake as the client over the same socket. */
        void upgrade() throws IOException {
            SSLSocket tls = (SSLSocket) BuiltInCertificate.clientContext().getSocketFactory()
                    .createSocket(socket, host, port, true);
            checkServerIdentity(tls);
            socket = tls;
            attach();
            tls.startHandshake();
        }

        boolean isTls() {
            return socket instanceof SSLSocket;
        }

        Raw send(String text) throws IOException {
            return sendBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        Raw sendBytes(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Sends a line and reads a one-line reply (without CR LF); null if the server closed. */
        String command(String line) throws IOException {
            send(line + "\r\n");
            return line();
        }

        /** One line without CR LF; null at the end of the stream before any byte. */
        String line() throws IOException {
            byte[] raw = rawLine();
            if (raw == null) {
                return null;
            }
            if (raw.length < 2 || raw[raw.length - 2] != '\r' || raw[raw.length - 1] != '\n') {
                throw new AssertionError("line not ended by CR LF: " + new String(raw, StandardCharsets.UTF_8));
            }
            return new String(raw, 0, raw.length - 2, StandardCharsets.UTF_8);
        }

        byte[] rawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new AssertionError("connection closed in the middle of a line: "
                            + line.toString(StandardCharsets.UTF_8));
                }
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
        }

        /** Sends a POP3 command and reads its multi-line reply exactly (an -ERR is one line). */
        String multiLine(String command) throws IOException {
            send(command + "\r\n");
            return new String(multiLineBytes(), StandardCharsets.UTF_8);
        }

        byte[] multiLineBytes() throws IOException {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] status = rawLine();
            if (status == null) {
                throw new AssertionError("connection closed before the status line");
            }
            response.writeBytes(status);
            if (!(status.length >= 3 && status[0] == '+' && status[1] == 'O' && status[2] == 'K')) {
                return response.toByteArray();
            }
            while (true) {
                byte[] line = rawLine();
                if (line == null) {
                    throw new AssertionError("closed inside a multi-line response: "
                            + response.toString(StandardCharsets.UTF_8));
                }
                response.writeBytes(line);
                if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                    return response.toByteArray();
                }
            }
        }

        /** One SMTP reply, all its lines with CR LF; null if the server closed before any byte. */
        String smtpReply() throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = line();
                if (line == null) {
                    return reply.length() == 0 ? null : reply.toString();
                }
                reply.append(line).append("\r\n");
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return reply.toString();
                }
            }
        }

        String smtpCommand(String line) throws IOException {
            send(line + "\r\n");
            return smtpReply();
        }

        /** Everything until the server closes. */
        byte[] readToEnd() throws IOException {
            return in.readAllBytes();
        }

        int read(byte[] buffer) throws IOException {
            return in.read(buffer);
        }

        /** True if the server closed (FIN or RST) within the read timeout, false if it stays silent. */
        boolean isClosedByServer() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        void setTimeoutMillis(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        /** USER/PASS (any password is accepted unless the server has fixed users). */
        void login(String user, String password) throws IOException {
            String reply = command("USER " + user);
            if (!reply.startsWith("+OK")) {
                throw new AssertionError("USER refused: " + reply);
            }
            reply = command("PASS " + password);
            if (!reply.startsWith("+OK")) {
                throw new AssertionError("PASS refused: " + reply);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static void checkServerIdentity(SSLSocket socket) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
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
