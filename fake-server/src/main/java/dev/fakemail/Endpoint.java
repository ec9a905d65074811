package dev.fakemail;

import java.net.InetAddress;

/**
 * Where one protocol listens.
 *
 * @param protocol the listener's {@link ProtocolName#id()}: "smtp", "smtps", "pop3", "pop3s", "imap", "imaps"
 * @param implicitTls whether TLS starts on connect (SMTPS, POP3S, IMAPS; RFC 8314) rather than by STARTTLS
 */
public record Endpoint(String protocol, InetAddress address, int port, boolean implicitTls) {
    /** The host to give a client: the bound address as a literal. */
    public String host() {
        return address.getHostAddress();
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return protocol + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
