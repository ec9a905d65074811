package dev.fakemail.store;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.internal.mime.BodyText;
import dev.fakemail.internal.mime.HeaderBlock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message as an SMTP client handed it over, with its envelope. The bytes are exactly what was stored:
 * the server's Return-Path and Received trace fields, then the client's data, dot-unstuffed. They are shared
 * (never copied) with every mailbox the message was delivered to. Views such as {@link #subject()} are parsed
 * on each call, so an unread message costs only its bytes.
 */
public final class ReceivedMessage {
    static {
        dev.fakemail.internal.store.StoredBytes.registerReceived(ReceivedMessage::sharedBytes);
    }

    private final long id;
    private final Envelope envelope;
    private final byte[] raw;
    private final long receivedAtMillis;
    private final String unacknowledgedFate;
    private final AuthenticationResults authentication;

    /** For the store: the array is kept as given, never copied, so the caller must not modify it. */
    public ReceivedMessage(long id, Envelope envelope, byte[] raw, long receivedAtMillis) {
        this(id, envelope, raw, receivedAtMillis, null);
    }

    /** For the store: an unacknowledged message; the array is kept as given, never copied. */
    public ReceivedMessage(long id, Envelope envelope, byte[] raw, long receivedAtMillis, String unacknowledgedFate) {
        this(id, envelope, raw, receivedAtMillis, unacknowledgedFate, null);
    }

    /** For the store: a message with the results of its checks against the fake zone (null: not checked). */
    public ReceivedMessage(long id, Envelope envelope, byte[] raw, long receivedAtMillis, String unacknowledgedFate,
            AuthenticationResults authentication) {
        this.authentication = authentication;
        this.id = id;
        this.envelope = envelope;
        this.raw = raw;
        this.receivedAtMillis = receivedAtMillis;
        this.unacknowledgedFate = unacknowledgedFate;
    }

    /**
     * SPF, DKIM and DMARC as the server found them when it accepted the message, checked against its fake DNS
     * zone; empty on a server without a zone ({@code FakeMailServer.builder().zone(...)}).
     */
    public Optional<AuthenticationResults> authentication() {
        return Optional.ofNullable(authentication);
    }

    /** False for a message whose client never got a reply (see {@link MailStore#unacknowledged()}). */
    public boolean isAcknowledged() {
        return unacknowledgedFate == null;
    }

    /** For an unacknowledged message: what happened to the connection ("connection closed by a fault rule ..."). */
    public Optional<String> unacknowledgedFate() {
        return Optional.ofNullable(unacknowledgedFate);
    }

    /** Unique within one server, increasing in order of arrival, never reused (not even after reset). */
    public long id() {
        return id;
    }

    public Envelope envelope() {
        return envelope;
    }

    public Instant receivedAt() {
        return Instant.ofEpochMilli(receivedAtMillis);
    }

    /** Size in octets as stored (what POP3 and IMAP report). */
    public int size() {
        return raw.length;
    }

    /** A copy of the stored bytes. */
    public byte[] bytes() {
        return raw.clone();
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(raw);
    }

    /** The whole message as text (UTF-8). */
    public String asString() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The decoded Subject, or the empty string if there is none. */
    public String subject() {
        return header("Subject").orElse("");
    }

    /** The first value of a header field, RFC 2047-decoded. */
    public Optional<String> header(String name) {
        List<String> values = HeaderBlock.rawValues(raw, name);
        return values.isEmpty() ? Optional.empty() : Optional.of(HeaderBlock.decode(values.get(0)));
    }

    /** All values of a header field, RFC 2047-decoded, in message order. */
    public List<String> headers(String name) {
        return HeaderBlock.rawValues(raw, name).stream().map(HeaderBlock::decode).toList();
    }

    /** The first text/plain part (not an attachment), decoded; empty if there is none. */
    public String text() {
        return BodyText.firstPart(raw, "text/plain");
    }

    /** The first text/html part (not an attachment), decoded; empty if there is none. */
    public String html() {
        return BodyText.firstPart(raw, "text/html");
    }

    /** Every header field of the message, in order, unfolded and RFC 2047-decoded. */
    public List<HeaderField> headerFields() {
        return HeaderBlock.fields(raw).stream()
                .map(field -> new HeaderField(field.name(), HeaderBlock.decode(field.value())))
                .toList();
    }

    /** The MIME tree, parsed now (each call parses again; keep the result when asking many questions). */
    public MimePart mimeTree() {
        return MimeTreeParser.parse(raw);
    }

    /** The attachments in message order (see {@link MimePart#isAttachment()}). */
    public List<MimePart> attachments() {
        return mimeTree().flatten().stream().filter(MimePart::isAttachment).toList();
    }

    /** The stored array itself, for the server's own readers (POP3, IMAP), which never modify it. */
    byte[] sharedBytes() {
        return raw;
    }

    @Override
    public String toString() {
        return "#" + id + (unacknowledgedFate == null ? "" : " (unacknowledged)") + " " + envelope + " Subject: " + subject() + " (" + raw.length + " octets)";
    }
}
