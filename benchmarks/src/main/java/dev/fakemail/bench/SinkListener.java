package dev.fakemail.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the trivial sinks ({@link SinkServer}, {@link Pop3SinkServer}) share: a loopback listener, one session per
 * connection on the given executor, and a close that ends the listener, every open connection and the sessions.
 */
abstract class SinkListener implements Closeable {
    private final String name;
    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService sessions;
    private volatile boolean closed;

    SinkListener(String name, int backlog, ExecutorService sessions) throws IOException {
        this.name = name;
        this.sessions = sessions;
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    }

    /** A cached pool of daemon platform threads, fakemail's shape on JDK 17. */
    static ExecutorService platformThreads(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Called by the subclass once it is fully built, since sessions use its fields. */
    final void startAccepting() {
        Thread acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
    }

    /** One session; an IOException means the client left. */
    abstract void serve(Socket socket) throws IOException;

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                sessions.execute(() -> session(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            serve(socket);
        } catch (IOException ignored) {
            // the client left
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : open) {
            socket.close();
        }
        sessions.shutdownNow();
    }
}
