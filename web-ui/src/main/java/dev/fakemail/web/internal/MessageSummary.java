package dev.fakemail.web.internal;

import dev.fakemail.store.HeaderField;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the list and the search need of one received message, parsed once when it arrives (a
 * {@link ReceivedMessage} parses again on every call). The search fields are kept in lower case, so a search
 * over 100,000 messages is plain {@code String.contains} calls.
 */
final class MessageSummary {
    /** Text search looks at this much of each body: enough for any real mail, bounded for huge ones. */
    static final int MAX_SEARCH_TEXT = 64 * 1024;
    private static final int SNIPPET_LENGTH = 160;

    final ReceivedMessage message;
    final long id;
    final long receivedAtMillis;
    final int size;
    final String from;
    final List<String> to;
    final String subject;
    final String headerFrom;
    final String snippet;
    final int attachments;
    final boolean hasHtml;
    // Lower-case search fields: senders (MAIL FROM, From), recipients (RCPT TO, To, Cc), the Cc fields, the
    // hidden (Bcc) recipients, the Message-ID, subject, body text. Mostly empty or shared strings: small.
    final String senders;
    final String recipients;
    final String cc;
    final String bcc;
    final String messageId;
    final String subjectLower;
    final String text;
    /**
     * Whether the message was opened (or marked read). Only the web inbox knows this, so it lives here and goes
     * with the summary when the message is deleted or the server reset. Changed only under the index's write
     * lock; volatile so a detail answered outside the lock sees the latest state.
     */
    volatile boolean read;

    private MessageSummary(ReceivedMessage message, String subject, String headerFrom, List<String> headerTo,
            List<String> headerCc, String messageId, String text, int attachments, boolean hasHtml) {
        this.message = message;
        this.id = message.id();
        this.receivedAtMillis = message.receivedAt().toEpochMilli();
        this.size = message.size();
        this.from = message.envelope().mailFrom();
        this.to = message.envelope().recipientAddresses();
        this.subject = subject;
        this.headerFrom = headerFrom;
        this.snippet = snippet(text);
        this.attachments = attachments;
        this.hasHtml = hasHtml;
        this.senders = lower(from + "\n" + headerFrom);
        List<String> allRecipients = new ArrayList<>(to);
        allRecipients.addAll(headerTo);
        allRecipients.addAll(headerCc);
        this.recipients = lower(String.join("\n", allRecipients));
        this.cc = lower(String.join("\n", headerCc));
        this.bcc = lower(String.join("\n", MessageDetail.hidden(to, headerTo, headerCc)));
        this.messageId = lower(messageId);
        this.subjectLower = lower(subject);
        this.text = lower(text.length() > MAX_SEARCH_TEXT ? text.substring(0, MAX_SEARCH_TEXT) : text);
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
        return new ListEntry(id, from, to, subject, Instant.ofEpochMilli(receivedAtMillis).toString(), size,
                headerFrom, snippet, attachments, read);
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
