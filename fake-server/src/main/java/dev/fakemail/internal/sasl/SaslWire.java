package dev.fakemail.internal.sasl;

import java.util.Base64;

/**
 * The base64 framing every protocol uses around SASL (SMTP RFC 4954, POP3 RFC 5034, IMAP RFC 9051): "=" for
 * an empty initial response, "*" to cancel, base64 otherwise.
 */
public final class SaslWire {
    private SaslWire() {
    }

    /** A client's line as cancellation of the exchange. */
    public static boolean isCancel(String line) {
        return line.trim().equals("*");
    }

    /**
     * Decodes a client response: "=" (an empty initial response) and an empty line are zero bytes.
     *
     * @return the bytes, or null if the text is not base64
     */
    public static byte[] decode(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** Encodes a server challenge. */
    public static String encode(byte[] challenge) {
        return Base64.getEncoder().encodeToString(challenge);
    }
}
