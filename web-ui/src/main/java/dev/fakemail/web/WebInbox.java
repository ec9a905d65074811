package dev.fakemail.web;

import dev.fakemail.MailControl;
import dev.fakemail.web.internal.InboxHandler;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * The web inbox of a running server: a JSON API and a small page listing received messages.
 *
 * <pre>{@code
 * try (FakeMailServer mail = FakeMailServer.builder().build().start();
 *      WebInbox web = WebInbox.start(mail)) {
 *     System.out.println("inbox at " + web.uri());
 * }
 * }</pre>
 *
 * Routes: {@code GET /api/health}, {@code GET /api/messages}, {@code GET /api/messages/{id}/raw}, and the page
 * at {@code /}. The inbox has no authentication: it listens on loopback unless told otherwise.
 */
public final class WebInbox implements AutoCloseable {
    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 8;
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final Undertow undertow;
    private final InetSocketAddress address;

    private WebInbox(Undertow undertow, InetSocketAddress address) {
        this.undertow = undertow;
        this.address = address;
    }

    /** Starts an inbox on a free loopback port. */
    public static WebInbox start(MailControl control) {
        return start(control, InetAddress.getLoopbackAddress(), 0);
    }

    /**
     * Starts an inbox for this server.
     *
     * @param bind the address to listen on; loopback keeps the inbox private to this machine
     * @param port the port, or 0 for a free one (read it back with {@link #port()})
     * @throws UncheckedIOException if the port cannot be bound, e.g. because it is in use
     */
    public static WebInbox start(MailControl control, InetAddress bind, int port) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("web port must be 0..65535, got " + port);
        }
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, bind.getHostAddress())
                .setIoThreads(IO_THREADS)
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                .setHandler(InboxHandler.create(control))
                .build();
        try {
            undertow.start(); // on failure Undertow has already shut its worker threads down
        } catch (RuntimeException e) {
            IOException cause = ioCause(e);
            if (cause == null) {
                throw e;
            }
            throw new UncheckedIOException("web cannot listen on " + hostPort(bind, port) + ": "
                    + cause.getMessage(), cause);
        }
        // The port as bound, the address as asked: a dual-stack socket would report 0.0.0.0 as "::".
        int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return new WebInbox(undertow, new InetSocketAddress(bind, bound));
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return address.getPort();
    }

    /** The bound address. */
    public InetAddress address() {
        return address.getAddress();
    }

    /**
     * Where a browser on this machine finds the inbox. For a wildcard bind (0.0.0.0, ::) that is loopback.
     */
    public URI uri() {
        InetAddress host = address.getAddress();
        if (host.isAnyLocalAddress()) {
            host = InetAddress.getLoopbackAddress();
        }
        return URI.create("http://" + hostPort(host, address.getPort()) + "/");
    }

    /** Stops listening and frees the port; requests still running get a moment to finish. */
    @Override
    public void close() {
        undertow.stop();
    }

    @Override
    public String toString() {
        return "web inbox on " + hostPort(address.getAddress(), address.getPort());
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
