package dev.fakemail.internal.authentication;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The ed25519-sha256 signing algorithm of DKIM (RFC 8463 3): the canonicalized header data is hashed with
 * SHA-256 and the 32-octet hash is signed with PureEdDSA. As a {@link Signature}, so jDKIM's header
 * canonicalization (which feeds a {@code Signature}) serves both algorithms. The JDK has Ed25519 since 15.
 */
final class Ed25519Sha256 extends Signature {
    private final MessageDigest digest;
    private Signature ed25519;

    Ed25519Sha256() {
        super("Ed25519withSHA256-DKIM");
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        ed25519 = ed25519();
        ed25519.initVerify(publicKey);
        digest.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        ed25519 = ed25519();
        ed25519.initSign(privateKey);
        digest.reset();
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        ed25519.update(digest.digest());
        return ed25519.sign();
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        ed25519.update(digest.digest());
        return ed25519.verify(signature);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameters");
    }

    private static Signature ed25519() {
        try {
            return Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }
}
