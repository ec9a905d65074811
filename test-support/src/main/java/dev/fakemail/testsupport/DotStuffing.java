package dev.fakemail.testsupport;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** The transparency of SMTP DATA (RFC 5321 §4.5.2) and POP3 multi-line responses (RFC 1939 §3), both ways. */
public final class DotStuffing {
    private DotStuffing() {
    }

    /** Doubles a dot at the start of each line. */
    public static byte[] stuffed(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        boolean lineStart = true;
        for (byte b : data) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /**
     * The content of a multi-line response (RETR, TOP): the bytes between the status line and the terminating
     * ".CRLF", with the stuffing removed. Fails if the response is not well framed.
     */
    public static byte[] unstuffedContent(byte[] response) {
        int statusEnd = indexOf(response, (byte) '\n') + 1;
        if (statusEnd <= 0) {
            throw new AssertionError("no status line");
        }
        int n = response.length;
        if (n - statusEnd < 3 || response[n - 3] != '.' || response[n - 2] != '\r' || response[n - 1] != '\n') {
            throw new AssertionError("response does not end with .CRLF");
        }
        byte[] stuffed = Arrays.copyOfRange(response, statusEnd, n - 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream(stuffed.length);
        boolean lineStart = true;
        for (int i = 0; i < stuffed.length; i++) {
            byte b = stuffed[i];
            if (lineStart && b == '.') {
                if (i + 1 >= stuffed.length || stuffed[i + 1] != '.') {
                    throw new AssertionError("line starting with a single '.' inside the content at offset " + i);
                }
                i++; // drop the stuffed dot, keep the second
                b = stuffed[i];
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /** Whether every LF in the bytes is preceded by CR. */
    public static boolean onlyCrLfLineEnds(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
