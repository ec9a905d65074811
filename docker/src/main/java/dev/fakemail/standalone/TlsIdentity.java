package dev.fakemail.standalone;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.security.auth.x500.X500Principal;

/**
 * The server's own TLS certificate chain and private key, checked to belong together, in an in-memory key
 * store holding that one entry (so the TLS layer can pick no other key).
 *
 * @param origin where it came from, for the start-up line: "/certs/cert.pem" or "/certs/fakemail.p12"
 */
record TlsIdentity(KeyStore keyStore, char[] password, X509Certificate certificate, String origin) {
    /** Never written anywhere: it only guards the entry of the in-memory store the builder reads once. */
    private static final char[] IN_MEMORY_PASSWORD = "fakemail".toCharArray();

    static TlsIdentity of(PrivateKey key, X509Certificate[] chain, String origin) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException impossible) { // no stream, nothing to read
            throw new IllegalStateException(impossible);
        }
        store.setKeyEntry("fakemail", key, IN_MEMORY_PASSWORD, chain);
        return new TlsIdentity(store, IN_MEMORY_PASSWORD.clone(), chain[0], origin);
    }

    /** "tls certificate CN=mail.example.test (expires 2027-05-01) from /certs/cert.pem". */
    String describe(Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(notAfter.atOffset(ZoneOffset.UTC));
        return "tls certificate " + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)
                + (notAfter.isBefore(now) ? " (EXPIRED " : " (expires ") + date + ") from " + origin;
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + certificate.getSubjectX500Principal() + " from " + origin + "]"; // no password
    }
}
