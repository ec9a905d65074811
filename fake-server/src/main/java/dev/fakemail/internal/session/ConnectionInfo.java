package dev.fakemail.internal.session;

import dev.fakemail.internal.fault.SessionFaults;
import java.net.InetSocketAddress;

/** What a protocol session may know about its connection; updated by the loop when TLS starts. */
public final class ConnectionInfo {
    private final InetSocketAddress client;
    private final SessionFaults faults;
    private final SessionOutput output = new SessionOutput();
    private volatile String tlsProtocol;

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

    /** Where other threads push output for this session: give it to an {@link Outbox}. */
    public SessionOutput output() {
        return output;
    }

    /** The negotiated TLS protocol ("TLSv1.3"), or null while in plaintext. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    public boolean isTls() {
        return tlsProtocol != null;
    }

    void tlsStarted(String protocol) {
        this.tlsProtocol = protocol;
    }
}
