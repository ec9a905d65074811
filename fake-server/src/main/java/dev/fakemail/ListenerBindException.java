package dev.fakemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/**
 * {@link FakeMailServer#start()} could not listen on a port (taken, or not allowed); nothing is left running.
 * The message reads "smtp cannot listen on 127.0.0.1:1025: Address already in use"; the cause is the
 * socket's own exception.
 */
public final class ListenerBindException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final ProtocolName listener;
    private final transient InetAddress address;
    private final int port;

    public ListenerBindException(ProtocolName listener, InetAddress address, int port, IOException cause) {
        super(listener.id() + " cannot listen on " + hostPort(address, port) + ": " + cause.getMessage(), cause);
        this.listener = listener;
        this.address = address;
        this.port = port;
    }

    /** The listener that failed. */
    public ProtocolName listener() {
        return listener;
    }

    /** The address it was to listen on. */
    public InetAddress address() {
        return address;
    }

    /** The port it was to listen on (0 if a free one was asked for). */
    public int port() {
        return port;
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
