package dev.fakemail.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds server SSL contexts: the built-in self-signed localhost certificate, or the user's key store. */
public final class TlsContexts {
    private static final String BUILT_IN = "localhost.p12";
    private static final char[] BUILT_IN_PASSWORD = "fakemail".toCharArray();

    private TlsContexts() {
    }

    /**
     * The built-in certificate for CN=localhost (SAN localhost, 127.0.0.1, ::1), valid for a century. Its key
     * is public knowledge by design: it exists so TLS works out of the box in tests, never for secrecy.
     */
    public static SSLContext builtIn() {
        try (InputStream in = TlsContexts.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in key store " + BUILT_IN + " is missing from the jar");
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, BUILT_IN_PASSWORD);
            return fromKeyStore(keyStore, BUILT_IN_PASSWORD);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the built-in TLS certificate", e);
        }
    }

    /** A server context from a key store holding one private key and its certificate chain. */
    public static SSLContext fromKeyStore(KeyStore keyStore, char[] keyPassword) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use this key store for TLS: " + e.getMessage(), e);
        }
    }

    /** The trust material a client needs to accept the built-in certificate (for tests and examples). */
    public static KeyStore builtInTrustStore() {
        try (InputStream in = TlsContexts.class.getResourceAsStream(BUILT_IN)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, BUILT_IN_PASSWORD);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fakemail-localhost", keyStore.getCertificate("fakemail"));
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the built-in TLS certificate", e);
        }
    }
}
