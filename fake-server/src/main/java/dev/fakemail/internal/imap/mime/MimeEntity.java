package dev.fakemail.internal.imap.mime;

import java.util.List;

/**
 * One entity of a message (the message itself, a body part, or an embedded message/rfc822 message) as
 * offsets into the shared raw bytes: header section [headerStart, bodyStart) including its empty line,
 * body [bodyStart, bodyEnd). A multipart's body includes preamble, delimiters and epilogue; its parts
 * exclude the line break before each delimiter (RFC 2046 §5.1.1: it belongs to the delimiter).
 *
 * <p>Content-Type is parsed once (its type and subtype are needed for the tree); all other MIME fields
 * are read from the header index when asked for, so an entity holds little beyond offsets.
 */
public final class MimeEntity {
    private static final MimeEntity[] NO_CHILDREN = new MimeEntity[0];

    private final byte[] raw;
    private final HeaderIndex headers;
    private final int bodyEnd;
    /** As sent; null when defaulted (text/plain, or message/rfc822 inside multipart/digest). */
    private final String type;
    private final String subtype;
    private final String[] params;
    private final boolean defaultIsMessage;
    private MimeEntity[] children = NO_CHILDREN;
    private MimeEntity message;

    MimeEntity(byte[] raw, HeaderIndex headers, int bodyEnd, StructuredValue contentType, boolean defaultIsMessage) {
        this.raw = raw;
        this.headers = headers;
        this.bodyEnd = bodyEnd;
        this.defaultIsMessage = defaultIsMessage;
        String t = null;
        String st = null;
        String[] p = new String[0];
        if (contentType != null) {
            int slash = contentType.value.indexOf('/');
            if (slash > 0 && slash < contentType.value.length() - 1) {
                t = contentType.value.substring(0, slash);
                st = contentType.value.substring(slash + 1);
                p = contentType.params;
            }
        }
        this.type = t;
        this.subtype = st;
        this.params = p;
    }

    void setChildren(MimeEntity[] children) {
        this.children = children;
    }

    void setMessage(MimeEntity message) {
        this.message = message;
    }

    byte[] raw() {
        return raw;
    }

    public HeaderIndex headers() {
        return headers;
    }

    public int headerStart() {
        return headers.start();
    }

    /** End of the header section (after its empty line) = start of the body. */
    public int headerEnd() {
        return headers.end();
    }

    public int bodyStart() {
        return headers.end();
    }

    public int bodyEnd() {
        return bodyEnd;
    }

    /** Body size in octets as stored (transfer-encoded). */
    public int bodySize() {
        return bodyEnd - headers.end();
    }

    /** Number of LFs in the body, as Dovecot counts body lines. */
    public int bodyLines() {
        int lines = 0;
        for (int i = headers.end(); i < bodyEnd; i++) {
            if (raw[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Type as sent, or the default ("text", or "message" in a multipart/digest). */
    public String type() {
        return type != null ? type : defaultIsMessage ? "message" : "text";
    }

    public String subtype() {
        return subtype != null ? subtype : defaultIsMessage ? "rfc822" : "plain";
    }

    /** Whether Content-Type was present and valid (otherwise type and subtype are defaults). */
    public boolean hasContentType() {
        return type != null;
    }

    /** Content-Type parameters as sent, alternating name and value (values unquoted). */
    public String[] contentTypeParams() {
        return params.clone();
    }

    String[] paramsShared() {
        return params;
    }

    public String contentTypeParam(String name) {
        for (int i = 0; i < params.length; i += 2) {
            if (params[i].equalsIgnoreCase(name)) {
                return params[i + 1];
            }
        }
        return null;
    }

    public boolean isMultipart() {
        return "multipart".equalsIgnoreCase(type);
    }

    public boolean isMessageRfc822() {
        return "message".equalsIgnoreCase(type()) && "rfc822".equalsIgnoreCase(subtype());
    }

    /**
     * message/rfc822, or message/global (RFC 6532) sent without a transfer encoding: a message whose parts can be
     * addressed (BODY[2.1], BODY[2.HEADER]). An encoded message/global stays an opaque part here.
     */
    boolean isEmbeddedMessage() {
        if (isMessageRfc822()) {
            return true;
        }
        if (!"message".equalsIgnoreCase(type()) || !"global".equalsIgnoreCase(subtype())) {
            return false;
        }
        String encoding = contentTransferEncoding();
        return encoding == null || encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit")
                || encoding.equalsIgnoreCase("binary");
    }

    public boolean isText() {
        return "text".equalsIgnoreCase(type());
    }

    /** Parts of a multipart (empty for anything else, or when no delimiter was found). */
    public List<MimeEntity> children() {
        return List.of(children);
    }

    MimeEntity[] childrenShared() {
        return children;
    }

    /** The embedded message of a message/rfc822 (or unencoded message/global) part, else null. */
    public MimeEntity message() {
        return message;
    }

    public String contentId() {
        return headers.value("Content-ID");
    }

    public String contentDescription() {
        return headers.value("Content-Description");
    }

    /** Content-Transfer-Encoding as sent (comments removed), or null when absent. */
    public String contentTransferEncoding() {
        String v = headers.value("Content-Transfer-Encoding");
        return v == null ? null : StructuredValue.withoutComments(v);
    }

    public String contentMd5() {
        return headers.value("Content-MD5");
    }

    public String contentLocation() {
        return headers.value("Content-Location");
    }

    /** Content-Language tokens; empty when absent. */
    public List<String> contentLanguage() {
        String v = headers.value("Content-Language");
        return v == null ? List.of() : StructuredValue.tokenList(v);
    }

    /** Disposition type as sent, or null when absent or empty. */
    public String dispositionType() {
        StructuredValue d = disposition();
        return d == null ? null : d.value;
    }

    /** Content-Disposition parameters, alternating name and value; empty when absent. */
    public String[] dispositionParams() {
        StructuredValue d = disposition();
        return d == null ? new String[0] : d.params.clone();
    }

    StructuredValue disposition() {
        String v = headers.value("Content-Disposition");
        if (v == null) {
            return null;
        }
        StructuredValue d = StructuredValue.parse(v);
        return d.value.isEmpty() ? null : d;
    }
}
