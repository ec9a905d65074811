package dev.fakemail.internal.session;

import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.SocketTransport;
import dev.fakemail.internal.tls.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One {@link TinyImapSession} on its own thread behind a loopback socket, and the raw client talking to it. */
final class LoopbackSession implements AutoCloseable {
    final Socket client;
    final TinyImapSession session;
    final ConnectionInfo connection;
    final TranscriptWriter transcript;
    final Thread loop;
    private final CountDownLatch exited = new CountDownLatch(1);
    private final InputStream in;

    private LoopbackSession(Socket client, Socket accepted) throws IOException {
        this.client = client;
        this.in = client.getInputStream();
        InetSocketAddress address = (InetSocketAddress) accepted.getRemoteSocketAddress();
        this.connection = new ConnectionInfo(address);
        this.session = new TinyImapSession(connection);
        this.transcript = new TranscriptWriter(1, "IMAP", address, Clock.systemUTC());
        SessionLoop sessionLoop = new SessionLoop(new SocketTransport(accepted), session, connection, transcript,
                TlsContexts::builtIn, exited::countDown);
        this.loop = new Thread(sessionLoop, "tiny-imap-session");
        loop.setDaemon(true);
        loop.start();
    }

    /** A session whose connection times out after {@code idleTimeoutMillis} of client silence. */
    static LoopbackSession start(int idleTimeoutMillis) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            client.setSoTimeout(10_000);
            client.setTcpNoDelay(true);
            Socket accepted = server.accept();
            accepted.setSoTimeout(idleTimeoutMillis);
            return new LoopbackSession(client, accepted);
        }
    }

    void send(String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    /** The next line from the server without its CR LF; null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** True if the session's loop ended (and ran its exit action) within the time. */
    boolean awaitExit(long millis) {
        try {
            return exited.await(millis, TimeUnit.MILLISECONDS) && joined(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean joined(long millis) throws InterruptedException {
        loop.join(millis);
        return !loop.isAlive();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitExit(5_000);
    }
}
