package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Success;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): the server sends {@code <random.timestamp@serverName>}, the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))} in lower-case hex.
 */
final class CramMd5Exchange extends BaseExchange {
    static final String NAME = "CRAM-MD5";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DIGEST_HEX_LENGTH = 32;

    private final String serverName;
    private byte[] challenge;

    CramMd5Exchange(UserPolicy users, String serverName) {
        super(NAME, users);
        this.serverName = serverName.isBlank() ? "localhost" : serverName;
    }

    @Override
    SaslStep step(byte[] response) throws Malformed {
        if (challenge == null) {
            if (response != null) {
                // The client cannot answer a challenge it has not seen yet.
                throw new Malformed("CRAM-MD5 does not allow an initial response");
            }
            // Random part so two challenges never repeat even within the same millisecond (replay protection).
            String text = "<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + System.currentTimeMillis()
                    + "@" + serverName + ">";
            challenge = text.getBytes(StandardCharsets.UTF_8);
            return new Challenge(challenge);
        }
        String message = utf8(response);
        // The user name may itself contain spaces; the digest is whatever follows the last one.
        int space = message.lastIndexOf(' ');
        if (space < 0) {
            throw new Malformed("CRAM-MD5 response must be: user SP digest");
        }
        String user = message.substring(0, space);
        String digest = message.substring(space + 1);
        if (user.isEmpty()) {
            throw new Malformed("empty user name");
        }
        if (!isLowerHex(digest)) {
            throw new Malformed("CRAM-MD5 digest must be 32 lower-case hex digits");
        }
        if (!users.hasFixedUsers()) {
            // Anyone may log in and no password exists to check the digest against.
            return new Success(user);
        }
        Optional<String> password = users.passwordOf(user);
        if (password.isEmpty()) {
            return badCredentials("invalid user name or password");
        }
        byte[] expected = HexFormat.of().formatHex(hmacMd5(password.get(), challenge))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, digest.getBytes(StandardCharsets.US_ASCII))
                ? new Success(user)
                : badCredentials("invalid user name or password");
    }

    private static boolean isLowerHex(String s) {
        if (s.length() != DIGEST_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hmacMd5(String password, byte[] data) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            // SecretKeySpec rejects empty keys; HMAC zero-pads keys to the block size, so {0} is the same key.
            key = new byte[1];
        }
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }
}
