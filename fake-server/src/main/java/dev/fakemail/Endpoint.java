package dev.fakemail;

import java.net.InetAddress;

/**
 * Where one protocol listens.
 *
 * @param protocol "smtp", "smtps", later "pop3", "imap" ...
 * @param implicitTls whether TLS starts on connect (SMTPS, RFC 8314) rather than by STARTTLS
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
