package dev.fakemail.internal.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: ill-formed byte sequences are reported, never silently replaced with U+FFFD. */
public final class Utf8 {
    private Utf8() {
    }

    /** The text, or a CharacterCodingException if the bytes are not well-formed UTF-8. */
    public static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Whether the bytes are well-formed UTF-8 (pure ASCII always is, and is checked without decoding). */
    public static boolean isWellFormed(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    decodeStrictly(bytes);
                    return true;
                } catch (CharacterCodingException malformed) {
                    return false;
                }
            }
        }
        return true;
    }
}
