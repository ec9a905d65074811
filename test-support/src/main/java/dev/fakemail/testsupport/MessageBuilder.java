package dev.fakemail.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A small RFC 5322 / MIME message writer for tests that need message bytes without a mail library: header
 * fields in the order given, a text and/or HTML body, attachments (base64). Line ends are CR LF; boundaries are
 * fixed, so the same calls give the same bytes.
 */
public final class MessageBuilder {
    private final List<String> headers = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private String text;
    private String html;

    private record Attachment(String filename, String type, byte[] content) {
    }

    private MessageBuilder() {
    }

    public static MessageBuilder message() {
        return new MessageBuilder();
    }

    /** A header field as given (the value must already be RFC 5322 text), kept in this order. */
    public MessageBuilder header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    public MessageBuilder from(String address) {
        return header("From", address);
    }

    public MessageBuilder to(String... addresses) {
        return header("To", String.join(", ", addresses));
    }

    public MessageBuilder cc(String... addresses) {
        return header("Cc", String.join(", ", addresses));
    }

    /** The subject; outside ASCII it becomes an RFC 2047 encoded word. */
    public MessageBuilder subject(String subject) {
        return header("Subject", isAscii(subject) ? subject
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=");
    }

    public MessageBuilder text(String text) {
        this.text = text;
        return this;
    }

    public MessageBuilder html(String html) {
        this.html = html;
        return this;
    }

    public MessageBuilder attach(String filename, String type, byte[] content) {
        attachments.add(new Attachment(filename, type, content.clone()));
        return this;
    }

    public byte[] bytes() {
        return build().getBytes(StandardCharsets.UTF_8);
    }

    /** The message as text (UTF-8 where a body is not ASCII). */
    public String build() {
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        if (html == null && attachments.isEmpty()) {
            return out.append(textPart("plain", text == null ? "" : text)).toString();
        }
        out.append("MIME-Version: 1.0\r\n");
        String body = html == null ? textPart("plain", text == null ? "" : text) : alternative();
        if (attachments.isEmpty()) {
            return out.append(body).toString();
        }
        List<String> parts = new ArrayList<>();
        parts.add(body);
        for (Attachment attachment : attachments) {
            parts.add(attachmentPart(attachment));
        }
        return out.append(multipart("mixed", "=_mixed", parts)).toString();
    }

    /**
     * A plain message of exactly {@code size} octets: a Subject, an empty line and lines of letters (at most 78
     * octets with CR LF), ending with CR LF.
     */
    public static String ofSize(int size, String subject) {
        StringBuilder message = new StringBuilder("Subject: " + subject + "\r\n\r\n");
        int line = 0;
        while (message.length() < size) {
            int left = size - message.length();
            if (left <= 2) {
                message.append("\r\n", 0, left);
                break;
            }
            int take = Math.min(76, left - 2);
            char c = (char) ('a' + line++ % 26);
            message.append(String.valueOf(c).repeat(take)).append("\r\n");
        }
        String text = message.toString();
        if (text.length() != size || !text.endsWith("\r\n")) {
            throw new IllegalArgumentException("cannot make a message of " + size + " octets: " + text.length());
        }
        return text;
    }

    private String alternative() {
        List<String> parts = new ArrayList<>();
        if (text != null) {
            parts.add(textPart("plain", text));
        }
        parts.add(textPart("html", html));
        return multipart("alternative", "=_alternative", parts);
    }

    /** Content header fields, an empty line and the content (which ends with CR LF). */
    private static String textPart(String subtype, String content) {
        String body = crLf(content);
        return "Content-Type: text/" + subtype + "; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: " + (isAscii(body) ? "7bit" : "8bit") + "\r\n\r\n" + body;
    }

    private static String attachmentPart(Attachment attachment) {
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(attachment.content());
        return "Content-Type: " + attachment.type() + "; name=\"" + attachment.filename() + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + attachment.filename() + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + (base64.isEmpty() ? "" : "\r\n");
    }

    private static String multipart(String subtype, String boundary, List<String> parts) {
        StringBuilder out = new StringBuilder("Content-Type: multipart/" + subtype + "; boundary=\"" + boundary
                + "\"\r\n\r\n");
        for (String part : parts) {
            out.append("--").append(boundary).append("\r\n").append(part);
        }
        return out.append("--").append(boundary).append("--\r\n").toString();
    }

    private static String crLf(String text) {
        String normalized = text.replace("\r\n", "\n").replace("\n", "\r\n");
        return normalized.endsWith("\r\n") ? normalized : normalized + "\r\n";
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
