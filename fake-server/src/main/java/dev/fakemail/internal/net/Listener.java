package dev.fakemail.internal.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Accepts connections on one port and hands each to its own thread. With implicit TLS (SMTPS, later POP3S,
 * IMAPS), accepted sockets are wrapped before the protocol sees them; the handshake runs on the
 * connection's thread, so a slow client cannot hold up the accept loop.
 *
 * <p>The accept loop survives every failure: a full file-descriptor table ({@code accept} throws "Too many
 * open files" for as long as a connection waits in the backlog), no thread for the connection (JDK 17 has one
 * platform thread per connection: "unable to create native thread"), a rejecting executor. It closes the
 * socket it holds, backs off (10 ms doubling to 1 s, so a failure that repeats at once cannot spin a core),
 * logs the first failure of a burst and tries again; only {@link #stopAccepting()} ends it. Meanwhile
 * {@link #failure()} says since when and why, so a health check can tell.
 */
public final class Listener implements Closeable {
    /** Runs one connection to its end; called on the connection's own thread. */
    @FunctionalInterface
    public interface ConnectionHandler {
        void handle(Socket socket, Runnable onExit);
    }

    /**
     * Since when the accept loop has failed, the last failure, how many in a row and when the last one was.
     * Cleared by the next connection served (or refused by a limit: the loop works again), and no longer
     * reported once {@link #FAILURE_MEMORY} passes without a failure: a loop that still cannot accept fails
     * again within a second (a connection waiting in the backlog is retried that often), while one that had a
     * burst and then no client should not keep a container unhealthy for hours.
     */
    public record Failure(Instant since, String lastError, int count, Instant last) {
        /** Whether a failure this recent still says something about the listener. */
        boolean isCurrent(Instant now) {
            return last.plus(FAILURE_MEMORY).isAfter(now);
        }
    }

    /** How long a failure is reported without another one; see {@link Failure}. */
    static final Duration FAILURE_MEMORY = Duration.ofSeconds(30);

    /** Takes the next connection; a seam so tests can make accept fail as a full descriptor table does. */
    @FunctionalInterface
    interface Accept {
        Socket next(ServerSocket serverSocket) throws IOException;
    }

    static final long FIRST_BACKOFF_MILLIS = 10;
    static final long MAX_BACKOFF_MILLIS = 1000;

    private static final Accept PLAIN_ACCEPT = new Accept() { // not a method reference: see ConnectionThreads
        @Override
        public Socket next(ServerSocket serverSocket) throws IOException {
            return serverSocket.accept();
        }
    };

    private final String name;
    private final ServerSocket serverSocket;
    private final boolean implicitTls;
    private final ConnectionHandler handler;
    private final Executor executor;
    private final ConnectionLimits limits;
    private final Accept accept;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile Failure failure;
    private long backoffMillis;
    private boolean refusing;
    private Future<?> acceptLoop;

    private Listener(String name, ServerSocket serverSocket, boolean implicitTls, ConnectionHandler handler,
            Executor executor, ConnectionLimits limits, Accept accept) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.implicitTls = implicitTls;
        this.handler = handler;
        this.executor = executor;
        this.limits = limits;
        this.accept = accept;
    }

    /**
     * Binds (SO_REUSEADDR, so a stopped server's port can be bound again at once) and starts accepting.
     *
     * @throws IOException the socket's own exception when the port cannot be bound; the caller names the listener
     */
    public static Listener open(String name, InetAddress address, int port, boolean implicitTls,
            ConnectionHandler handler, Executor executor, ConnectionLimits limits) throws IOException {
        return open(name, address, port, implicitTls, handler, executor, limits, PLAIN_ACCEPT);
    }

    static Listener open(String name, InetAddress address, int port, boolean implicitTls,
            ConnectionHandler handler, Executor executor, ConnectionLimits limits, Accept accept) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(address, port), 256);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        Listener listener = new Listener(name, serverSocket, implicitTls, handler, executor, limits, accept);
        try {
            listener.acceptLoop = ConnectionThreads.runAcceptLoop(
                    "fakemail-" + name + "-accept-" + serverSocket.getLocalPort(), new Runnable() {
                        @Override
                        public void run() {
                            listener.acceptLoop();
                        }
                    });
        } catch (RuntimeException | Error e) { // no thread for the loop: nothing may stay bound
            serverSocket.close();
            throw e;
        }
        return listener;
    }

    public String name() {
        return name;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    /** Null while the listener accepts; otherwise since when and why it has been failing (see {@link Failure}). */
    public Failure failure() {
        Failure current = failure;
        return current != null && current.isCurrent(Instant.now()) ? current : null;
    }

    /** Connections open right now (handed to a session, not yet ended). */
    public int connections() {
        return open.size();
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                Socket socket = null;
                try {
                    socket = accept.next(serverSocket);
                    admit(socket);
                    recovered();
                } catch (Throwable e) { // see the class comment: every failure is survived
                    if (socket != null) {
                        closeQuietly(socket);
                    }
                    if (!closed) {
                        failed(e);
                    }
                }
            }
        } finally {
            if (!closed) { // cannot happen short of a failure in the failure handling itself; say so, for good
                failure = new Failure(Instant.now(), "accept loop ended", 1, Instant.MAX.minus(FAILURE_MEMORY));
            }
        }
    }

    /** Hands the connection to its thread, or refuses it when a limit is reached. */
    private void admit(Socket socket) throws IOException {
        socket.setTcpNoDelay(true); // replies are written whole; never wait for a delayed ACK
        // Implicit TLS starts in the session, after the connect and TLS fault triggers have had their say.
        InetAddress client = socket.getInetAddress();
        if (open.size() >= limits.maxConnections()) {
            refuse(socket, limits.listenerFull(), limits.maxConnections() + " open connections");
            return;
        }
        if (perClient.getOrDefault(client, 0) >= limits.maxPerClient()) {
            refuse(socket, limits.clientFull(), limits.maxPerClient() + " open connections from "
                    + client.getHostAddress());
            return;
        }
        Connection connection = new Connection(socket, client);
        if (closed) {
            connection.release();
            closeQuietly(socket);
            return;
        }
        try {
            executor.execute(connection);
        } catch (RuntimeException | Error e) {
            connection.release(); // the socket is closed by the loop
            throw e;
        }
        refusing = false;
    }

    /**
     * Writes the refusal on this thread and closes: a few dozen bytes into a fresh socket's empty send buffer
     * never block, and a refusal that needed a thread of its own would fail exactly when threads run out.
     */
    private void refuse(Socket socket, byte[] refusal, String what) {
        try {
            if (refusal.length > 0) {
                OutputStream out = socket.getOutputStream();
                out.write(refusal);
                out.flush();
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // the client is gone already
        } finally {
            closeQuietly(socket);
        }
        if (!refusing) {
            refusing = true;
            log(System.Logger.Level.INFO, this + " refuses connections: it has its limit of " + what
                    + " (logged once until it admits one again)", null);
        }
    }

    private void failed(Throwable e) {
        backoffMillis = backoffMillis == 0 ? FIRST_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        try {
            Instant now = Instant.now();
            Failure previous = failure;
            if (previous == null || !previous.isCurrent(now)) { // a new burst
                failure = new Failure(now, e.toString(), 1, now);
                log(System.Logger.Level.WARNING, this + " cannot accept connections (retrying, backing off up to "
                        + MAX_BACKOFF_MILLIS + " ms; logged once until it recovers)", e);
            } else {
                failure = new Failure(previous.since(), e.toString(), previous.count() + 1, now);
            }
        } catch (Throwable stillFailing) {
            // e.g. no memory even for the record: the back-off below is what matters
        }
        try {
            closing.await(backoffMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            // only close ends the loop; the interrupt is spent on this wait
        }
    }

    private void recovered() {
        backoffMillis = 0;
        Failure previous = failure;
        if (previous != null) {
            failure = null;
            log(System.Logger.Level.INFO, this + " accepts connections again after " + previous.count()
                    + " failures since " + previous.since(), null);
        }
    }

    /** Logs through System.Logger, looked up only now: a server that never fails never loads logging. */
    private static void log(System.Logger.Level level, String message, Throwable thrown) {
        try {
            System.getLogger(Listener.class.getName()).log(level, message, thrown);
        } catch (Throwable e) {
            // logging itself failed (no descriptors, no memory): the state in failure() still tells
        }
    }

    /**
     * Stops accepting and closes every open connection of this listener at once. The port is free once
     * {@link #awaitClosed()} returns; {@link #close()} does both.
     */
    public void stopAccepting() {
        closed = true;
        closing.countDown();
        closeQuietly(serverSocket);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /**
     * Waits for the accept loop: the JDK releases the port only once the thread blocked in accept() has
     * woken up, so the port can be bound again as soon as this returns.
     */
    public void awaitClosed() {
        try {
            acceptLoop.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the loop failed or is stuck: the socket is closed either way
        }
    }

    @Override
    public void close() {
        stopAccepting();
        awaitClosed();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return name + " on " + address().getHostAddress() + ":" + port();
    }

    /** One admitted connection: counted until its session ends, however it ends. */
    private final class Connection implements Runnable {
        private final Socket socket;
        private final InetAddress client;
        private final AtomicBoolean released = new AtomicBoolean();

        Connection(Socket socket, InetAddress client) {
            this.socket = socket;
            this.client = client;
            open.add(socket);
            perClient.merge(client, 1, Integer::sum);
        }

        @Override
        public void run() {
            try {
                handler.handle(socket, this::release);
            } catch (RuntimeException | Error e) {
                closeQuietly(socket); // a session that failed before its own clean-up must not hold the socket
                throw e;
            } finally {
                release();
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.remove(socket);
                perClient.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
            }
        }
    }
}
