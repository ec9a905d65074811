package dev.fakemail.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Every byte sequence the generator sends, built once per run and shared read-only by all connections, so a
 * message costs the client one array write per flight and no allocation.
 *
 * <p>The message is a plain RFC 5322 text message of exactly {@code size} octets (headers, blank line and
 * 76-character body lines, CR LF everywhere), with no line starting with a dot, so it needs no dot-stuffing.
 * The size excludes the terminating {@code .CRLF} and the trace fields the server prepends.
 */
final class BenchMessages {
    static final String SENDER = "load@bench.test";
    static final String RECIPIENT = "sink@bench.test";

    final int size;
    final byte[] ehlo = ascii("EHLO loadgen.bench.test\r\n");
    final byte[] mailFrom = ascii("MAIL FROM:<" + SENDER + ">\r\n");
    final byte[] rcptTo = ascii("RCPT TO:<" + RECIPIENT + ">\r\n");
    final byte[] data = ascii("DATA\r\n");
    final byte[] quit = ascii("QUIT\r\n");
    /** MAIL, RCPT and DATA in one flight: a pipelined group (RFC 2920), DATA last as the RFC requires. */
    final byte[] envelope;
    /** The message, dot-stuffing-free, followed by the end-of-data line. */
    final byte[] bodyAndDot;
    /** The message, its end-of-data line, then the next message's pipelined MAIL, RCPT and DATA. */
    final byte[] bodyAndDotAndNextEnvelope;

    BenchMessages(int size) {
        this(message(size));
    }

    /** Flights that carry this exact message (CR LF line ends, no line starting with a dot). */
    BenchMessages(byte[] message) {
        this.size = message.length;
        this.envelope = concat(mailFrom, rcptTo, data);
        this.bodyAndDot = concat(message, ascii(".\r\n"));
        this.bodyAndDotAndNextEnvelope = concat(bodyAndDot, envelope);
    }

    /** A text message of exactly {@code size} octets ending in CR LF. */
    static byte[] message(int size) {
        String headers = "From: Load Generator <" + SENDER + ">\r\n"
                + "To: <" + RECIPIENT + ">\r\n"
                + "Subject: fakemail benchmark message of " + size + " octets\r\n"
                + "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n"
                + "Message-ID: <bench-" + size + "@bench.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n";
        if (size < headers.length() + 3) {
            throw new IllegalArgumentException("message size must be at least " + (headers.length() + 3));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(ascii(headers));
        int remaining = size - headers.length();
        int lineNumber = 0;
        while (remaining > 0) {
            // Lines of 76 characters + CR LF; the last takes what is left. A rest of 79 or 80 octets becomes one
            // slightly longer line, so no rest is ever too short to hold its CR LF.
            int lineLength = remaining == 78 || remaining > 80 ? 78 : remaining;
            out.writeBytes(bodyLine(lineNumber++, lineLength - 2));
            out.writeBytes(ascii("\r\n"));
            remaining -= lineLength;
        }
        byte[] result = out.toByteArray();
        if (result.length != size) {
            throw new IllegalStateException("built " + result.length + " octets instead of " + size);
        }
        return result;
    }

    private static byte[] bodyLine(int lineNumber, int length) {
        byte[] line = new byte[length];
        for (int i = 0; i < length; i++) {
            line[i] = (byte) ('a' + (lineNumber + i) % 26); // never a dot, never a line end
        }
        return line;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
