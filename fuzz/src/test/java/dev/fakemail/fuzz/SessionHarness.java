package dev.fakemail.fuzz;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.MemoryTransport;
import dev.fakemail.internal.net.InMemoryTransport;
import dev.fakemail.internal.net.Transport;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.session.SessionLoop;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.internal.tls.TlsContexts;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * Runs one protocol session over memory (no sockets, so tens of thousands of inputs a second): the fuzz bytes
 * arrive in pieces, the session runs to the end of the input, and what it wrote comes back. A session that does
 * not end within {@link #BOUND_SECONDS} is a finding: with all input read and the stream at its end, nothing is
 * left to wait for.
 */
final class SessionHarness {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    static final String USER = "bob@example.test";
    static final UserPolicy USERS = UserPolicy.anyone();
    private static final long BOUND_SECONDS = 10;

    // One daemon thread reused across inputs; a stuck session fails the input instead of hanging the run.
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "fuzzed-session");
        thread.setDaemon(true);
        return thread;
    });

    private SessionHarness() {
    }

    /** A store with two messages in bob's INBOX, for sessions that read mail. */
    static InMemoryMailStore storeWithMail() {
        InMemoryMailStore store = new InMemoryMailStore(CLOCK);
        deliver(store, "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: one\r\n\r\nfirst\r\n");
        deliver(store, "Subject: two\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nsecond\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=a.bin\r\n\r\nAAEC\r\n--b--\r\n");
        return store;
    }

    private static void deliver(InMemoryMailStore store, String message) {
        Envelope envelope = new Envelope("alice@example.test", Map.of(),
                List.of(new EnvelopeRecipient(USER, Map.of())), "client.test", CLIENT, null, null, "ESMTP");
        store.deliver(envelope, message.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Runs the session over {@code input}, cut in pieces whose size follows from the input's length (so the
     * fuzzer varies it, and seeds stay plain conversations), and returns the bytes the server wrote.
     */
    static byte[] run(byte[] input, Function<ConnectionInfo, ProtocolSession> sessions, String protocol) {
        MemoryTransport memory = MemoryTransport.inPiecesOf(input, 1 + input.length % 61);
        Transport transport = new HandshakeFailing(memory);
        ConnectionInfo connection = new ConnectionInfo(CLIENT);
        ProtocolSession session = sessions.apply(connection);
        TranscriptWriter transcript = new TranscriptWriter(1, protocol, CLIENT, CLOCK);
        Future<?> done = RUNNER.submit(
                new SessionLoop(transport, session, connection, transcript, TlsContexts::builtIn, () -> { }));
        try {
            done.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new AssertionError(protocol + " session still running " + BOUND_SECONDS
                    + " s after its input ended");
        } catch (ExecutionException e) {
            throw new AssertionError(protocol + " session loop threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return memory.written();
    }

    /**
     * Memory with the TLS handshake of a socket whose client sends no ClientHello: STARTTLS/STLS then fail as
     * they would on the network, with an IOException, where memory alone would throw UnsupportedOperation.
     */
    private static final class HandshakeFailing extends InMemoryTransport {
        private final MemoryTransport memory;

        HandshakeFailing(MemoryTransport memory) {
            this.memory = memory;
        }

        @Override
        public InputStream input() {
            return memory.input();
        }

        @Override
        public OutputStream output() {
            return memory.output();
        }

        @Override
        public Transport startTls(SSLContext context) throws SSLHandshakeException {
            throw new SSLHandshakeException("no ClientHello: the fuzzed client speaks no TLS");
        }

        @Override
        public void close() {
            super.close();
            memory.close();
        }
    }

    /** Splits server output into lines, each of which must end in CR LF. */
    static List<String> crlfLines(byte[] written, String protocol) {
        String text = new String(written, StandardCharsets.ISO_8859_1);
        if (!text.isEmpty() && !text.endsWith("\r\n")) {
            throw new AssertionError(protocol + " output does not end in CR LF: " + tail(text));
        }
        List<String> lines = List.of(text.split("\r\n", -1));
        lines = lines.subList(0, Math.max(0, lines.size() - 1));
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new AssertionError(protocol + " reply line with a bare CR or LF: " + shown(line));
            }
        }
        return lines;
    }

    static String shown(String line) {
        String cut = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return "'" + cut.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    private static String tail(String text) {
        return shown(text.substring(Math.max(0, text.length() - 200)));
    }
}
