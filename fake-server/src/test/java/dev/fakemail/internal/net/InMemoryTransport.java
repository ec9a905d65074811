package dev.fakemail.internal.net;

import javax.net.ssl.SSLContext;

/** What every test transport over memory shares: no TLS, and a close that is only noted. */
public abstract class InMemoryTransport implements Transport {
    private volatile boolean closed;

    public boolean isClosed() {
        return closed;
    }

    @Override
    public Transport startTls(SSLContext context) throws java.io.IOException {
        throw new UnsupportedOperationException("no TLS over memory");
    }

    @Override
    public String tlsDescription() {
        return null;
    }

    @Override
    public String tlsProtocol() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
