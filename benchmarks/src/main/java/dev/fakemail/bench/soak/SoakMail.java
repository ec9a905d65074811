package dev.fakemail.bench.soak;

import dev.fakemail.testsupport.DotStuffing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * The messages of the soak: each carries a unique token in its Subject, and a seeded random body whose SHA-256
 * the ledger keeps, so a stored or fetched copy can be checked octet for octet without keeping the message.
 * Bodies include lines that start with a dot and lone dots, so dot-stuffing is exercised on the way in (SMTP)
 * and out (POP3).
 */
final class SoakMail {
    private static final byte[] SUBJECT_MARK = "\r\nSubject: soak ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLANK_LINE = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final String token;
    /** The message as the store should hold it (headers, blank line, body), CRLF line ends. */
    final byte[] message;
    final byte[] bodyHash;

    private SoakMail(String token, byte[] message, byte[] bodyHash) {
        this.token = token;
        this.message = message;
        this.bodyHash = bodyHash;
    }

    static SoakMail create(String token, String to, Random random) {
        StringBuilder text = new StringBuilder(2_600);
        text.append("From: soak@client.test\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: soak ").append(token).append("\r\n")
                .append("Message-ID: <").append(token).append("@soak.test>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        int bodyStart = text.length();
        int lines = 10 + random.nextInt(40);
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                text.append('.');
            } else if (kind == 1) {
                text.append("..dotted ").append(random.nextInt());
            } else {
                int length = random.nextInt(100);
                for (int c = 0; c < length; c++) {
                    text.append((char) (' ' + random.nextInt(95)));
                }
            }
            text.append("\r\n");
        }
        byte[] message = text.toString().getBytes(StandardCharsets.US_ASCII);
        return new SoakMail(token, message, sha256(message, bodyStart, message.length - bodyStart));
    }

    /** The message as SMTP DATA sends it: dot-stuffed, with the terminating dot line. */
    byte[] smtpData() {
        ByteArrayOutputStream data = new ByteArrayOutputStream(message.length + 64);
        data.writeBytes(DotStuffing.stuffed(message));
        data.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return data.toByteArray();
    }

    /** The token in a message's "Subject: soak TOKEN" line, or null when there is none. */
    static String tokenOf(byte[] message) {
        int at = indexOf(message, SUBJECT_MARK, 0);
        if (at < 0) {
            return null;
        }
        int start = at + SUBJECT_MARK.length;
        int end = start;
        while (end < message.length && message[end] != '\r' && message[end] != '\n') {
            end++;
        }
        return new String(message, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** SHA-256 of everything after the first blank line (what the server must not change), or null. */
    static byte[] bodyHashOf(byte[] message) {
        int blank = indexOf(message, BLANK_LINE, 0);
        if (blank < 0) {
            return null;
        }
        int start = blank + BLANK_LINE.length;
        return sha256(message, start, message.length - start);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
