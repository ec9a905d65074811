package dev.fakemail.internal.imap.mime;

import java.util.List;

/**
 * Writes BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, grammar in §9) for an entity.
 *
 * <p>Choices (Dovecot's where the RFC leaves room): type, subtype, parameter names and values and
 * the encoding are sent exactly as they appear in the message (not upper-cased); defaults are written
 * in lower case: {@code "text" "plain" ("charset" "us-ascii")} and {@code "7bit"}. A text part with
 * parameters but no charset gets {@code "charset" "us-ascii"} appended. A parameter list with no
 * parameters is NIL. A Content-Transfer-Encoding that is not a token is sent as "7bit". Sizes are the encoded body octets; lines count LFs in the body. BODYSTRUCTURE
 * always writes all extension fields: single parts md5, disposition, language, location; multiparts
 * parameters, disposition, language, location. Disposition is (type (params)|NIL) or NIL; language is
 * NIL or a parenthesised list; a multipart without parts (no boundary, or no delimiter found) gets one
 * empty text/plain part so the grammar's 1*body holds.
 */
public final class BodyStructureRenderer {
    private static final String EMPTY_TEXT_PART_BODY = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)";
    private static final String EMPTY_TEXT_PART_EXT =
            "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)";

    private BodyStructureRenderer() {
    }

    /**
     * BODYSTRUCTURE when {@code extended}, else BODY; {@code messageGlobal}: message/global parts are described
     * with their envelope and structure (IMAP4rev2).
     */
    public static void write(MimeEntity e, boolean extended, boolean messageGlobal, ImapOut out) {
        if (e.isMultipart()) {
            writeMultipart(e, extended, messageGlobal, out);
        } else {
            writeSinglePart(e, extended, messageGlobal, out);
        }
    }

    private static void writeMultipart(MimeEntity e, boolean extended, boolean messageGlobal, ImapOut out) {
        out.ch('(');
        MimeEntity[] children = e.childrenShared();
        if (children.length == 0) {
            out.ascii(extended ? EMPTY_TEXT_PART_EXT : EMPTY_TEXT_PART_BODY);
        }
        for (MimeEntity child : children) {
            write(child, extended, messageGlobal, out);
        }
        out.ch(' ').string(e.subtype());
        if (extended) {
            out.ch(' ');
            writeParams(e.paramsShared(), false, out);
            out.ch(' ');
            writeExtensionTail(e, out);
        }
        out.ch(')');
    }

    private static void writeSinglePart(MimeEntity e, boolean extended, boolean messageGlobal, ImapOut out) {
        out.ch('(');
        if (e.hasContentType()) {
            out.string(e.type()).ch(' ').string(e.subtype()).ch(' ');
            writeParams(e.paramsShared(), e.isText(), out);
        } else if (e.isMessageRfc822()) {
            out.ascii("\"message\" \"rfc822\" NIL");
        } else {
            out.ascii("\"text\" \"plain\" (\"charset\" \"us-ascii\")");
        }
        out.ch(' ').nstring(e.contentId()).ch(' ').nstring(e.contentDescription()).ch(' ');
        String encoding = e.contentTransferEncoding();
        out.string(isToken(encoding) ? encoding : "7bit");
        out.ch(' ').number(e.bodySize());
        if (e.message() != null && (messageGlobal || e.isMessageRfc822())) {
            out.ch(' ');
            EnvelopeRenderer.write(e.message().headers(), out);
            out.ch(' ');
            write(e.message(), extended, messageGlobal, out);
            out.ch(' ').number(e.bodyLines());
        } else if (e.isText()) {
            out.ch(' ').number(e.bodyLines());
        }
        if (extended) {
            out.ch(' ').nstring(e.contentMd5()).ch(' ');
            writeExtensionTail(e, out);
        }
        out.ch(')');
    }

    /** disposition, language, location: shared by single parts and multiparts. */
    private static void writeExtensionTail(MimeEntity e, ImapOut out) {
        StructuredValue d = e.disposition();
        if (d == null) {
            out.nil();
        } else {
            out.ch('(').string(d.value).ch(' ');
            writeParams(d.params, false, out);
            out.ch(')');
        }
        out.ch(' ');
        List<String> languages = e.contentLanguage();
        if (languages.isEmpty()) {
            out.nil();
        } else {
            out.ch('(');
            for (int i = 0; i < languages.size(); i++) {
                if (i > 0) {
                    out.ch(' ');
                }
                out.string(languages.get(i));
            }
            out.ch(')');
        }
        out.ch(' ').nstring(e.contentLocation());
    }

    /** An RFC 2045 token: no space, controls, 8-bit bytes or tspecials; anything else is sent as "7bit". */
    private static boolean isToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeParams(String[] params, boolean addCharset, ImapOut out) {
        boolean hasCharset = false;
        for (int i = 0; i < params.length; i += 2) {
            hasCharset |= params[i].equalsIgnoreCase("charset");
        }
        boolean appendCharset = addCharset && !hasCharset;
        if (params.length == 0 && !appendCharset) {
            out.nil();
            return;
        }
        out.ch('(');
        for (int i = 0; i < params.length; i += 2) {
            if (i > 0) {
                out.ch(' ');
            }
            out.string(params[i]).ch(' ').string(params[i + 1]);
        }
        if (appendCharset) {
            out.ascii(params.length > 0 ? " \"charset\" \"us-ascii\"" : "\"charset\" \"us-ascii\"");
        }
        out.ch(')');
    }
}
