package dev.fakemail.web.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mailpit's search syntax, translated into ours ({@link SearchQuery}) term by term, the way Mailpit reads it:
 * {@code -} or {@code !} before a term excludes; {@code addressed:} is any recipient; {@code before:} and
 * {@code after:} read dates in the request's {@code tz} (UTC without); a date, a size or a field name that Mailpit
 * would not understand makes the term plain text, as it does in Mailpit. fakemail has no tags: {@code tag:x} and
 * {@code is:tagged} match no message (excluded: every message). {@code reply-to:} and {@code has:inline} are
 * refused with a 400: fakemail's search index does not keep those.
 */
record MailpitSearch(SearchQuery query, boolean matchesNothing) {
    private static final Set<String> ADDRESS_FIELDS = Set.of("to", "from", "cc", "bcc", "subject", "message-id");
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,3})?\\s*[kmg]?b?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    boolean matches(MessageSummary message) {
        return !matchesNothing && query.matches(message);
    }

    static MailpitSearch parse(String mailpitQuery, String timeZone) {
        if (mailpitQuery.length() > SearchQuery.MAX_LENGTH) {
            throw new ApiException(400, "search is too long (at most " + SearchQuery.MAX_LENGTH + " characters)");
        }
        ZoneId zone = zone(timeZone);
        List<String> ours = new ArrayList<>();
        boolean nothing = false;
        for (String word : words(mailpitQuery)) {
            boolean exclude = word.length() > 1 && (word.charAt(0) == '-' || word.charAt(0) == '!');
            String term = exclude ? word.substring(1) : word;
            String lower = term.toLowerCase(Locale.ROOT);
            String not = exclude ? "-" : "";
            int colon = lower.indexOf(':');
            String field = colon > 0 ? lower.substring(0, colon) : "";
            String value = colon > 0 ? clean(term.substring(colon + 1)) : "";
            if (ADDRESS_FIELDS.contains(field) || field.equals("addressed")) {
                if (!value.isEmpty()) {
                    ours.add(not + (field.equals("addressed") ? "to" : field) + ":" + quoted(value));
                }
            } else if (field.equals("tag") || lower.equals("is:tagged")) {
                nothing |= !exclude; // no message has a tag
            } else if (field.equals("reply-to") || lower.equals("has:inline") || lower.equals("has:inlines")) {
                throw new ApiException(400, "fakemail's search does not support '" + Params.shown(term) + "'");
            } else if (lower.equals("is:read") || lower.equals("is:unread") || lower.equals("has:attachment")
                    || lower.equals("has:attachments")) {
                ours.add(not + lower);
            } else if (field.equals("after") || field.equals("before")) {
                Instant instant = instant(value, zone);
                if (instant != null) { // Mailpit ignores a date it cannot read
                    ours.add(not + field + ":" + instant);
                }
            } else if ((field.equals("larger") || field.equals("smaller"))
                    && SIZE.matcher(value.toLowerCase(Locale.ROOT)).matches() && !value.matches("[0.]+.*")) {
                ours.add(not + field + ":" + value.toLowerCase(Locale.ROOT).replace(" ", ""));
            } else {
                String text = clean(term);
                if (!text.isEmpty()) {
                    ours.add(not + quoted(text));
                }
            }
        }
        return new MailpitSearch(SearchQuery.parse(String.join(" ", ours)), nothing);
    }

    /** Words split at white space; a quoted run (also after a field name: subject:"a b") is one word. */
    private static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : query.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                word.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Mailpit's cleanString: quotes dropped, surrounding space trimmed. */
    private static String clean(String value) {
        return value.replace("\"", "").trim();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException unknown) {
            throw new ApiException(400, "unknown time zone '" + Params.shown(timeZone) + "'");
        }
    }

    /** A day (start of it in the zone), a local date-time in the zone, or an instant with an offset; else null. */
    static Instant instant(String value, ZoneId zone) {
        String upper = value.toUpperCase(Locale.ROOT).replace('/', '-');
        try {
            if (DATE.matcher(upper).matches()) {
                return LocalDate.parse(upper).atStartOfDay(zone).toInstant();
            }
            if (upper.endsWith("Z") || upper.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(upper).toInstant();
            }
            return LocalDateTime.parse(upper.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
