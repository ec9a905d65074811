package dev.fakemail.testsupport;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client TLS context that trusts every certificate, for tests that talk to the server's built-in self-signed
 * one without caring which certificate it is. A test about certificates must trust exactly the expected one.
 */
public final class TrustAll {
    private static final X509TrustManager TRUST_MANAGER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusts everything: that is the point of this class
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusts everything: that is the point of this class
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustAll() {
    }

    public static X509TrustManager trustManager() {
        return TRUST_MANAGER;
    }

    /** A fresh context; a trust-all manager passes any chain, but host names are still checked if asked. */
    public static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TRUST_MANAGER}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }
}
