package dev.fakemail.store;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One entity of a message's MIME tree: a multipart container or a leaf with its transfer-decoded content.
 * Paths are IMAP section numbers (RFC 3501 §6.4.5): the parts of the top multipart are "1", "2", nested parts
 * "1.2"; a message that is not multipart has one body part "1"; the root itself has the empty path.
 */
public final class MimePart {
    private final String path;
    private final String mimeType;
    private final String charset;
    private final String disposition;
    private final String filename;
    private final String contentId;
    private final List<HeaderField> headers;
    private final List<MimePart> children;
    private final byte[] content;

    MimePart(String path, String mimeType, String charset, String disposition, String filename, String contentId,
            List<HeaderField> headers, List<MimePart> children, byte[] content) {
        this.path = path;
        this.mimeType = mimeType;
        this.charset = charset;
        this.disposition = disposition;
        this.filename = filename;
        this.contentId = contentId;
        this.headers = List.copyOf(headers);
        this.children = List.copyOf(children);
        this.content = content;
    }

    /** IMAP section number ("1.2"); empty for the message itself. */
    public String path() {
        return path;
    }

    /** Lower-case type/subtype ("text/plain", "multipart/mixed"); text/plain when the part declares none. */
    public String mimeType() {
        return mimeType;
    }

    public boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }

    /** The declared charset, if any. */
    public Optional<String> charset() {
        return Optional.ofNullable(charset);
    }

    /** "attachment" or "inline" as declared in Content-Disposition, lower case; empty if not declared. */
    public Optional<String> disposition() {
        return Optional.ofNullable(disposition);
    }

    /** The file name (Content-Disposition filename, else Content-Type name), RFC 2047/2231-decoded. */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /** The Content-ID without its angle brackets (what cid: URLs in HTML refer to). */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /** This part's own header fields, unfolded, RFC 2047-decoded, in order. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The parts of a multipart; empty for a leaf. */
    public List<MimePart> children() {
        return children;
    }

    /**
     * An attachment: a leaf declared "attachment", or a leaf with a file name that is not an inline text body.
     * Inline images with a Content-ID are not attachments (they are part of the HTML).
     */
    public boolean isAttachment() {
        if (isMultipart() || !children.isEmpty()) {
            return false; // a container (or a single-part message's root, whose body is its child "1")
        }
        if ("attachment".equals(disposition)) {
            return true;
        }
        return filename != null && !"inline".equals(disposition);
    }

    /** The content after transfer decoding (base64, quoted-printable); empty for a multipart. */
    public byte[] content() {
        return content.clone();
    }

    /** Size of the decoded content in octets. */
    public int size() {
        return content.length;
    }

    /** The decoded content as text in its charset (US-ASCII when none is declared, UTF-8 if unknown). */
    public String text() {
        return new String(content, charsetOrDefault());
    }

    /** This part and all below it, depth first, in message order. */
    public List<MimePart> flatten() {
        List<MimePart> all = new ArrayList<>();
        walk(all::add);
        return all;
    }

    private void walk(Consumer<MimePart> action) {
        action.accept(this);
        for (MimePart child : children) {
            child.walk(action);
        }
    }

    private Charset charsetOrDefault() {
        if (charset == null) {
            return mimeType.startsWith("text/") ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(charset.toLowerCase(Locale.ROOT));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(message)" : path) + " " + mimeType
                + (filename == null ? "" : " \"" + filename + "\"") + " (" + content.length + " octets)";
    }
}
