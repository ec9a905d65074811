package dev.fakemail.standalone;

import static dev.fakemail.standalone.ParseOptions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --tls-cert/--tls-key (PEM) and --tls-keystore: what loads, and the one line for each way it cannot. */
class TlsSettingsTest {
    private static final String ENCRYPTED_HINT = "is an encrypted key, which fakemail cannot read; convert it: "
            + "openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem (or use --tls-keystore with a password)";

    @TempDir
    static Path dir;
    static Path rsaStore;
    static Path ecStore;
    static Path otherRsaStore;
    static Path rsaCert;
    static Path rsaKey;

    @BeforeAll
    static void makeCertificates() throws Exception {
        rsaStore = TestCertificates.keyStore(dir, "rsa", "RSA");
        ecStore = TestCertificates.keyStore(dir, "ec", "EC");
        otherRsaStore = TestCertificates.keyStore(dir, "other", "RSA");
        rsaCert = TestCertificates.certificatePem(rsaStore, dir.resolve("rsa-cert.pem"));
        rsaKey = TestCertificates.pkcs8Pem(rsaStore, dir.resolve("rsa-key.pem"));
    }

    private static TlsIdentity pem(Path cert, Path key) throws OptionException {
        return parse("--tls-cert", cert.toString(), "--tls-key", key.toString()).tls().orElseThrow();
    }

    @Test
    void withoutSettingsTheBuiltInCertificateStays() throws Exception {
        StandaloneOptions options = parse();

        assertThat(options.tls()).isEmpty();
        assertThat(options.serverBuilder().build().config().customTls()).isFalse();
    }

    @Test
    void readsAnRsaCertificateAndPkcs8Key() throws Exception {
        StandaloneOptions options = parse("--tls-cert", rsaCert.toString(), "--tls-key", rsaKey.toString());
        TlsIdentity identity = options.tls().orElseThrow();

        assertThat(identity.certificate()).isEqualTo(TestCertificates.certificate(rsaStore));
        assertThat(servedKey(identity)).isEqualTo(TestCertificates.privateKey(rsaStore));
        assertThat(options.serverBuilder().build().config().customTls()).isTrue();
        assertThat(identity.describe(Instant.now())).startsWith("tls certificate CN=localhost (expires ")
                .endsWith(") from " + rsaCert);
    }

    @Test
    void readsAPkcs1RsaKey() throws Exception {
        Path pkcs1 = TestCertificates.pkcs1Pem(rsaStore, dir.resolve("rsa-pkcs1.pem"));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(servedKey(pem(rsaCert, pkcs1))).isEqualTo(TestCertificates.privateKey(rsaStore));
    }

    @Test
    void readsAnEcCertificateAndKey() throws Exception {
        Path cert = TestCertificates.certificatePem(ecStore, dir.resolve("ec-cert.pem"));
        Path key = TestCertificates.pkcs8Pem(ecStore, dir.resolve("ec-key.pem"));

        TlsIdentity identity = pem(cert, key);

        assertThat(identity.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(servedKey(identity)).isEqualTo(TestCertificates.privateKey(ecStore));
    }

    @Test
    void readsCertificateAndKeyFromOneFileAndSkipsTextAroundBlocks() throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, "Bag Attributes\n    friendlyName: rsa\n" + Files.readString(rsaKey)
                + "subject=CN = localhost\n" + Files.readString(rsaCert), StandardCharsets.US_ASCII);

        assertThat(pem(both, both).certificate()).isEqualTo(TestCertificates.certificate(rsaStore));
    }

    @Test
    void readsTheWholeChainServerCertificateFirst() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Path issuer = TestCertificates.certificatePem(otherRsaStore, dir.resolve("issuer.pem"));
        Files.writeString(chain, Files.readString(rsaCert) + Files.readString(issuer));

        TlsIdentity identity = pem(chain, rsaKey);

        assertThat(identity.keyStore().getCertificateChain("fakemail")).hasSize(2);
        assertThat(identity.certificate()).isEqualTo(TestCertificates.certificate(rsaStore));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path otherKey = TestCertificates.pkcs8Pem(otherRsaStore, dir.resolve("other-key.pem"));

        assertThatThrownBy(() -> pem(rsaCert, otherKey)).isInstanceOf(OptionException.class).hasMessage(
                "--tls-key: '" + otherKey + "' does not match the certificate in '" + rsaCert + "'");
    }

    @Test
    void anEcKeyForAnRsaCertificateIsRefused() throws Exception {
        Path ecKey = TestCertificates.pkcs8Pem(ecStore, dir.resolve("ec-key-2.pem"));

        assertThatThrownBy(() -> pem(rsaCert, ecKey)).hasMessage("--tls-key: '" + ecKey
                + "' does not match the certificate in '" + rsaCert + "' (an EC key for an RSA certificate)");
    }

    @Test
    void missingFilesAreNamed() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> pem(missing, rsaKey))
                .hasMessage("--tls-cert: cannot read '" + missing + "' (no such file)");
        assertThatThrownBy(() -> pem(rsaCert, missing))
                .hasMessage("--tls-key: cannot read '" + missing + "' (no such file)");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_TLS_KEYSTORE", missing.toString())))
                .hasMessage("FAKEMAIL_TLS_KEYSTORE: cannot read '" + missing + "' (no such file)");
    }

    @Test
    void filesSwappedOrOfTheWrongKindAreNamed() throws Exception {
        Path der = dir.resolve("cert.der");
        Files.write(der, TestCertificates.certificate(rsaStore).getEncoded());

        assertThatThrownBy(() -> pem(rsaKey, rsaCert)).hasMessage("--tls-cert: '" + rsaKey
                + "' holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> pem(der, rsaKey)).hasMessage("--tls-cert: '" + der
                + "' holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        Path certOnly = dir.resolve("cert-only.pem");
        Files.copy(rsaCert, certOnly);
        assertThatThrownBy(() -> pem(rsaCert, certOnly)).hasMessage("--tls-key: '" + certOnly
                + "' holds no private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
    }

    @Test
    void encryptedKeysAreRefusedWithTheCommandThatDecryptsThem() throws Exception {
        Path pkcs8 = TestCertificates.pem(dir.resolve("enc8.pem"), "ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0});
        Path legacy = dir.resolve("enc1.pem");
        Files.writeString(legacy, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> pem(rsaCert, pkcs8)).hasMessage("--tls-key: '" + pkcs8 + "' " + ENCRYPTED_HINT);
        assertThatThrownBy(() -> pem(rsaCert, legacy)).hasMessage("--tls-key: '" + legacy + "' " + ENCRYPTED_HINT);
    }

    @Test
    void sec1EcKeysAreRefusedWithTheCommandThatConvertsThem() throws Exception {
        Path sec1 = TestCertificates.pem(dir.resolve("sec1.pem"), "EC PRIVATE KEY", new byte[] {0x30, 0});

        assertThatThrownBy(() -> pem(rsaCert, sec1)).hasMessage("--tls-key: '" + sec1 + "' holds a 'EC PRIVATE KEY', "
                + "which fakemail cannot read; it reads PKCS#8 (BEGIN PRIVATE KEY) and PKCS#1 (BEGIN RSA PRIVATE KEY); "
                + "convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
    }

    @Test
    void aKeyThatIsNoKeyIsNamed() throws Exception {
        Path garbage = TestCertificates.pem(dir.resolve("garbage.pem"), "PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> pem(rsaCert, garbage))
                .hasMessage("--tls-key: '" + garbage + "' is not a readable RSA or EC private key");
    }

    @Test
    void readsAPkcs12KeyStoreWithItsPassword() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of("--tls-keystore", ecStore.toString()),
                Map.of("FAKEMAIL_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD));
        TlsIdentity identity = options.tls().orElseThrow();

        assertThat(identity.certificate()).isEqualTo(TestCertificates.certificate(ecStore));
        assertThat(servedKey(identity)).isEqualTo(TestCertificates.privateKey(ecStore));
        assertThat(identity.origin()).isEqualTo(ecStore.toString());
    }

    @Test
    void aWrongKeyStorePasswordNamesThePasswordSetting() {
        assertThatThrownBy(() -> parse("--tls-keystore", rsaStore.toString(), "--tls-keystore-password", "nope"))
                .hasMessage("--tls-keystore-password: wrong password for '" + rsaStore + "'");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_TLS_KEYSTORE", rsaStore.toString(),
                "FAKEMAIL_TLS_KEYSTORE_PASSWORD", "nope")))
                .hasMessage("FAKEMAIL_TLS_KEYSTORE_PASSWORD: wrong password for '" + rsaStore + "'");
        assertThatThrownBy(() -> parse("--tls-keystore", rsaStore.toString())).hasMessage("--tls-keystore: '"
                + rsaStore + "' needs a password (--tls-keystore-password or FAKEMAIL_TLS_KEYSTORE_PASSWORD)");
    }

    @Test
    void aFileThatIsNoKeyStoreIsNamed() {
        assertThatThrownBy(() -> parse("--tls-keystore", rsaCert.toString(), "--tls-keystore-password", "x"))
                .hasMessage("--tls-keystore: '" + rsaCert + "' is not a PKCS12 key store");
    }

    @Test
    void aKeyStoreWithTwoKeysIsRefusedNamingThem() throws Exception {
        Path two = TestCertificates.keyStore(dir, "first", "EC");
        TestCertificates.addKeyPair(two, "second");

        assertThatThrownBy(() -> parse("--tls-keystore", two.toString(), "--tls-keystore-password",
                TestCertificates.PASSWORD)).hasMessage("--tls-keystore: '" + two + "' holds 2 private keys "
                + "[first, second]; fakemail needs exactly one (keytool -genkeypair makes one)");
    }

    @Test
    void settingsThatBelongTogetherAreCheckedBeforeAnyFileIsRead() {
        assertThatThrownBy(() -> parse("--tls-cert", "/nowhere/cert.pem")).hasMessage(
                "--tls-cert: needs --tls-key (FAKEMAIL_TLS_KEY) too (the certificate's private key, PEM)");
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_TLS_KEY", "/nowhere/key.pem")))
                .hasMessage("FAKEMAIL_TLS_KEY: needs --tls-cert (FAKEMAIL_TLS_CERT) too (the certificate chain, PEM)");
        assertThatThrownBy(() -> parse("--tls-keystore", "/nowhere/a.p12", "--tls-cert", "/nowhere/cert.pem"))
                .hasMessage("--tls-keystore: give a key store or PEM files (--tls-cert (FAKEMAIL_TLS_CERT) and "
                        + "--tls-key (FAKEMAIL_TLS_KEY)), not both");
        assertThatThrownBy(() -> parse("--tls-keystore-password", "secret")).hasMessage(
                "--tls-keystore-password: is the password of a key store, but --tls-keystore (FAKEMAIL_TLS_KEYSTORE) "
                        + "is not set");
    }

    @Test
    void toStringNeverShowsThePassword() throws Exception {
        StandaloneOptions options = parse("--tls-keystore", rsaStore.toString(), "--tls-keystore-password",
                TestCertificates.PASSWORD);

        assertThat(options.toString()).contains("tls=" + rsaStore).doesNotContain(TestCertificates.PASSWORD);
        assertThat(options.tls().orElseThrow().toString()).doesNotContain(TestCertificates.PASSWORD);
    }

    private static Key servedKey(TlsIdentity identity) throws Exception {
        X509Certificate certificate = (X509Certificate) identity.keyStore().getCertificate("fakemail");
        assertThat(certificate).isEqualTo(identity.certificate());
        return identity.keyStore().getKey("fakemail", identity.password());
    }
}
