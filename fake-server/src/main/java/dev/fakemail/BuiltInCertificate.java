package dev.fakemail;

import dev.fakemail.internal.tls.TlsContexts;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Client-side trust for the server's built-in self-signed certificate (CN=localhost, SAN localhost,
 * 127.0.0.1, ::1), so a test's mail client can verify it instead of trusting everything.
 *
 * <pre>{@code
 * props.put("mail.smtp.ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
 * }</pre>
 */
public final class BuiltInCertificate {
    private BuiltInCertificate() {
    }

    /** A key store holding only the built-in certificate, as a trust store. */
    public static KeyStore trustStore() {
        return TlsContexts.builtInTrustStore();
    }

    /** A trust manager that accepts exactly the built-in certificate. */
    public static X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager for the built-in trust store");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager for the built-in certificate", e);
        }
    }

    /** A client SSL context that trusts only the built-in certificate. */
    public static SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client context for the built-in certificate", e);
        }
    }
}
