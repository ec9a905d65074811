package dev.fakemail.web;

import dev.fakemail.MailControl;
import dev.fakemail.web.internal.InboxHandler;
import dev.fakemail.web.internal.WebSettings;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web inbox of a running server: a page to read captured mail, a JSON API, live events.
 *
 * <pre>{@code
 * try (FakeMailServer mail = FakeMailServer.builder().build().start();
 *      WebInbox web = WebInbox.start(mail)) {
 *     System.out.println("inbox at " + web.uri());
 * }
 * }</pre>
 *
 * The inbox listens on loopback unless told otherwise, and then answers only to localhost names and IP
 * addresses. Exposed on a network, it should get a password: {@code WebInbox.builder(mail).bind(any)
 * .basicAuth("dev", "secret").start()}. The routes are described in {@code docs/web-inbox.md}.
 */
public final class WebInbox implements AutoCloseable {
    private static final int PARSER_MAX_FIELDS = 100_000;
    private static final int REQUEST_PARSE_TIMEOUT_MILLIS = 30_000;
    private static final int NO_REQUEST_TIMEOUT_MILLIS = 120_000;
    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 8;
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final Undertow undertow;
    private final InboxHandler inbox;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebInbox(Undertow undertow, InboxHandler inbox, InetSocketAddress address) {
        this.undertow = undertow;
        this.inbox = inbox;
        this.address = address;
    }

    /** Starts an inbox on a free loopback port. */
    public static WebInbox start(MailControl control) {
        return builder(control).start();
    }

    /**
     * Starts an inbox for this server.
     *
     * @param bind the address to listen on; loopback keeps the inbox private to this machine
     * @param port the port, or 0 for a free one (read it back with {@link #port()})
     * @throws UncheckedIOException if the port cannot be bound, e.g. because it is in use
     */
    public static WebInbox start(MailControl control, InetAddress bind, int port) {
        return builder(control).bind(bind).port(port).start();
    }

    /** Options beyond address and port: basic auth, extra host names. */
    public static Builder builder(MailControl control) {
        return new Builder(control);
    }

    /** Collects the inbox's options; {@link #start()} starts it. */
    public static final class Builder {
        private final MailControl control;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port;
        private String user;
        private String password;
        private final Set<String> allowedHosts = new HashSet<>();

        private Builder(MailControl control) {
            this.control = Objects.requireNonNull(control, "control");
        }

        /** The address to listen on (default loopback). */
        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /** The port, 0 (the default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("web port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Requires this user name and password (HTTP basic auth) for everything but the health check. */
        public Builder basicAuth(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("basic auth user must be non-empty and without ':'");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * A host name the inbox answers to besides localhost and IP addresses (e.g. a name in /etc/hosts, or
         * the service name other containers use in docker compose). Other names are refused whatever the bind
         * address, so a web page cannot reach the inbox by DNS rebinding. {@code "*"} allows every name: only
         * behind a proxy that checks names itself.
         */
        public Builder allowHost(String name) {
            String lower = name.strip().toLowerCase(Locale.ROOT);
            if (!lower.equals("*") && !lower.matches("[a-z0-9._-]+")) {
                throw new IllegalArgumentException("not a host name: '" + name + "' (a name such as mail.dev.test, "
                        + "without port; IP addresses are always allowed)");
            }
            allowedHosts.add(lower);
            return this;
        }

        /** @throws UncheckedIOException if the port cannot be bound, e.g. because it is in use */
        public WebInbox start() {
            return WebInbox.start(control, new WebSettings(bind, port, user, password, allowedHosts));
        }
    }

    private static WebInbox start(MailControl control, WebSettings settings) {
        InboxHandler inbox = InboxHandler.create(control, settings);
        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.bind().getHostAddress())
                .setIoThreads(IO_THREADS)
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                // Undertow refuses too many parameters or header fields with an empty 400 before any handler
                // runs; with its bounds above ours (the request head stays bounded by its 1 MiB limit) the
                // request guard answers instead, in JSON.
                .setServerOption(UndertowOptions.MAX_PARAMETERS, PARSER_MAX_FIELDS)
                .setServerOption(UndertowOptions.MAX_HEADERS, PARSER_MAX_FIELDS)
                // A client that sends half a request head, or opens a connection and says nothing, is let go.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MILLIS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, NO_REQUEST_TIMEOUT_MILLIS)
                .setHandler(inbox.handler())
                .build();
        try {
            undertow.start(); // on failure Undertow has already shut its worker threads down
        } catch (RuntimeException e) {
            inbox.close();
            IOException cause = ioCause(e);
            if (cause == null) {
                throw e;
            }
            throw new UncheckedIOException("web cannot listen on " + hostPort(settings.bind(), settings.port())
                    + ": " + cause.getMessage(), cause);
        }
        // The port as bound, the address as asked: a dual-stack socket would report 0.0.0.0 as "::".
        int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return new WebInbox(undertow, inbox, new InetSocketAddress(settings.bind(), bound));
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

    /**
     * Stops listening and frees the port: waiting requests are answered (503), event streams end, requests
     * still running get a moment to finish.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closing twice is harmless
        }
        try {
            inbox.close();
        } finally {
            undertow.stop();
        }
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
