package dev.fakemail.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /**
     * Reads a client's continuation line in an exchange and answers with the protocol's reply for each outcome:
     * the client cancelled, the line is not base64, or the decoded response (the protocol evaluates it).
     */
    public static <R> R continueWith(byte[] line, Supplier<R> cancelled, Supplier<R> notBase64,
            Function<byte[], R> evaluate) {
        String text = new String(line, StandardCharsets.US_ASCII);
        if (isCancel(text)) {
            return cancelled.get();
        }
        byte[] response = decode(text);
        return response == null ? notBase64.get() : evaluate.apply(response);
    }

    /** Encodes a server challenge. */
    public static String encode(byte[] challenge) {
        return Base64.getEncoder().encodeToString(challenge);
    }
}
