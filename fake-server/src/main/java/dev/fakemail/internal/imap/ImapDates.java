package dev.fakemail.internal.imap;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** IMAP's date-time ({@code "17-Jul-1996 02:44:25 -0700"}) and date ({@code 1-Feb-1994}) forms, RFC 3501 §9. */
final class ImapDates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx",
            Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private ImapDates() {
    }

    static String format(OffsetDateTime time) {
        return DATE_TIME.format(time);
    }

    /** Parses a date-time as APPEND sends it; a day may be space-padded (" 7-Jul-1996"). */
    static OffsetDateTime parseDateTime(String text) {
        String padded = text.startsWith(" ") ? "0" + text.substring(1) : text;
        try {
            return OffsetDateTime.parse(capitalized(padded), DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("bad date-time \"" + text + "\" (expected like \"17-Jul-1996 02:44:25 -0700\")");
        }
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(capitalized(text), DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("bad date " + text + " (expected like 1-Feb-1994)");
        }
    }

    /** Month names in any case ("feb", "FEB"), as RFC 3501's case-insensitive grammar allows. */
    private static String capitalized(String text) {
        int dash = text.indexOf('-');
        if (dash < 0 || dash + 4 > text.length()) {
            return text;
        }
        return text.substring(0, dash + 1) + Character.toUpperCase(text.charAt(dash + 1))
                + text.substring(dash + 2, dash + 4).toLowerCase(Locale.ROOT) + text.substring(dash + 4);
    }
}
