package dev.fakemail.web.internal;

import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Routes that serve what a message contains: its raw source, its parts, its HTML body for the preview frame.
 * All of it is hostile, so each response carries its own policy: nothing served here runs script in the
 * inbox's origin, whatever a browser makes of it.
 */
final class MailContent {
    private final MessagesApi messages;

    MailContent(MessagesApi messages) {
        this.messages = messages;
    }

    /** {@code GET /api/messages/{id}/raw[?download]}: the stored bytes as {@code message/rfc822}. */
    void raw(HttpServerExchange exchange) {
        ReceivedMessage message = messages.summary(exchange).message;
        String name = "message-" + message.id() + ".eml";
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, Params.flag(exchange, "download")
                ? Downloads.attachment(name) : "inline; filename=\"" + name + "\"");
        exchange.getResponseHeaders().put(SecurityHeaders.CSP, SecurityHeaders.INERT_POLICY);
        Responses.bytes(exchange, "message/rfc822", message.bytes());
    }

    /**
     * {@code GET /api/messages/{id}/parts/{path}[?inline=1]}: one part, transfer-decoded, as a download; a PDF
     * with {@code inline} is shown in place (the page's preview).
     */
    void part(HttpServerExchange exchange) {
        MessageSummary summary = messages.summary(exchange);
        String path = Params.path(exchange, "path");
        if (!path.matches("[0-9]{1,4}(\\.[0-9]{1,4}){0,20}")) {
            throw ApiException.badRequest("part must be a section number such as 1 or 1.2, got '"
                    + Params.shown(path) + "'");
        }
        MimePart part = summary.message.mimeTree().flatten().stream()
                .filter(candidate -> candidate.path().equals(path)).findFirst()
                .orElseThrow(() -> ApiException.notFound("message " + summary.id + " has no part " + path));
        if (part.isMultipart()) {
            throw ApiException.notFound("part " + path + " of message " + summary.id + " is a " + part.mimeType()
                    + " container: download one of its parts");
        }
        String contentType = Downloads.contentType(part);
        // ?inline=1 is for the page's PDF preview frame, and for PDFs only: every other type stays a download.
        // The document is still sandboxed by its policy (no script in the inbox's origin, whatever the browser
        // does with it); the PDF viewer draws it, and only the inbox itself may frame it.
        boolean inlinePdf = Params.flag(exchange, "inline") && contentType.equals("application/pdf");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, inlinePdf
                ? "inline; filename=\"" + Downloads.filename(part).replaceAll("[^A-Za-z0-9._ -]", "_") + "\""
                : Downloads.attachment(Downloads.filename(part)));
        exchange.getResponseHeaders().put(SecurityHeaders.CSP, SecurityHeaders.INERT_POLICY);
        if (inlinePdf) {
            exchange.getResponseHeaders().put(SecurityHeaders.FRAME_OPTIONS, "SAMEORIGIN");
        }
        // The preview frame has an opaque origin; its cid: images come from here, so they must be embeddable.
        exchange.getResponseHeaders().put(SecurityHeaders.RESOURCE_POLICY, "cross-origin");
        Responses.bytes(exchange, contentType, part.content());
    }

    /** {@code GET /api/messages/{id}/html[?remote]}: the HTML body as a document for the sandboxed preview frame. */
    void html(HttpServerExchange exchange) {
        MessageSummary summary = messages.summary(exchange);
        boolean remote = Params.flag(exchange, "remote");
        MimePart tree = summary.message.mimeTree();
        MimePart html = HtmlDocument.htmlPart(tree);
        if (html == null) {
            throw ApiException.notFound("message " + summary.id + " has no HTML body");
        }
        exchange.getResponseHeaders().put(SecurityHeaders.CSP, HtmlDocument.policy(
                exchange.getRequestHeaders().getFirst(Headers.HOST), summary.id, remote));
        exchange.getResponseHeaders().put(SecurityHeaders.FRAME_OPTIONS, "SAMEORIGIN"); // the inbox frames it
        Responses.bytes(exchange, "text/html; charset=utf-8",
                HtmlDocument.render(html.text(), tree).getBytes(StandardCharsets.UTF_8));
    }
}
