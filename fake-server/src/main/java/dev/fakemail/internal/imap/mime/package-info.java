/**
 * A MIME view of stored messages for the IMAP server (RFC 3501): part tree, ENVELOPE, BODY,
 * BODYSTRUCTURE and FETCH sections as offsets into the raw bytes, which are never copied.
 *
 * <p>Entry points: {@link dev.fakemail.internal.imap.mime.MessageStructure#parse(byte[])} (tree and
 * sections), {@link dev.fakemail.internal.imap.mime.MessageStructure#writeEnvelope(byte[], ImapOut)}
 * (the cheap ENVELOPE-only path), {@link dev.fakemail.internal.imap.mime.SectionSpec} (the text between
 * the brackets of BODY[...]), {@link dev.fakemail.internal.imap.mime.SearchText} (decoded text for
 * SEARCH) and {@link dev.fakemail.internal.imap.mime.RenderCache} (bounded cache of rendered items).
 *
 * <p>Rendering choices where RFC 3501 leaves room, chosen to match Dovecot:
 * <ul>
 * <li>Strings from the message are sent as they are in it: subject, date, message-id, in-reply-to,
 * display names (encoded words not decoded), type, subtype, parameter names and values, encoding,
 * disposition; nothing is upper-cased. Defaults are lower case ("text" "plain" ("charset"
 * "us-ascii") ... "7bit").</li>
 * <li>Header values are unfolded (CRLF removed, folding whitespace kept) and trimmed; the last field
 * of a name wins. Absent field: NIL; empty field: "". An address field that holds no address: NIL;
 * Sender and Reply-To then take From. Missing local part / domain: MISSING_MAILBOX / MISSING_DOMAIN.</li>
 * <li>A string is quoted unless it contains CR, LF, a byte above 0x7F or more than four quotes and
 * backslashes; then it is a literal with its raw bytes. NUL bytes are dropped (IMAP cannot carry
 * them). Subjects and display names are written "for humans": whitespace runs collapsed to one
 * space, and a literal whenever that changed anything or a quote, backslash or 8-bit byte is there.</li>
 * <li>Body lines are the number of LFs in the body; a part's body ends before the line break that
 * precedes the next delimiter (RFC 2046).</li>
 * <li>Section octets are returned as stored; a message stored with bare LF gives bare-LF sections.
 * HEADER.FIELDS results are the whole matching fields in message order plus a CRLF empty line.</li>
 * </ul>
 */
package dev.fakemail.internal.imap.mime;
