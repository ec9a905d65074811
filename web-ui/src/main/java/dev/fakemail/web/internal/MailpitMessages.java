package dev.fakemail.web.internal;

import dev.fakemail.store.HeaderField;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.web.internal.MailpitJson.Address;
import dev.fakemail.web.internal.MailpitJson.Attachment;
import dev.fakemail.web.internal.MailpitJson.Checksums;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Our messages in Mailpit's shapes. IDs are our numeric ids as strings. Bcc is what Mailpit shows too: the
 * Bcc field if the message has one, else the envelope recipients no To or Cc field names.
 */
final class MailpitMessages {
    private static final Pattern ANGLE_LINK = Pattern.compile("<([^>]{1,2000})>");

    private MailpitMessages() {
    }

    static String id(MessageSummary summary) {
        return Long.toString(summary.id);
    }

    static MailpitJson.Summary summary(MessageSummary summary) {
        Fields fields = Fields.of(summary.message);
        return new MailpitJson.Summary(id(summary), fields.messageId, summary.read, fields.from, fields.to, fields.cc,
                fields.bcc, fields.replyTo, summary.subject, Instant.ofEpochMilli(summary.receivedAtMillis).toString(),
                username(summary.message), List.of(), summary.size, summary.attachments, summary.snippet());
    }

    static MailpitJson.Message message(MessageSummary summary) {
        ReceivedMessage message = summary.message;
        Fields fields = Fields.of(message);
        MimePart tree = message.mimeTree();
        MimePart htmlPart = HtmlDocument.htmlPart(tree);
        MimePart textPart = null;
        List<Attachment> inline = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        for (MimePart part : HtmlDocument.leaves(tree)) {
            if (part.isAttachment()) {
                attachments.add(attachment(part));
            } else if (part == htmlPart) {
                continue;
            } else if (textPart == null && part.mimeType().equals("text/plain")) {
                textPart = part;
            } else if (part.contentId().isPresent() || !part.mimeType().startsWith("text/")) {
                inline.add(attachment(part)); // an embedded image: Mailpit lists those as Inline
            }
        }
        String text = textPart != null ? textPart.text() : htmlPart != null ? HtmlText.of(htmlPart.text()) : "";
        return new MailpitJson.Message(id(summary), fields.messageId, fields.from, fields.to, fields.cc, fields.bcc,
                fields.replyTo, returnPath(message), summary.subject, listUnsubscribe(message.headerFields()),
                date(message), List.of(), username(message), text, htmlPart == null ? "" : htmlPart.text(),
                summary.size, inline, attachments);
    }

    /**
     * The header fields as Go's {@code mail.Header} marshals them: canonical names (Message-Id, Content-Type),
     * sorted, each with its values in order.
     */
    static Map<String, List<String>> headers(ReceivedMessage message) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (HeaderField field : message.headerFields()) {
            headers.computeIfAbsent(canonical(field.name()), name -> new ArrayList<>()).add(field.value());
        }
        return headers;
    }

    /** Go's textproto.CanonicalMIMEHeaderKey: each hyphen-separated word capitalized, the rest lower case. */
    static String canonical(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    /** Parts are named by their section number, as in our own API ("1", "2.1"). */
    static Attachment attachment(MimePart part) {
        byte[] content = part.content();
        return new Attachment(part.path(), part.filename().orElse(""), part.mimeType(), part.contentId().orElse(""),
                content.length, new Checksums(digest("MD5", content), digest("SHA-1", content),
                        digest("SHA-256", content)));
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    private static String username(ReceivedMessage message) {
        return message.envelope().authenticatedUser().orElse("");
    }

    private static String returnPath(ReceivedMessage message) {
        return message.header("Return-Path").map(MailpitMessages::unangled).orElse(message.envelope().mailFrom());
    }

    /** The Date field in RFC 3339 with its own offset, as Go prints it; the arrival time if it has none. */
    private static String date(ReceivedMessage message) {
        String value = message.header("Date").orElse("").trim().replaceAll("\\s*\\([^)]*\\)$", "");
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException unparsable) {
            return message.receivedAt().toString();
        }
    }

    private static MailpitJson.ListUnsubscribe listUnsubscribe(List<HeaderField> headers) {
        String header = first(headers, "list-unsubscribe");
        List<String> links = new ArrayList<>();
        Matcher link = ANGLE_LINK.matcher(header);
        while (link.find()) {
            links.add(link.group(1).trim());
        }
        String errors = !header.isEmpty() && links.isEmpty() ? "No valid links found" : "";
        return new MailpitJson.ListUnsubscribe(header, links, errors, first(headers, "list-unsubscribe-post"));
    }

    private static String first(List<HeaderField> headers, String name) {
        for (HeaderField field : headers) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return "";
    }

    private static String unangled(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** The address fields of one message, parsed from its header. */
    private record Fields(String messageId, Address from, List<Address> to, List<Address> cc, List<Address> bcc,
            List<Address> replyTo) {
        static Fields of(ReceivedMessage message) {
            List<HeaderField> headers;
            try {
                headers = message.headerFields();
            } catch (RuntimeException unparsable) {
                headers = List.of();
            }
            List<Address> from = addresses(headers, "from");
            List<Address> to = addresses(headers, "to");
            List<Address> cc = addresses(headers, "cc");
            List<Address> bcc = addresses(headers, "bcc");
            if (bcc.isEmpty()) {
                List<String> headerTo = to.stream().map(Address::Address).toList();
                List<String> headerCc = cc.stream().map(Address::Address).toList();
                bcc = MessageDetail.hidden(message.envelope().recipientAddresses(), headerTo, headerCc).stream()
                        .map(address -> new Address("", address)).toList();
            }
            return new Fields(unangled(first(headers, "message-id")),
                    from.isEmpty() ? new Address("", "") : from.get(0), to, cc, bcc, addresses(headers, "reply-to"));
        }

        private static List<Address> addresses(List<HeaderField> headers, String name) {
            List<Address> addresses = new ArrayList<>();
            for (HeaderField field : headers) {
                if (field.name().equalsIgnoreCase(name)) {
                    for (Mailbox mailbox : LenientAddressParser.DEFAULT.parseAddressList(field.value()).flatten()) {
                        addresses.add(new Address(mailbox.getName() == null ? "" : mailbox.getName(),
                                mailbox.getAddress()));
                    }
                }
            }
            return addresses;
        }
    }
}
