package dev.fakemail.web.internal;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.HeaderField;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetSocketAddress;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/messages/{id}}: one message with its envelope beside its headers, so what the SMTP client
 * said (MAIL FROM, RCPT TO) can be compared with what the mail claims (From, To, Cc); recipients only the
 * envelope names are the Bcc ones.
 *
 * @param from the envelope sender; {@code to} the envelope recipients (as in the list)
 * @param hiddenRecipients envelope recipients that no To or Cc field names (Bcc)
 * @param html the first HTML body, or null; the page shows it through {@code /html}, never as markup
 * @param remoteContent whether the HTML loads images, fonts or styles from elsewhere
 * @param links the http(s) links of the HTML, then of the text, each once ({@link LinksAndCodes})
 * @param codes one-time codes: standalone 4-8 digit numbers, then token= / code= values of the links
 * @param sessionId the transcript of the SMTP session that delivered the message, if still kept
 * @param authentication SPF, DKIM and DMARC as checked against the server's fake zone; null without a zone
 */
record MessageDetail(long id, String from, List<String> to, String subject, String receivedAt, int size,
        String headerFrom, List<String> headerTo, List<String> headerCc, String date, EnvelopeJson envelope,
        List<String> hiddenRecipients, List<HeaderField> headers, String text, String html, boolean remoteContent,
        List<String> links, List<String> codes, PartJson mime, List<PartJson> attachments, Long sessionId, AuthenticationJson authentication) {

    /** What separates the addresses of a To or Cc field; a run between them with an inner '@' is an address. */
    private static final Pattern BETWEEN_ADDRESSES = Pattern.compile("[\\s<>,;:\"()\\[\\]]+");

    record EnvelopeJson(String mailFrom, Map<String, String> mailParameters, List<EnvelopeRecipient> recipients,
            String heloName, String clientAddress, String tls, String authenticatedUser, String protocol) {
        static EnvelopeJson of(Envelope envelope) {
            InetSocketAddress client = envelope.clientAddress();
            return new EnvelopeJson(envelope.mailFrom(), envelope.mailParameters(), envelope.recipients(),
                    envelope.heloName(), client == null ? null : client.getAddress().getHostAddress() + ":"
                            + client.getPort(),
                    envelope.tlsProtocol().orElse(null), envelope.authenticatedUser().orElse(null),
                    envelope.protocol());
        }
    }

    /**
     * One node of the MIME tree.
     *
     * @param url where a leaf downloads, relative to the inbox (what the page uses, also behind a path
     *     prefix); null for containers
     * @param absoluteUrl the same as an absolute URL built from the request's Host, for clients outside a
     *     browser; null for containers, or when the Host header is missing or not a plain host name
     */
    record PartJson(String path, String contentType, String charset, String disposition, String filename,
            String contentId, int size, boolean attachment, String url, String absoluteUrl, List<PartJson> children) {
        static PartJson of(long messageId, MimePart part, String base) {
            return of(messageId, part, base, "");
        }

        /** @param inboxQuery "?inbox=id" for an isolated inbox's message, else "" */
        static PartJson of(long messageId, MimePart part, String base, String inboxQuery) {
            List<PartJson> children = part.children().stream()
                    .map(child -> of(messageId, child, base, inboxQuery)).toList();
            boolean leaf = !part.isMultipart() && !part.path().isEmpty();
            String url = leaf ? "api/messages/" + messageId + "/parts/" + part.path() + inboxQuery : null;
            return new PartJson(part.path(), part.mimeType(), part.charset().orElse(null),
                    part.disposition().orElse(null), part.filename().orElse(null), part.contentId().orElse(null),
                    part.size(), part.isAttachment(), url, url == null || base == null ? null : base + url, children);
        }
    }

    /**
     * @param base the inbox's absolute URL ending in "/" ({@link Params#absoluteBase}), or null: only relative
     *     part URLs then
     */
    static MessageDetail of(MessageSummary summary, List<Transcript> transcripts, String base) {
        return of(summary, transcripts, base, "");
    }

    /** @param inboxQuery "?inbox=id" when the message is an isolated inbox's: part URLs carry it */
    static MessageDetail of(MessageSummary summary, List<Transcript> transcripts, String base, String inboxQuery) {
        ReceivedMessage message = summary.message;
        List<HeaderField> headers = message.headerFields();
        MimePart tree = message.mimeTree();
        MimePart textPart = null;
        List<PartJson> attachments = new ArrayList<>();
        for (MimePart part : HtmlDocument.leaves(tree)) {
            if (part.isAttachment()) {
                attachments.add(PartJson.of(summary.id, part, base, inboxQuery));
            } else if (textPart == null && part.mimeType().equals("text/plain")) {
                textPart = part;
            }
        }
        MimePart htmlPart = HtmlDocument.htmlPart(tree);
        String html = htmlPart == null ? null : htmlPart.text();
        List<String> headerTo = values(headers, "to");
        List<String> headerCc = values(headers, "cc");
        String text = textPart == null ? "" : textPart.text();
        List<String> links = LinksAndCodes.links(html, text);
        return new MessageDetail(summary.id, summary.from(), summary.to(), summary.subject,
                message.receivedAt().toString(), summary.size, summary.headerFrom(), headerTo, headerCc,
                values(headers, "date").stream().findFirst().orElse(null), EnvelopeJson.of(message.envelope()),
                hidden(summary.to(), headerTo, headerCc), headers, text, html,
                html != null && HtmlDocument.hasRemoteContent(html), links,
                LinksAndCodes.codes(summary.subject, text, html, links), PartJson.of(summary.id, tree, base, inboxQuery),
                attachments,
                sessionOf(message, transcripts),
                AuthenticationJson.of(message.authentication().orElse(null), AuthenticationResults.AUTHSERV_ID));
    }

    private static List<String> values(List<HeaderField> headers, String name) {
        return headers.stream().filter(field -> field.name().equalsIgnoreCase(name)).map(HeaderField::value).toList();
    }

    /** The envelope recipients no To or Cc field names (compared ignoring case): the Bcc recipients. */
    static List<String> hidden(List<String> envelope, List<String> headerTo, List<String> headerCc) {
        Set<String> named = new HashSet<>();
        // Split, not a pattern that finds addresses: that one backtracked over a long run without '@' (a 64 KB
        // header field took seconds per request).
        for (String value : concat(headerTo, headerCc)) {
            for (String run : BETWEEN_ADDRESSES.split(value)) {
                int at = run.indexOf('@', 1);
                if (at > 0 && at < run.length() - 1) {
                    named.add(run.toLowerCase(Locale.ROOT));
                }
            }
        }
        return envelope.stream().filter(address -> !named.contains(address.toLowerCase(Locale.ROOT))).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The latest session from the message's client address (ip and port) that began before it arrived. */
    private static Long sessionOf(ReceivedMessage message, List<Transcript> transcripts) {
        InetSocketAddress client = message.envelope().clientAddress();
        for (int i = transcripts.size() - 1; i >= 0; i--) {
            Transcript transcript = transcripts.get(i);
            if (client != null && client.equals(transcript.client())
                    && !transcript.started().truncatedTo(ChronoUnit.MILLIS).isAfter(message.receivedAt())) {
                return transcript.sessionId();
            }
        }
        return null;
    }
}
