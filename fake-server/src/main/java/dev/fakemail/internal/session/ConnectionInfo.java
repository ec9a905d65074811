package dev.fakemail.internal.session;

import java.net.InetSocketAddress;

/** What a protocol session may know about its connection; updated by the loop when TLS starts. */
public final class ConnectionInfo {
    private final InetSocketAddress client;
    private volatile String tlsProtocol;

    public ConnectionInfo(InetSocketAddress client) {
        this.client = client;
    }

    public InetSocketAddress client() {
        return client;
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
