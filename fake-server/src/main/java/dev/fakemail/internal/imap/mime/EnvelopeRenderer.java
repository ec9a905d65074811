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

    /** The header fields the envelope is made of, in its order. */
    private enum Field {
        DATE("Date"), SUBJECT("Subject"), FROM("From"), SENDER("Sender"), REPLY_TO("Reply-To"), TO("To"), CC("Cc"),
        BCC("Bcc"), IN_REPLY_TO("In-Reply-To"), MESSAGE_ID("Message-ID");

        final String header;

        Field(String header) {
            this.header = header;
        }

        /** The only field whose name can start with this letter and have this length, or null. */
        static Field candidate(int firstLower, int length) {
            return switch (firstLower) {
                case 'd' -> DATE;
                case 's' -> length == 7 ? SUBJECT : SENDER;
                case 'f' -> FROM;
                case 'r' -> REPLY_TO;
                case 't' -> TO;
                case 'c' -> CC;
                case 'b' -> BCC;
                case 'i' -> IN_REPLY_TO;
                case 'm' -> MESSAGE_ID;
                default -> null;
            };
        }
    }

    private static final int FIELD_COUNT = Field.values().length;
    /** The fields written as address lists that fall back to nothing but NIL. */
    private static final Field[] RECIPIENTS = {Field.TO, Field.CC, Field.BCC};

    public static void write(HeaderIndex headers, ImapOut out) {
        String[] values = new String[FIELD_COUNT];
        // one pass over the fields, dispatching on name length and first letter before comparing names;
        // as in Dovecot, the last occurrence of a name wins
        for (int i = 0, n = headers.count(); i < n; i++) {
            int length = headers.nameLength(i);
            if (length < 2 || length > 11) {
                continue;
            }
            Field field = Field.candidate(headers.nameFirstLower(i), length);
            if (field != null && headers.nameIs(i, field.header)) {
                values[field.ordinal()] = headers.value(i);
            }
        }
        List<ImapAddress> from = addresses(values, Field.FROM);
        List<ImapAddress> sender = addresses(values, Field.SENDER);
        List<ImapAddress> replyTo = addresses(values, Field.REPLY_TO);
        out.ch('(').nstring(values[Field.DATE.ordinal()]).ch(' ');
        String subject = values[Field.SUBJECT.ordinal()];
        if (subject == null) {
            out.nil();
        } else {
            out.stringForHumans(subject);
        }
        out.ch(' ');
        writeList(from, out);
        out.ch(' ');
        writeList(sender == null ? from : sender, out);
        out.ch(' ');
        writeList(replyTo == null ? from : replyTo, out);
        for (Field recipients : RECIPIENTS) {
            out.ch(' ');
            writeList(addresses(values, recipients), out);
        }
        out.ch(' ').nstring(values[Field.IN_REPLY_TO.ordinal()]).ch(' ').nstring(values[Field.MESSAGE_ID.ordinal()])
                .ch(')');
    }

    /** The field's parsed address list, or null when the field is absent or holds no address. */
    private static List<ImapAddress> addresses(String[] values, Field field) {
        String value = values[field.ordinal()];
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
