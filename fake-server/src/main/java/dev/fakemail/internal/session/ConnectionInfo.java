package dev.fakemail.internal.session;

import dev.fakemail.internal.fault.SessionFaults;
import java.net.InetSocketAddress;

/** What a protocol session may know about its connection; updated by the loop when TLS starts. */
public final class ConnectionInfo {
    private final InetSocketAddress client;
    private final SessionFaults faults;
    private volatile String tlsProtocol;
    private volatile Runnable pushRequests = () -> { };

    /** A connection without fault rules (socket-free tests). */
    public ConnectionInfo(InetSocketAddress client) {
        this(client, SessionFaults.none());
    }

    public ConnectionInfo(InetSocketAddress client, SessionFaults faults) {
        this.client = client;
        this.faults = faults;
    }

    public InetSocketAddress client() {
        return client;
    }

    /** The scripted faults as this session meets them; handlers consult them at authentication and EHLO/CAPA. */
    public SessionFaults faults() {
        return faults;
    }

    /** The negotiated TLS protocol ("TLSv1.3"), or null while in plaintext. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    public boolean isTls() {
        return tlsProtocol != null;
    }

    /**
     * Asks the session loop to write the session's pending pushed output now ({@link ProtocolSession#pendingPush}),
     * from another thread. Safe to call from a store listener: it only hands the work to a pusher thread.
     */
    public void requestPush() {
        pushRequests.run();
    }

    void onPushRequest(Runnable pusher) {
        this.pushRequests = pusher;
    }

    void tlsStarted(String protocol) {
        this.tlsProtocol = protocol;
    }
}
