package dev.fakemail.internal.imap.mime;

import java.util.List;

/**
 * Writes the IMAP ENVELOPE (RFC 3501 §7.4.2) of a header section:
 * (date subject from sender reply-to to cc bcc in-reply-to message-id).
 *
 * <p>String fields are the last field of that name (as in Dovecot), unfolded and trimmed but otherwise
 * as sent (encoded words are not decoded): absent gives NIL, present but empty gives "". The subject
 * and display names are written with {@link ImapOut#stringForHumans} (whitespace runs collapsed; a
 * literal when anything was changed or a quote, backslash or 8-bit byte is present), as Dovecot does. Address fields that
 * are absent or hold no address give NIL, except Sender and Reply-To, which then take the From value
 * (as RFC 3501 requires).
 */
public final class EnvelopeRenderer {
    private EnvelopeRenderer() {
    }

    public static void write(HeaderIndex headers, ImapOut out) {
        String date = null;
        String subject = null;
        String from = null;
        String sender = null;
        String replyTo = null;
        String to = null;
        String cc = null;
        String bcc = null;
        String inReplyTo = null;
        String messageId = null;
        // one pass over the fields, dispatching on name length and first letter before comparing names;
        // as in Dovecot, the last occurrence of a name wins
        for (int i = 0, n = headers.count(); i < n; i++) {
            int length = headers.nameLength(i);
            if (length < 2 || length > 11) {
                continue;
            }
            switch (headers.nameFirstLower(i)) {
                case 'd' -> {
                    if (headers.nameIs(i, "Date")) {
                        date = headers.value(i);
                    }
                }
                case 's' -> {
                    if (length == 7 && headers.nameIs(i, "Subject")) {
                        subject = headers.value(i);
                    } else if (length == 6 && headers.nameIs(i, "Sender")) {
                        sender = headers.value(i);
                    }
                }
                case 'f' -> {
                    if (headers.nameIs(i, "From")) {
                        from = headers.value(i);
                    }
                }
                case 'r' -> {
                    if (headers.nameIs(i, "Reply-To")) {
                        replyTo = headers.value(i);
                    }
                }
                case 't' -> {
                    if (headers.nameIs(i, "To")) {
                        to = headers.value(i);
                    }
                }
                case 'c' -> {
                    if (headers.nameIs(i, "Cc")) {
                        cc = headers.value(i);
                    }
                }
                case 'b' -> {
                    if (headers.nameIs(i, "Bcc")) {
                        bcc = headers.value(i);
                    }
                }
                case 'i' -> {
                    if (headers.nameIs(i, "In-Reply-To")) {
                        inReplyTo = headers.value(i);
                    }
                }
                case 'm' -> {
                    if (headers.nameIs(i, "Message-ID")) {
                        messageId = headers.value(i);
                    }
                }
                default -> {
                    // not an envelope field
                }
            }
        }
        List<ImapAddress> fromList = addresses(from);
        List<ImapAddress> senderList = addresses(sender);
        List<ImapAddress> replyToList = addresses(replyTo);
        out.ch('(').nstring(date).ch(' ');
        if (subject == null) {
            out.nil();
        } else {
            out.stringForHumans(subject);
        }
        out.ch(' ');
        writeList(fromList, out);
        out.ch(' ');
        writeList(senderList == null ? fromList : senderList, out);
        out.ch(' ');
        writeList(replyToList == null ? fromList : replyToList, out);
        out.ch(' ');
        writeList(addresses(to), out);
        out.ch(' ');
        writeList(addresses(cc), out);
        out.ch(' ');
        writeList(addresses(bcc), out);
        out.ch(' ').nstring(inReplyTo).ch(' ').nstring(messageId).ch(')');
    }

    /** The parsed list, or null when the field is absent or holds no address. */
    private static List<ImapAddress> addresses(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        List<ImapAddress> list = AddressParser.parse(value);
        return list.isEmpty() ? null : list;
    }

    private static void writeList(List<ImapAddress> list, ImapOut out) {
        if (list == null) {
            out.nil();
            return;
        }
        out.ch('(');
        for (ImapAddress a : list) {
            a.writeTo(out);
        }
        out.ch(')');
    }
}
