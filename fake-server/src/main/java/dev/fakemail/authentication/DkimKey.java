package dev.fakemail.authentication;

import dev.fakemail.dns.FakeZone;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A DKIM key pair for tests: generate one, publish its public half in a fake zone, and hand the application
 * under test the private half in the form its mail library wants.
 *
 * <pre>{@code
 * DkimKey key = DkimKey.rsa().publish(zone, "s1", "shop.test");   // s1._domainkey.shop.test TXT v=DKIM1; ...
 * String pem = key.privateKeyPem();                                 // -----BEGIN PRIVATE KEY----- (PKCS#8)
 * }</pre>
 */
public final class DkimKey {
    /** The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    private static final int ED25519_SPKI_HEADER = 12;
    /** The DER header of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410); the 32-octet seed follows it. */
    private static final int ED25519_PKCS8_HEADER = 16;

    private final KeyPair pair;
    private final boolean ed25519;

    private DkimKey(KeyPair pair, boolean ed25519) {
        this.pair = pair;
        this.ed25519 = ed25519;
    }

    /** A new 2048-bit RSA key (rsa-sha256, what almost every sender uses). */
    public static DkimKey rsa() {
        return rsa(2048);
    }

    /** A new RSA key of this size; RFC 8301 asks verifiers to refuse fewer than 1024 bits. */
    public static DkimKey rsa(int bits) {
        if (bits < 1024) {
            throw new IllegalArgumentException("DKIM keys have at least 1024 bits (RFC 8301), not " + bits);
        }
        return new DkimKey(generate("RSA", bits), false);
    }

    /** A new Ed25519 key (ed25519-sha256, RFC 8463). */
    public static DkimKey ed25519() {
        return new DkimKey(generate("Ed25519", 0), true);
    }

    /** {@code rsa-sha256} or {@code ed25519-sha256}: the {@code a=} tag of signatures made with this key. */
    public String algorithm() {
        return ed25519 ? "ed25519-sha256" : "rsa-sha256";
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The private key as PKCS#8 DER, the form of Java's {@code PKCS8EncodedKeySpec} and most Java libraries. */
    public byte[] privateKeyPkcs8() {
        return pair.getPrivate().getEncoded();
    }

    /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as OpenSSL 3, Node and dkimpy read it. */
    public String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKeyPkcs8());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * For an Ed25519 key, the 32-octet private key (the seed) in base64, the form of RFC 8463's examples and of
     * dkimpy's {@code privkey} for ed25519.
     */
    public String ed25519PrivateKeyBase64() {
        if (!ed25519) {
            throw new IllegalStateException("an RSA key has no raw Ed25519 form; use privateKeyPem()");
        }
        byte[] encoded = privateKeyPkcs8();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, ED25519_PKCS8_HEADER, encoded.length));
    }

    /** The key record's text: {@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo>} or {@code k=ed25519; p=<raw key>}. */
    public String publicKeyRecord() {
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] published = ed25519 ? Arrays.copyOfRange(encoded, ED25519_SPKI_HEADER, encoded.length) : encoded;
        return "v=DKIM1; k=" + (ed25519 ? "ed25519" : "rsa") + "; p=" + Base64.getEncoder().encodeToString(published);
    }

    /** Adds the key record at {@code selector._domainkey.domain} (split into 255-character strings); returns this. */
    public DkimKey publish(FakeZone zone, String selector, String domain) {
        zone.txt(selector + "._domainkey." + domain, split(publicKeyRecord()));
        return this;
    }

    private static String[] split(String record) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < record.length(); start += 255) {
            strings.add(record.substring(start, Math.min(record.length(), start + 255)));
        }
        return strings.toArray(String[]::new);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " keys are part of every JDK since 15", e);
        }
    }

    @Override
    public String toString() {
        return "DKIM key " + algorithm();
    }
}
