package dev.fakemail.internal.imap.mime;

import dev.fakemail.internal.text.Utf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Decoded text for IMAP SEARCH (RFC 3501 §6.4.4): header values with RFC 2047 encoded words decoded,
 * and text/* bodies transfer-decoded (mime4j's quoted-printable and base64 streams) and charset-decoded.
 * Nothing is cached: each call decodes what it needs and the contains-methods stop at the first match.
 * Matching is case-insensitive, as SEARCH requires. An ASCII needle is looked for in the raw bytes of parts
 * and header values whose decoded text is those same bytes ({@link AsciiNeedle}); the rest is decoded.
 */
public final class SearchText {
    private SearchText() {
    }

    /** Decoded values of every field with that name, in order. */
    public static List<String> headerValues(HeaderIndex headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (int i = 0, n = headers.count(); i < n; i++) {
            if (headers.nameIs(i, name)) {
                values.add(decodeHeaderValue(headers.value(i)));
            }
        }
        return values;
    }

    /** SEARCH HEADER / FROM / SUBJECT ...: whether a field of that name contains {@code needle}. */
    public static boolean headerContains(HeaderIndex headers, String name, String needle) {
        for (int i = 0, n = headers.count(); i < n; i++) {
            if (headers.nameIs(i, name) && containsIgnoreCase(decodeHeaderValue(headers.value(i)), needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SEARCH FROM / TO / CC / BCC: like {@link #headerContains}, and also against each address as parsed
     * ({@code name <mailbox@host>}), so comments and odd spacing in the field do not hide an address.
     */
    public static boolean addressContains(HeaderIndex headers, String name, String needle) {
        if (headerContains(headers, name, needle)) {
            return true;
        }
        for (int i = 0, n = headers.count(); i < n; i++) {
            if (!headers.nameIs(i, name)) {
                continue;
            }
            for (ImapAddress address : AddressParser.parse(headers.value(i))) {
                if (address.host() == null) {
                    continue; // group markers
                }
                String normalized = (address.name() == null ? "" : decodeHeaderValue(address.name()) + " ")
                        + "<" + address.mailbox() + "@" + address.host() + ">";
                if (containsIgnoreCase(normalized, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SEARCH BODY: whether a text part of the message contains {@code needle}. */
    public static boolean bodyContains(MessageStructure message, String needle) {
        return textPartContains(message.root(), needle, AsciiNeedle.of(needle));
    }

    /** SEARCH TEXT: header (decoded) or body. */
    public static boolean textContains(MessageStructure message, String needle) {
        AsciiNeedle ascii = AsciiNeedle.of(needle);
        HeaderIndex headers = message.root().headers();
        byte[] raw = message.root().raw();
        for (int i = 0, n = headers.count(); i < n; i++) {
            if (!headers.hasColon(i)) {
                continue;
            }
            int from = headers.valueStart(i);
            int to = headers.fieldEnd(i);
            if (ascii != null && isPlainHeaderValue(raw, from, to)) {
                if (ascii.foundIn(raw, from, to)) {
                    return true;
                }
            } else if (containsIgnoreCase(decodeHeaderValue(headers.value(i)), needle)) {
                return true;
            }
        }
        return textPartContains(message.root(), needle, ascii);
    }

    /** One line of 7-bit text without encoded words: its decoded value is its bytes (trailing CRLF aside). */
    private static boolean isPlainHeaderValue(byte[] raw, int from, int to) {
        int end = to;
        while (end > from && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        for (int k = from; k < end; k++) {
            byte b = raw[k];
            if (b < 0 || b == '\n' || (b == '=' && k + 1 < end && raw[k + 1] == '?')) {
                return false;
            }
        }
        return true;
    }

    /** A leaf whose body decodes to its own bytes: no transfer encoding, and US-ASCII or UTF-8 (or none). */
    private static boolean isPlainBody(MimeEntity e) {
        String encoding = e.contentTransferEncoding();
        if (encoding != null && !encoding.equalsIgnoreCase("7bit") && !encoding.equalsIgnoreCase("8bit")
                && !encoding.equalsIgnoreCase("binary")) {
            return false;
        }
        String charset = e.contentTypeParam("charset");
        return charset == null || charset.trim().equalsIgnoreCase("us-ascii")
                || charset.trim().equalsIgnoreCase("utf-8");
    }

    /** The decoded text of every text/* leaf, in order, separated by a line break. */
    public static String bodyText(MessageStructure message) {
        StringBuilder b = new StringBuilder();
        collect(message.root(), b);
        return b.toString();
    }

    private static void collect(MimeEntity e, StringBuilder b) {
        if (e.isMultipart()) {
            for (MimeEntity child : e.childrenShared()) {
                collect(child, b);
            }
        } else if (e.message() != null) {
            collect(e.message(), b);
        } else if (e.isText()) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(decodedBody(e));
        }
    }

    private static boolean textPartContains(MimeEntity e, String needle, AsciiNeedle ascii) {
        if (e.isMultipart()) {
            for (MimeEntity child : e.childrenShared()) {
                if (textPartContains(child, needle, ascii)) {
                    return true;
                }
            }
            return false;
        }
        if (e.message() != null) {
            return textPartContains(e.message(), needle, ascii);
        }
        if (!e.isText()) {
            return false;
        }
        if (ascii != null && isPlainBody(e)) {
            return ascii.foundIn(e.raw(), e.bodyStart(), e.bodyStart() + e.bodySize());
        }
        return containsIgnoreCase(decodedBody(e), needle);
    }

    /** The body of a single part, transfer-decoded and decoded with its charset (unknown: UTF-8). */
    public static String decodedBody(MimeEntity e) {
        byte[] raw = e.raw();
        InputStream in = new ByteArrayInputStream(raw, e.bodyStart(), e.bodySize());
        String encoding = e.contentTransferEncoding();
        if ("base64".equalsIgnoreCase(encoding)) {
            in = new Base64InputStream(in, DecodeMonitor.SILENT);
        } else if ("quoted-printable".equalsIgnoreCase(encoding)) {
            in = new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
        }
        try (InputStream decoded = in) {
            return new String(decoded.readAllBytes(), charset(e.contentTypeParam("charset")));
        } catch (IOException e1) {
            throw new UncheckedIOException(e1);
        }
    }

    /**
     * A header value with encoded words decoded. The value holds raw bytes (Latin-1 chars); 8-bit
     * bytes that form valid UTF-8 (RFC 6532) are read as UTF-8, others as Latin-1.
     */
    public static String decodeHeaderValue(String latin1Value) {
        String text = latin1Value;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                text = utf8OrLatin1(text.getBytes(StandardCharsets.ISO_8859_1));
                break;
            }
        }
        return text.contains("=?") ? DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT) : text;
    }

    private static String utf8OrLatin1(byte[] bytes) {
        try {
            return Utf8.decodeStrictly(bytes);
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8; // a superset of the default us-ascii that also reads undeclared 8-bit text
        }
        try {
            return Charset.forName(name.trim());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    static boolean containsIgnoreCase(String haystack, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        char first = needle.charAt(0);
        char firstLower = Character.toLowerCase(first);
        char firstUpper = Character.toUpperCase(first);
        int max = haystack.length() - needle.length();
        for (int i = 0; i <= max; i++) {
            char c = haystack.charAt(i);
            if (c != firstLower && c != firstUpper && Character.toLowerCase(c) != firstLower
                    && Character.toUpperCase(c) != firstUpper) {
                continue; // most positions fail on the first character: skip regionMatches' set-up
            }
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

}
