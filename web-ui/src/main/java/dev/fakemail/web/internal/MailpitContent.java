package dev.fakemail.web.internal;

import dev.fakemail.store.MimePart;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Mailpit's routes that serve what a message contains: raw source, parts, the HTML and text views. Captured mail
 * is hostile: each response carries a policy under which nothing runs in the inbox's origin.
 */
final class MailpitContent {
    private final MailpitApi api;

    MailpitContent(MailpitApi api) {
        this.api = api;
    }

    /** {@code GET /api/v1/message/{ID}/raw[?dl=1]}: the stored bytes as text, as Mailpit sends them. */
    void raw(HttpServerExchange exchange) {
        MessageSummary summary = api.resolve(exchange);
        if ("1".equals(Params.query(exchange, "dl"))) {
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, Downloads.attachment(summary.id + ".eml"));
        }
        exchange.getResponseHeaders().put(SecurityHeaders.CSP, SecurityHeaders.INERT_POLICY);
        Responses.bytes(exchange, "text/plain; charset=utf-8", summary.message.bytes());
    }

    /** {@code GET /api/v1/message/{ID}/part/{PartID}}: one part, decoded, with its own content type. */
    void part(HttpServerExchange exchange) {
        MessageSummary summary = api.resolve(exchange);
        String path = Params.path(exchange, "part");
        MimePart part = summary.message.mimeTree().flatten().stream()
                .filter(candidate -> candidate.path().equals(path) && !candidate.isMultipart()).findFirst()
                .orElseThrow(() -> ApiException.notFound(MailpitText.PAGE_NOT_FOUND));
        // Captured content is hostile: served sandboxed and as a download, never as a page of this origin.
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, Downloads.attachment(Downloads.filename(part)));
        exchange.getResponseHeaders().put(SecurityHeaders.CSP, SecurityHeaders.INERT_POLICY);
        // The HTML view is sandboxed (an opaque origin); its embedded images come from here.
        exchange.getResponseHeaders().put(SecurityHeaders.RESOURCE_POLICY, "cross-origin");
        Responses.bytes(exchange, Downloads.contentType(part), part.content());
    }

    /** {@code GET /view/{ID}.html} and {@code /view/{ID}.txt}: the HTML or text body alone. */
    void view(HttpServerExchange exchange) {
        String file = Params.path(exchange, "file");
        boolean html = file.endsWith(".html");
        if (!html && !file.endsWith(".txt")) {
            throw ApiException.notFound(MailpitText.PAGE_NOT_FOUND);
        }
        String id = file.substring(0, file.lastIndexOf('.'));
        MessageSummary summary = api.resolve(exchange, id, "Message not found");
        MimePart tree = summary.message.mimeTree();
        if (html) {
            MimePart part = HtmlDocument.htmlPart(tree);
            if (part == null) {
                throw new ApiException(404, "This message does not contain a HTML part");
            }
            // Mailpit's preview frame runs its own script (?embed=1); here the document runs none at all.
            // Embedded images link to Mailpit's part route, as Mailpit links them.
            String parts = "/api/v1/message/" + summary.id + "/part/";
            exchange.getResponseHeaders().put(SecurityHeaders.CSP, HtmlDocument.policy(
                    exchange.getRequestHeaders().getFirst(Headers.HOST), parts, false));
            exchange.getResponseHeaders().put(SecurityHeaders.FRAME_OPTIONS, "SAMEORIGIN");
            Responses.bytes(exchange, "text/html; charset=utf-8",
                    utf8(HtmlDocument.linkContentIds(part.text(), tree, parts)));
        } else {
            Responses.bytes(exchange, "text/plain; charset=utf-8",
                    utf8(MailpitMessages.message(summary).Text()));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
