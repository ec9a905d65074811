package dev.fakemail.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Where and how a {@link LineClient} connects: host and port, optionally from a chosen local address, in
 * plaintext or with TLS from the first byte, trusting a given {@link SSLContext} (by default {@link TrustAll}).
 */
public final class Dial {
    /** How long a connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String host;
    private final int port;
    private InetAddress localAddress;
    private SSLContext trust = TrustAll.context();
    private boolean implicitTls;

    private Dial(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static Dial to(String host, int port) {
        return new Dial(host, port);
    }

    /** Connects from this local address (another loopback address looks like another client). */
    public Dial from(InetAddress localAddress) {
        this.localAddress = localAddress;
        return this;
    }

    /** The trust for implicit TLS and later upgrades (STARTTLS, STLS). */
    public Dial trusting(SSLContext trust) {
        this.trust = trust;
        return this;
    }

    /**
     * TLS from the first byte (SMTPS, POP3S). The handshake runs at the first read or write, or when the test
     * calls {@link LineClient#handshake()}, so a test can see a handshake that a server cuts.
     */
    public Dial implicitTls() {
        this.implicitTls = true;
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    SSLContext trust() {
        return trust;
    }

    Socket open() throws IOException {
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return implicitTls ? layerTls(socket) : socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A TLS socket over the connected one; the server's certificate must name the host dialled. */
    SSLSocket layerTls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        return tls;
    }
}
