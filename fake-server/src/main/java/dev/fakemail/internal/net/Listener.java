package dev.fakemail.internal.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts connections on one port and hands each to its own thread. With implicit TLS (SMTPS, later POP3S,
 * IMAPS), accepted sockets are wrapped before the protocol sees them; the handshake runs on the
 * connection's thread, so a slow client cannot hold up the accept loop.
 */
public final class Listener implements Closeable {
    /** Runs one connection to its end; called on the connection's own thread. */
    @FunctionalInterface
    public interface ConnectionHandler {
        void handle(Socket socket, Runnable onExit);
    }

    private final String name;
    private final ServerSocket serverSocket;
    private final boolean implicitTls;
    private final ConnectionHandler handler;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Future<?> acceptLoop;

    private Listener(String name, ServerSocket serverSocket, boolean implicitTls,
            ConnectionHandler handler, ExecutorService executor) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.implicitTls = implicitTls;
        this.handler = handler;
        this.executor = executor;
    }

    /**
     * Binds (SO_REUSEADDR, so a stopped server's port can be bound again at once) and starts accepting.
     *
     * @throws IOException the socket's own exception when the port cannot be bound; the caller names the listener
     */
    public static Listener open(String name, InetAddress address, int port, boolean implicitTls,
            ConnectionHandler handler, ExecutorService executor) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(address, port), 256);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        Listener listener = new Listener(name, serverSocket, implicitTls, handler, executor);
        listener.acceptLoop = ConnectionThreads.runAcceptLoop(
                "fakemail-" + name + "-accept-" + serverSocket.getLocalPort(), new Runnable() {
                    @Override
                    public void run() {
                        listener.acceptLoop();
                    }
                });
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

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. the client reset before accept finished; keep serving the others
            }
            try {
                Socket connection = prepare(socket);
                open.add(connection);
                if (closed) {
                    closeQuietly(connection);
                    return;
                }
                executor.execute(() -> handler.handle(connection, () -> open.remove(connection)));
            } catch (IOException | RejectedExecutionException e) {
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private Socket prepare(Socket socket) throws IOException {
        socket.setTcpNoDelay(true); // replies are written whole; never wait for a delayed ACK
        // Implicit TLS starts in the session, after the connect and TLS fault triggers have had their say.
        return socket;
    }

    /**
     * Stops accepting and closes every open connection of this listener at once. The port is free once
     * {@link #awaitClosed()} returns; {@link #close()} does both.
     */
    public void stopAccepting() {
        closed = true;
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
}
