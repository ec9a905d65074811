package dev.fakemail.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A certificate chain and its private key from PEM files, with the JDK alone: certificates as
 * {@code BEGIN CERTIFICATE} blocks (the server's first), the key as PKCS#8 {@code BEGIN PRIVATE KEY} (RSA or EC)
 * or PKCS#1 {@code BEGIN RSA PRIVATE KEY}. Encrypted and SEC1 EC keys are refused with the command that converts
 * them, rather than pulling in a crypto library for a development server.
 */
final class PemIdentity {
    private static final String CONVERT = "; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem";

    private PemIdentity() {
    }

    static TlsIdentity load(SettingValue certFile, SettingValue keyFile) throws OptionException {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile, chain.get(0), certFile.text());
        try {
            return TlsIdentity.of(key, chain.toArray(X509Certificate[]::new), certFile.text());
        } catch (GeneralSecurityException e) {
            throw keyFile.problem("cannot use '" + keyFile.text() + "' with its certificate: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(SettingValue file) throws OptionException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem.Block block : Pem.blocks(read(file))) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw file.problem("'" + file.text() + "' holds a certificate that cannot be read (" + e.getMessage()
                    + ")");
        }
        if (chain.isEmpty()) {
            throw file.problem("'" + file.text() + "' holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(SettingValue file, X509Certificate certificate, String certPath)
            throws OptionException {
        byte[] pkcs8 = pkcs8(file);
        PublicKey publicKey = certificate.getPublicKey();
        PrivateKey key = decode(file, pkcs8, publicKey.getAlgorithm());
        boolean sameAlgorithm = key.getAlgorithm().equals(publicKey.getAlgorithm());
        if (!sameAlgorithm || !signsFor(key, publicKey)) {
            throw file.problem("'" + file.text() + "' does not match the certificate in '" + certPath + "'"
                    + (sameAlgorithm ? "" : " (an " + key.getAlgorithm() + " key for an " + publicKey.getAlgorithm()
                            + " certificate)"));
        }
        return key;
    }

    /** The first private key block of the file, as PKCS#8 DER. */
    private static byte[] pkcs8(SettingValue file) throws OptionException {
        for (Pem.Block block : Pem.blocks(read(file))) {
            String label = block.label();
            if (!label.endsWith("PRIVATE KEY")) {
                continue;
            }
            String where = "'" + file.text() + "' ";
            if (label.equals("ENCRYPTED PRIVATE KEY") || block.legacyEncrypted()) {
                throw file.problem(where + "is an encrypted key, which fakemail cannot read" + CONVERT
                        + " (or use --tls-keystore with a password)");
            }
            try {
                return switch (label) {
                    case "PRIVATE KEY" -> block.der();
                    case "RSA PRIVATE KEY" -> Pem.pkcs1ToPkcs8(block.der());
                    default -> throw file.problem(where + "holds a '" + label + "', which fakemail cannot read; "
                            + "it reads PKCS#8 (BEGIN PRIVATE KEY) and PKCS#1 (BEGIN RSA PRIVATE KEY)" + CONVERT);
                };
            } catch (IllegalArgumentException notBase64) {
                throw file.problem(where + "holds a '" + label + "' block that is not base64");
            }
        }
        throw file.problem("'" + file.text() + "' holds no private key (expected -----BEGIN PRIVATE KEY----- or "
                + "-----BEGIN RSA PRIVATE KEY-----)");
    }

    /**
     * A KeyFactory must be told the algorithm; PKCS#8 names it only as an OID inside the DER. So the certificate's
     * algorithm first, then RSA and EC, which turns "an EC key for an RSA certificate" into a clear mismatch.
     */
    private static PrivateKey decode(SettingValue file, byte[] pkcs8, String certificateAlgorithm)
            throws OptionException {
        Set<String> algorithms = new LinkedHashSet<>(List.of(certificateAlgorithm, "RSA", "EC"));
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the next one
            }
        }
        throw file.problem("'" + file.text() + "' is not a readable RSA or EC private key");
    }

    /** Whether a signature made with the key verifies with the certificate's public key: the pair belongs. */
    private static boolean signsFor(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the key algorithm names its signature
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String read(SettingValue file) throws OptionException {
        try {
            // Latin-1 decodes any bytes: a binary (DER) file then reads as "holds no certificate", not as a charset error.
            return new String(Files.readAllBytes(Path.of(file.text())), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            throw file.problem(SettingFiles.unreadable(file.text(), e));
        }
    }
}
