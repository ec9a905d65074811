package dev.fakemail.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time by the JDK's keytool (CN=localhost, SAN localhost and 127.0.0.1), and the PEM
 * files users would bring, written here from the key store with the JDK alone.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A PKCS12 key store with one key pair ("RSA" or "EC") and its self-signed certificate. */
    static Path keyStore(Path dir, String alias, String algorithm) throws IOException, InterruptedException {
        Path file = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", algorithm,
                algorithm.equals("EC") ? "-groupname" : "-keysize", algorithm.equals("EC") ? "secp256r1" : "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return file;
    }

    /** Adds another key pair to an existing key store. */
    static void addKeyPair(Path keyStore, String alias) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other",
                "-validity", "3", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD);
    }

    static X509Certificate certificate(Path keyStore) throws Exception {
        KeyStore store = load(keyStore);
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    static PrivateKey privateKey(Path keyStore) throws Exception {
        KeyStore store = load(keyStore);
        return (PrivateKey) store.getKey(store.aliases().nextElement(), PASSWORD.toCharArray());
    }

    /** The certificate as PEM, as openssl and certbot write it. */
    static Path certificatePem(Path keyStore, Path file) throws Exception {
        return pem(file, "CERTIFICATE", certificate(keyStore).getEncoded());
    }

    /** The private key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
    static Path pkcs8Pem(Path keyStore, Path file) throws Exception {
        return pem(file, "PRIVATE KEY", privateKey(keyStore).getEncoded());
    }

    /**
     * The RSA private key as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY", openssl's traditional form), encoded here from
     * the key's numbers (RFC 8017 A.1.2), independently of the code under test.
     */
    static Path pkcs1Pem(Path keyStore, Path file) throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) privateKey(keyStore);
        ByteArrayOutputStream integers = new ByteArrayOutputStream();
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, key.getModulus(), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient()}) {
            integers.writeBytes(der(0x02, value.toByteArray()));
        }
        return pem(file, "RSA PRIVATE KEY", der(0x30, integers.toByteArray()));
    }

    static Path pem(Path file, String label, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    /** A client context that trusts exactly this certificate: a handshake with any other fails. */
    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static Certificate served(javax.net.ssl.SSLSession session) throws Exception {
        return session.getPeerCertificates()[0];
    }

    private static KeyStore load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
    }

    /** A DER element with a definite length. */
    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 128) {
            out.write(content.length);
        } else {
            byte[] length = BigInteger.valueOf(content.length).toByteArray();
            int skip = length[0] == 0 ? 1 : 0; // toByteArray's sign octet is no part of a DER length
            out.write(0x80 | (length.length - skip));
            out.write(length, skip, length.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (" + process.exitValue() + "): " + output);
        }
    }
}
