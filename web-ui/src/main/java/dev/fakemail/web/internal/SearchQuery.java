package dev.fakemail.web.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search over the received messages, parsed from the search box's language:
 * {@code from:alice to:bob cc:carol bcc:audit subject:"password reset" text:token message-id:abc@host
 * has:attachment is:unread larger:10K smaller:2M after:2024-05-01 -before:...}.
 * Words without a field match sender, recipients, subject or text; a leading {@code -} negates a term; all
 * terms must hold. Text comparisons are substring matches ignoring case. Immutable.
 */
final class SearchQuery {
    static final int MAX_LENGTH = 1000;
    static final SearchQuery ALL = new SearchQuery(List.of());
    private static final String FIELDS =
            "from, to, cc, bcc, subject, text, message-id, has, is, after, before, larger, smaller";
    private static final List<String> FIELD_NAMES = List.of(FIELDS.split(", "));
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,3})?)\\s*([kmg]?)b?");

    enum Field {
        ANY, FROM, TO, CC, BCC, SUBJECT, TEXT, MESSAGE_ID, HAS_ATTACHMENT, HAS_HTML, READ, AFTER, BEFORE, LARGER,
        SMALLER
    }

    /**
     * One condition; {@code needle} is lower case; {@code number} is epoch millis for dates and octets for
     * sizes.
     */
    record Term(Field field, String needle, long number, boolean negated, String source, byte[] asciiNeedle) {
        Term(Field field, String needle, long number, boolean negated, String source) {
            this(field, needle, number, negated, source, RawText.asciiNeedle(needle));
        }

        boolean matches(MessageSummary message) {
            return matchesPositive(message) != negated;
        }

        private boolean matchesPositive(MessageSummary message) {
            switch (field) {
                case FROM: return message.sendersContain(needle, asciiNeedle);
                case TO: return message.recipientsContain(needle, asciiNeedle);
                case CC: return message.ccContains(needle);
                case BCC: return message.bccContains(needle);
                case SUBJECT: return message.subjectContains(needle);
                case TEXT: return message.textContains(needle, asciiNeedle);
                case MESSAGE_ID: return message.messageIdContains(needle, asciiNeedle);
                case HAS_ATTACHMENT: return message.attachments > 0;
                case HAS_HTML: return message.hasHtml;
                case READ: return message.read;
                case AFTER: return message.receivedAtMillis >= number;
                case BEFORE: return message.receivedAtMillis < number;
                case LARGER: return message.size > number;
                case SMALLER: return message.size < number;
                default: return message.subjectContains(needle) || message.sendersContain(needle, asciiNeedle)
                        || message.recipientsContain(needle, asciiNeedle) || message.textContains(needle, asciiNeedle);
            }
        }
    }

    private final List<Term> terms;

    private SearchQuery(List<Term> terms) {
        this.terms = terms;
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    boolean matches(MessageSummary message) {
        for (Term term : terms) {
            if (!term.matches(message)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The search of a request: {@code q} in the search language, and/or one parameter per field, named as in
     * the language ({@code from=}, {@code cc=}, {@code message-id=} or {@code messageId=}, {@code is=unread},
     * {@code larger=10K} ...), plus {@code hasAttachment=true|false} and {@code read=true|false}; all of them
     * must hold.
     */
    static SearchQuery fromParameters(Map<String, ? extends Deque<String>> parameters) {
        List<Term> terms = new ArrayList<>();
        Deque<String> q = parameters.get("q");
        if (q != null && !q.isEmpty()) {
            terms.addAll(parse(q.getFirst()).terms);
        }
        for (String name : FIELD_NAMES) {
            String parameter = name.equals("message-id") ? first(parameters, "messageId", "message-id") : name;
            Deque<String> values = parameters.get(parameter);
            if (values != null && !values.isEmpty()) {
                terms.add(term(name, values.getFirst(), false, parameter + "=" + values.getFirst()));
            }
        }
        flag(parameters, "hasAttachment", Field.HAS_ATTACHMENT, terms);
        flag(parameters, "read", Field.READ, terms);
        return new SearchQuery(List.copyOf(terms));
    }

    /** The first of these parameter names the request uses (the last if none). */
    private static String first(Map<String, ? extends Deque<String>> parameters, String... names) {
        for (String name : names) {
            if (parameters.containsKey(name)) {
                return name;
            }
        }
        return names[names.length - 1];
    }

    /** A {@code name=true|false} parameter: the term, or its negation for false. */
    private static void flag(Map<String, ? extends Deque<String>> parameters, String name, Field field,
            List<Term> terms) {
        Deque<String> values = parameters.get(name);
        if (values != null && !values.isEmpty()) {
            String value = values.getFirst().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw ApiException.badRequest(name + " must be true or false, got '" + Params.shown(values.getFirst())
                        + "'");
            }
            terms.add(new Term(field, "", 0, value.equals("false"), name + "=" + value));
        }
    }

    /** Parses the search language; a 400 {@link ApiException} says what is wrong and where. */
    static SearchQuery parse(String query) {
        if (query.length() > MAX_LENGTH) {
            throw ApiException.badRequest("search is too long (" + query.length() + " characters, at most "
                    + MAX_LENGTH + ")");
        }
        List<Term> terms = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            if (Character.isWhitespace(query.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean negated = query.charAt(i) == '-' && i + 1 < query.length()
                    && !Character.isWhitespace(query.charAt(i + 1));
            if (negated) {
                i++;
            }
            String field = null;
            int colon = fieldEnd(query, i);
            if (colon > i) {
                field = query.substring(i, colon).toLowerCase(Locale.ROOT);
                i = colon + 1;
            }
            StringBuilder value = new StringBuilder();
            i = readValue(query, i, value);
            terms.add(term(field, value.toString(), negated, query.substring(start, i)));
        }
        return new SearchQuery(List.copyOf(terms));
    }

    /**
     * The index of the colon ending a field name at {@code i} ("from:", "message-id:"), or -1 if no field starts
     * there. A name is letters, with single hyphens between them.
     */
    private static int fieldEnd(String query, int i) {
        int j = i;
        while (j < query.length() && (Character.isLetter(query.charAt(j)) || query.charAt(j) == '-' && j > i
                && j + 1 < query.length() && Character.isLetter(query.charAt(j + 1)))) {
            j++;
        }
        return j > i && j < query.length() && query.charAt(j) == ':' ? j : -1;
    }

    private static int readValue(String query, int i, StringBuilder value) {
        if (i < query.length() && query.charAt(i) == '"') {
            i++;
            while (i < query.length() && query.charAt(i) != '"') {
                char c = query.charAt(i);
                if (c == '\\' && i + 1 < query.length()) {
                    c = query.charAt(++i);
                }
                value.append(c);
                i++;
            }
            if (i >= query.length()) {
                throw ApiException.badRequest("search has a quote that is not closed: " + Params.shown(query));
            }
            return i + 1;
        }
        while (i < query.length() && !Character.isWhitespace(query.charAt(i))) {
            value.append(query.charAt(i++));
        }
        return i;
    }

    private static Term term(String field, String value, boolean negated, String source) {
        String needle = value.toLowerCase(Locale.ROOT);
        if (field == null) {
            return new Term(Field.ANY, needle, 0, negated, source);
        }
        if (!FIELD_NAMES.contains(field)) {
            throw ApiException.badRequest("unknown search field '" + Params.shown(field) + ":' (fields: " + FIELDS
                    + "); to search for text with a colon, put it in quotes");
        }
        if (value.isEmpty()) {
            throw ApiException.badRequest("search field '" + field + ":' needs a value, e.g. " + field + ":"
                    + example(field));
        }
        switch (field) {
            case "from": return new Term(Field.FROM, needle, 0, negated, source);
            case "to": return new Term(Field.TO, needle, 0, negated, source);
            case "cc": return new Term(Field.CC, needle, 0, negated, source);
            case "bcc": return new Term(Field.BCC, needle, 0, negated, source);
            case "subject": return new Term(Field.SUBJECT, needle, 0, negated, source);
            case "text": return new Term(Field.TEXT, needle, 0, negated, source);
            case "message-id": return new Term(Field.MESSAGE_ID, needle, 0, negated, source);
            case "after": return new Term(Field.AFTER, "", instant(field, value), negated, source);
            case "before": return new Term(Field.BEFORE, "", instant(field, value), negated, source);
            case "larger": return new Term(Field.LARGER, "", size(field, needle, value), negated, source);
            case "smaller": return new Term(Field.SMALLER, "", size(field, needle, value), negated, source);
            case "is":
                if (needle.equals("read") || needle.equals("unread")) {
                    // is:unread is not-read: one field, so "-is:unread" and "is:read" mean the same
                    return new Term(Field.READ, "", 0, negated != needle.equals("unread"), source);
                }
                throw ApiException.badRequest("is: knows 'read' and 'unread', got '" + Params.shown(value) + "'");
            case "has":
                if (needle.equals("attachment") || needle.equals("attachments")) {
                    return new Term(Field.HAS_ATTACHMENT, "", 0, negated, source);
                }
                if (needle.equals("html")) {
                    return new Term(Field.HAS_HTML, "", 0, negated, source);
                }
                throw ApiException.badRequest("has: knows 'attachment' and 'html', got '" + Params.shown(value) + "'");
            default:
                throw new IllegalStateException("search field without a meaning: " + field);
        }
    }

    /** A date (a UTC day: 2024-05-01), a UTC date-time (2024-05-01T10:00) or an instant (...Z, +02:00). */
    private static long instant(String field, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (value.endsWith("Z") || value.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + ": needs a date like 2024-05-01 or a time like "
                    + "2024-05-01T10:00:00Z, got '" + Params.shown(value) + "'");
        }
    }

    /** A size in octets: 500, 10K, 2M, 1.5M, 1G (K = 1024; a trailing B is allowed: 10KB). */
    private static long size(String field, String lower, String value) {
        Matcher size = SIZE.matcher(lower.trim());
        if (!size.matches()) {
            throw ApiException.badRequest(field + ": needs a size like 500, 10K or 2M (bytes, K = 1024), got '"
                    + Params.shown(value) + "'");
        }
        long unit = switch (size.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.round(Double.parseDouble(size.group(1)) * unit);
    }

    private static String example(String field) {
        switch (field) {
            case "after", "before": return LocalDate.now(ZoneOffset.UTC).toString();
            case "has": return "attachment";
            case "is": return "unread";
            case "larger", "smaller": return "10K";
            default: return "word";
        }
    }

    /** The search as given, normalized: what error messages and the wait endpoint echo. */
    @Override
    public String toString() {
        return terms.isEmpty() ? "any message" : String.join(" ", terms.stream().map(Term::source).toList());
    }
}
