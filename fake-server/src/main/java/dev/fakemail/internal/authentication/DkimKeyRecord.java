package dev.fakemail.internal.authentication;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;

/**
 * A DKIM key record (RFC 6376 3.6.1) as jDKIM parses it, plus {@code k=ed25519} (RFC 8463 4.2), whose
 * {@code p=} is the raw 32-octet public key rather than jDKIM's expected SubjectPublicKeyInfo.
 */
final class DkimKeyRecord extends PublicKeyRecordImpl {
    /** The DER prefix that turns a raw Ed25519 key into a SubjectPublicKeyInfo (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    DkimKeyRecord(String record) {
        super(record);
    }

    boolean isEd25519() {
        return "ed25519".equals(getValue("k").toString().trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public PublicKey getPublicKey() {
        if (!isEd25519()) {
            return super.getPublicKey();
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(getValue("p").toString().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("p= is not base64: " + e.getMessage());
        }
        if (raw.length != 32) {
            throw new IllegalStateException("an ed25519 key (p=) has 32 octets, this one " + raw.length);
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("invalid ed25519 key: " + e.getMessage());
        }
    }
}
