package dev.fakemail.web.internal;

import dev.fakemail.internal.store.StoredBytes;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.HeaderField;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the list and the search need of one received message, parsed once when it arrives (a
 * {@link ReceivedMessage} parses again on every call). Text that stands in the stored bytes as it is (plain ASCII,
 * neither encoded nor folded: most header values and most plain-text bodies) is kept as a reference into them
 * ({@link RawText}) and searched there, ignoring case, so a summary costs about a tenth of a 2 KB message instead
 * of more than the message itself; other text is kept as a string (the search text in lower case).
 */
final class MessageSummary {
    /** Text search looks at this much of each body: enough for any real mail, bounded for huge ones. */
    static final int MAX_SEARCH_TEXT = 64 * 1024;
    private static final int SNIPPET_LENGTH = 160;

    final ReceivedMessage message;
    final long id;
    final long receivedAtMillis;
    final int size;
    final String subject;
    final int attachments;
    final boolean hasHtml;
    /** The stored bytes (shared with the store, never modified), which the references below point into. */
    private final byte[] raw;
    /** Header fields as references into {@link #raw}, or {@link RawText#NONE}: then see {@link #decoded}. */
    private final long headerFromRef;
    private final long messageIdRef;
    /** The To field when there is exactly one and it is in the stored bytes as it is. */
    private final long headerToRef;
    /**
     * The body text searched (at most {@link #MAX_SEARCH_TEXT} chars) as a reference, or {@link RawText#NONE}:
     * then see {@link #decoded}.
     */
    private final long textRef;
    /** What is not in the stored bytes as it is; null when everything is (plain ASCII mail without Cc or Bcc). */
    private final Decoded decoded;
    /**
     * Whether the message was opened (or marked read). Only the web inbox knows this, so it lives here and goes
     * with the summary when the message is deleted or the server reset. Changed only under the index's write
     * lock; volatile so a detail answered outside the lock sees the latest state.
     */
    volatile boolean read;

    /**
     * The decoded values of what the stored bytes do not hold as they are: each null (or empty) when its reference
     * above is set. The search text is in lower case.
     */
    private record Decoded(String headerFrom, String messageId, List<String> headerTo, List<String> headerCc,
            String bcc, String textLower, String snippet) {
        static final Decoded NOTHING = new Decoded(null, null, List.of(), List.of(), "", null, null);
    }

    private MessageSummary(ReceivedMessage message, String subject, String headerFrom, List<String> headerTo,
            List<String> headerCc, String messageId, String text, int attachments, boolean hasHtml) {
        this.message = message;
        this.raw = StoredBytes.of(message);
        this.id = message.id();
        this.receivedAtMillis = message.receivedAt().toEpochMilli();
        this.size = message.size();
        this.subject = subject;
        this.attachments = attachments;
        this.hasHtml = hasHtml;
        int bodyStart = bodyStart(raw);
        this.headerFromRef = RawText.locate(raw, 0, bodyStart, headerFrom);
        this.messageIdRef = RawText.locate(raw, 0, bodyStart, messageId);
        this.headerToRef = headerTo.size() == 1 ? RawText.locate(raw, 0, bodyStart, headerTo.get(0)) : RawText.NONE;
        String bcc = lower(String.join("\n", MessageDetail.hidden(to(), headerTo, headerCc)));
        String searchText = text.length() > MAX_SEARCH_TEXT ? text.substring(0, MAX_SEARCH_TEXT) : text;
        this.textRef = RawText.locate(raw, bodyStart, raw.length, searchText);
        Decoded decoded = new Decoded(headerFromRef == RawText.NONE ? headerFrom : null,
                messageIdRef == RawText.NONE ? messageId : null,
                headerToRef == RawText.NONE ? List.copyOf(headerTo) : List.of(), List.copyOf(headerCc),
                bcc.isEmpty() ? "" : bcc, textRef == RawText.NONE ? lower(searchText) : null,
                textRef == RawText.NONE ? snippet(text) : null);
        this.decoded = decoded.equals(Decoded.NOTHING) ? null : decoded;
    }

    /** The envelope sender (MAIL FROM), empty for the null sender. */
    String from() {
        return message.envelope().mailFrom();
    }

    /** The envelope recipients (RCPT TO), in order. */
    List<String> to() {
        return message.envelope().recipientAddresses();
    }

    private Decoded decoded() {
        return decoded == null ? Decoded.NOTHING : decoded;
    }

    /** Parses the message once. Malformed mail still gets a summary: what cannot be parsed stays empty. */
    static MessageSummary of(ReceivedMessage message) {
        MimePart tree = safeTree(message);
        String subject = "";
        String headerFrom = "";
        String messageId = "";
        List<String> headerTo = new ArrayList<>();
        List<String> headerCc = new ArrayList<>();
        // The tree's root carries the message's header fields: one parse for both.
        for (HeaderField field : tree == null ? safeHeaders(message) : tree.headers()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.equals("subject") && subject.isEmpty()) {
                subject = field.value();
            } else if (name.equals("from") && headerFrom.isEmpty()) {
                headerFrom = field.value();
            } else if (name.equals("to")) {
                headerTo.add(field.value());
            } else if (name.equals("cc")) {
                headerCc.add(field.value());
            } else if (name.equals("message-id") && messageId.isEmpty()) {
                messageId = field.value();
            }
        }
        String text = "";
        String html = null;
        int attachments = 0;
        for (MimePart part : tree == null ? List.<MimePart>of() : HtmlDocument.leaves(tree)) {
            if (part.isAttachment()) {
                attachments++;
            } else if (part.mimeType().equals("text/plain") && text.isEmpty()) {
                text = part.text();
            } else if (part.mimeType().equals("text/html") && html == null) {
                html = part.text();
            }
        }
        if (text.isEmpty() && html != null) {
            text = HtmlText.of(html);
        }
        return new MessageSummary(message, subject, headerFrom, headerTo, headerCc, messageId, text, attachments,
                html != null);
    }

    ListEntry json() {
        return new ListEntry(id, from(), to(), subject, Instant.ofEpochMilli(receivedAtMillis).toString(), size,
                headerFrom(), snippet(), attachments, read);
    }

    /** Whether the body text is searched in the stored bytes (plain ASCII, as it is there), not in a copy. */
    boolean textIsInStoredBytes() {
        return textRef != RawText.NONE;
    }

    /** The decoded From header field, empty if there is none. */
    String headerFrom() {
        return headerFromRef == RawText.NONE ? decoded().headerFrom() : RawText.string(raw, headerFromRef);
    }

    /** The start of the body text, flattened: what the list shows under the subject. */
    String snippet() {
        return textRef == RawText.NONE ? decoded().snippet() : snippet(RawText.head(raw, textRef, SNIPPET_LENGTH * 4));
    }

    // The searches: each answers what String.contains would over the search fields as they were once kept, in
    // lower case: senders (MAIL FROM, From), recipients (RCPT TO, To, Cc), Cc, hidden recipients (Bcc),
    // Message-ID, subject, body text; several values joined with LF. A needle without LF cannot span two values,
    // so each value is searched on its own; a needle with LF (rare) gets the joined text.

    boolean sendersContain(String needle, byte[] asciiNeedle) {
        if (needle.indexOf('\n') >= 0) {
            return lower(from() + "\n" + headerFrom()).contains(needle);
        }
        return RawText.containsIgnoringCase(from(), needle) || headerFromContains(needle, asciiNeedle);
    }

    boolean recipientsContain(String needle, byte[] asciiNeedle) {
        if (needle.indexOf('\n') >= 0) {
            List<String> all = new ArrayList<>(to());
            all.addAll(headerTo());
            all.addAll(decoded().headerCc());
            return lower(String.join("\n", all)).contains(needle);
        }
        if (needle.isEmpty()) {
            return true;
        }
        for (EnvelopeRecipient recipient : message.envelope().recipients()) {
            if (RawText.containsIgnoringCase(recipient.address(), needle)) {
                return true;
            }
        }
        if (headerToRef != RawText.NONE && RawText.contains(raw, headerToRef, asciiNeedle)) {
            return true;
        }
        return anyContains(decoded().headerTo(), needle) || anyContains(decoded().headerCc(), needle);
    }

    boolean ccContains(String needle) {
        if (needle.indexOf('\n') >= 0) {
            return lower(String.join("\n", decoded().headerCc())).contains(needle);
        }
        return needle.isEmpty() || anyContains(decoded().headerCc(), needle);
    }

    boolean bccContains(String needle) {
        return decoded().bcc().contains(needle);
    }

    boolean messageIdContains(String needle, byte[] asciiNeedle) {
        return messageIdRef == RawText.NONE ? RawText.containsIgnoringCase(decoded().messageId(), needle)
                : RawText.contains(raw, messageIdRef, asciiNeedle) || needle.isEmpty();
    }

    boolean subjectContains(String needle) {
        return RawText.containsIgnoringCase(subject, needle);
    }

    boolean textContains(String needle, byte[] asciiNeedle) {
        return textRef == RawText.NONE ? decoded().textLower().contains(needle) : needle.isEmpty()
                || RawText.contains(raw, textRef, asciiNeedle);
    }

    private boolean headerFromContains(String needle, byte[] asciiNeedle) {
        return headerFromRef == RawText.NONE ? RawText.containsIgnoringCase(decoded().headerFrom(), needle)
                : needle.isEmpty() || RawText.contains(raw, headerFromRef, asciiNeedle);
    }

    private List<String> headerTo() {
        return headerToRef == RawText.NONE ? decoded().headerTo() : List.of(RawText.string(raw, headerToRef));
    }

    private static boolean anyContains(List<String> values, String needle) {
        for (String value : values) {
            if (RawText.containsIgnoringCase(value, needle)) {
                return true;
            }
        }
        return false;
    }

    /** Where the body starts: after the first empty line (the whole message if there is none). */
    private static int bodyStart(byte[] raw) {
        for (int i = 1; i < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i - 1] == '\n' || i >= 2 && raw[i - 1] == '\r' && raw[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return raw.length;
    }

    /**
     * One entry of {@code GET /api/messages}.
     *
     * @param from the envelope sender (MAIL FROM), empty for the null sender
     * @param to the envelope recipients (RCPT TO), in order
     * @param subject the decoded Subject, empty if there is none
     * @param receivedAt when the message was accepted, ISO-8601 in UTC
     * @param size the stored size in octets
     * @param headerFrom the decoded From header field (what a mail client shows as sender)
     * @param snippet the start of the body text
     * @param attachments how many attachments the message has
     * @param read whether the message was opened or marked read in the inbox
     */
    record ListEntry(long id, String from, List<String> to, String subject, String receivedAt, int size,
            String headerFrom, String snippet, int attachments, boolean read) {
    }

    private static List<HeaderField> safeHeaders(ReceivedMessage message) {
        try {
            return message.headerFields();
        } catch (RuntimeException unparsable) {
            return List.of();
        }
    }

    private static MimePart safeTree(ReceivedMessage message) {
        try {
            return message.mimeTree();
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    private static String snippet(String text) {
        String head = text.length() > SNIPPET_LENGTH * 4 ? text.substring(0, SNIPPET_LENGTH * 4) : text;
        String flat = head.replaceAll("\\s+", " ").trim();
        return flat.length() > SNIPPET_LENGTH ? flat.substring(0, SNIPPET_LENGTH) + "…" : flat;
    }

    /** Lower case, sharing the instance when nothing changes (most addresses), to keep 100,000 summaries small. */
    private static String lower(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals(value) ? value : lower;
    }
}
