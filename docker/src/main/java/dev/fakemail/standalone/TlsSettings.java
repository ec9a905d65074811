package dev.fakemail.standalone;

import java.util.Map;

/**
 * Which TLS certificate the server shows: PEM files (--tls-cert with --tls-key), a key store (--tls-keystore,
 * optionally --tls-keystore-password), or neither for the built-in self-signed localhost certificate.
 */
final class TlsSettings {
    private TlsSettings() {
    }

    /** The configured identity, or null for the built-in certificate. */
    static TlsIdentity identity(Map<Setting, SettingValue> values) throws OptionException {
        SettingValue cert = values.get(Setting.TLS_CERT);
        SettingValue key = values.get(Setting.TLS_KEY);
        SettingValue keyStore = values.get(Setting.TLS_KEYSTORE);
        SettingValue password = values.get(Setting.TLS_KEYSTORE_PASSWORD);
        if (keyStore != null && (cert != null || key != null)) {
            throw keyStore.problem("give a key store or PEM files (" + both(Setting.TLS_CERT) + " and "
                    + both(Setting.TLS_KEY) + "), not both");
        }
        if (password != null && keyStore == null) {
            throw password.problem("is the password of a key store, but " + both(Setting.TLS_KEYSTORE)
                    + " is not set");
        }
        if (cert != null && key == null) {
            throw cert.problem("needs " + both(Setting.TLS_KEY) + " too (the certificate's private key, PEM)");
        }
        if (key != null && cert == null) {
            throw key.problem("needs " + both(Setting.TLS_CERT) + " too (the certificate chain, PEM)");
        }
        if (keyStore != null) {
            return KeyStoreIdentity.load(keyStore, password);
        }
        return cert == null ? null : PemIdentity.load(cert, key);
    }

    /** "--tls-key (FAKEMAIL_TLS_KEY)": the user may be writing either. */
    private static String both(Setting setting) {
        return setting.flag() + " (" + setting.env() + ")";
    }
}
