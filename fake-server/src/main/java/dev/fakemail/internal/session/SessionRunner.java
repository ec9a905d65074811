package dev.fakemail.internal.session;

import dev.fakemail.fault.Protocol;
import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.inbox.InboxRouter;
import dev.fakemail.internal.inbox.SessionInbox;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.net.Listener;
import dev.fakemail.internal.net.SocketTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Turns an accepted socket into a running session of one protocol: opens its transcript and its view of the
 * fault rules, sets the idle timeout, then runs the {@link SessionLoop} (which also completes an implicit
 * TLS handshake). The same for every protocol; only the factory of the protocol session differs.
 */
public final class SessionRunner implements Listener.ConnectionHandler {
    private final String protocol;
    private final Protocol family;
    private final Function<ConnectionInfo, ProtocolSession> sessions;
    private final Journal journal;
    private final Duration idleTimeout;
    private final Duration writeTimeout;
    private final Supplier<SSLContext> tls;
    private final FaultEngine faults;
    private final boolean implicitTls;
    private final InboxRouter inboxes;

    public SessionRunner(String protocol, Function<ConnectionInfo, ProtocolSession> sessions, Journal journal,
            Duration idleTimeout, Duration writeTimeout, Supplier<SSLContext> tls, FaultEngine faults,
            boolean implicitTls, InboxRouter inboxes) {
        this.inboxes = inboxes;
        this.implicitTls = implicitTls;
        this.protocol = protocol;
        this.family = Protocol.ofListener(protocol);
        this.sessions = sessions;
        this.journal = journal;
        this.idleTimeout = idleTimeout;
        this.writeTimeout = writeTimeout;
        this.tls = tls;
        this.faults = faults;
    }

    @Override
    public void handle(Socket socket, Runnable onExit) {
        InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
        TranscriptWriter transcript = journal.open(protocol, client);
        SocketTransport transport = new SocketTransport(socket, writeTimeout.toMillis());
        try {
            transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        } catch (IOException e) {
            transcript.event("connection lost: " + e.getMessage());
            transcript.end();
            transport.close();
            onExit.run();
            return;
        }
        SessionFaults sessionFaults = faults.session(family, transcript);
        SessionInbox inbox = new SessionInbox(inboxes, journal, transcript);
        inbox.faults(sessionFaults);
        sessionFaults.inbox(inbox);
        ConnectionInfo connection = new ConnectionInfo(client, sessionFaults, transcript::event, inbox);
        new SessionLoop(transport, sessions.apply(connection), connection, transcript, tls, onExit, implicitTls).run();
    }
}
