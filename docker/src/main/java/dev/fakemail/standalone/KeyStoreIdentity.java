package dev.fakemail.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The certificate chain and private key of a key store file (PKCS12; the JDK also recognizes JKS). */
final class KeyStoreIdentity {
    private KeyStoreIdentity() {
    }

    /**
     * @param password the store's password, also the key's (as keytool and openssl make them); null for none
     */
    static TlsIdentity load(SettingValue file, SettingValue password) throws OptionException {
        char[] secret = password == null ? new char[0] : password.text().toCharArray();
        KeyStore store = open(file, password, secret);
        String alias = onlyKeyAlias(file, store);
        try {
            Key key = store.getKey(alias, secret);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0
                    || !(chain[0] instanceof X509Certificate)) {
                throw file.problem("'" + file.text() + "': the entry '" + alias
                        + "' is not a private key with an X.509 certificate");
            }
            X509Certificate[] x509 = new X509Certificate[chain.length];
            System.arraycopy(chain, 0, x509, 0, chain.length);
            return TlsIdentity.of(privateKey, x509, file.text());
        } catch (UnrecoverableKeyException e) {
            throw file.problem("'" + file.text() + "': the key '" + alias + "' has another password than the key "
                    + "store (fakemail uses one password for both)");
        } catch (GeneralSecurityException e) {
            throw file.problem("'" + file.text() + "' cannot be used (" + e.getMessage() + ")");
        }
    }

    private static KeyStore open(SettingValue file, SettingValue password, char[] secret) throws OptionException {
        Path path = Path.of(file.text());
        try {
            Files.newInputStream(path).close(); // the reasons a file cannot be read, said as for the other files
        } catch (IOException | RuntimeException e) {
            throw file.problem(SettingFiles.unreadable(file.text(), e));
        }
        try {
            return KeyStore.getInstance(path.toFile(), secret); // detects PKCS12 or JKS from the content
        } catch (KeyStoreException e) {
            throw file.problem("'" + file.text() + "' is not a PKCS12 key store");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) { // how the JDK says "wrong password"
                throw password == null
                        ? file.problem("'" + file.text() + "' needs a password (" + Setting.TLS_KEYSTORE_PASSWORD.flag()
                                + " or " + Setting.TLS_KEYSTORE_PASSWORD.env() + ")")
                        : password.problem("wrong password for '" + file.text() + "'");
            }
            throw file.problem("'" + file.text() + "' cannot be read as a key store (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw file.problem("'" + file.text() + "' cannot be read as a key store (" + e.getMessage() + ")");
        }
    }

    private static String onlyKeyAlias(SettingValue file, KeyStore store) throws OptionException {
        List<String> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
        } catch (KeyStoreException e) {
            throw file.problem("'" + file.text() + "' cannot be read as a key store (" + e.getMessage() + ")");
        }
        if (keys.size() != 1) {
            // With several keys the TLS layer would choose one by itself; the user should know which is served.
            throw file.problem("'" + file.text() + "' holds " + (keys.isEmpty() ? "no private key" : keys.size()
                    + " private keys " + keys) + "; fakemail needs exactly one (keytool -genkeypair makes one)");
        }
        return keys.get(0);
    }
}
