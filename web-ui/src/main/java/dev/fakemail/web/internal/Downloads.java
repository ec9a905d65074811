package dev.fakemail.web.internal;

import dev.fakemail.store.MimePart;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Safe headers for serving a part of a message. File names come from the mail, so they are hostile: no path,
 * no control characters (no header injection), no bidi overrides (no "invoice\u202Efdp.exe"), no leading dots.
 * Content types come from the mail too: only types a browser cannot run are passed on; everything else
 * (HTML, SVG, XML, scripts ...) is served as opaque bytes.
 */
final class Downloads {
    private static final int MAX_NAME = 150;
    private static final Set<String> PASSED_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "image/avif", "image/bmp", "application/pdf", "application/zip", "audio/mpeg", "audio/ogg",
            "video/mp4", "video/webm");
    private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/csv", "text/calendar");
    private static final Map<String, String> EXTENSIONS = Map.of("text/plain", "txt", "text/html", "html",
            "image/png", "png", "image/jpeg", "jpg", "image/gif", "gif", "application/pdf", "pdf",
            "text/calendar", "ics", "message/rfc822", "eml");
    /** RFC 5987 attr-char besides letters and digits: what may stay unencoded in filename*. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private Downloads() {
    }

    /** The Content-Type to serve a part with. */
    static String contentType(MimePart part) {
        String type = part.mimeType();
        if (PASSED_TYPES.contains(type)) {
            return type;
        }
        if (TEXT_TYPES.contains(type)) {
            String charset = part.charset().filter(name -> name.matches("[A-Za-z0-9._:-]{1,40}")).orElse("utf-8");
            return "text/plain; charset=" + charset;
        }
        return "application/octet-stream";
    }

    /** The file name the part downloads as: its own, cleaned, else one made from its section and type. */
    static String filename(MimePart part) {
        String cleaned = part.filename().map(Downloads::clean).orElse("");
        if (!cleaned.isEmpty()) {
            return cleaned;
        }
        return "part-" + part.path() + "." + EXTENSIONS.getOrDefault(part.mimeType(), "bin");
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266). */
    static String attachment(String filename) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (char c : filename.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int octet = b & 0xff;
            if (octet < 0x80 && (Character.isLetterOrDigit(octet) || ATTR_CHARS.indexOf(octet) >= 0)) {
                encoded.append((char) octet);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", octet));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    static String clean(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        base.codePoints().filter(Downloads::harmless).forEach(kept::appendCodePoint);
        String trimmed = kept.toString().strip();
        while (trimmed.startsWith(".")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.length() <= MAX_NAME) {
            return trimmed;
        }
        int cut = trimmed.length() - MAX_NAME; // keep the end: the extension says what the file is
        return trimmed.substring(Character.isLowSurrogate(trimmed.charAt(cut)) ? cut + 1 : cut);
    }

    private static boolean harmless(int c) {
        boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
        boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
        return !control && !bidi && c != 0xfeff;
    }
}
