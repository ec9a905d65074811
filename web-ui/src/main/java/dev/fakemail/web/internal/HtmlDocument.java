package dev.fakemail.web.internal;

import dev.fakemail.store.MimePart;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;

/**
 * The HTML body of a message as the inbox shows it: in an iframe sandboxed without scripts and without its
 * origin, under a policy that allows inline styles, data: images and this message's own parts, and nothing
 * else: no script, no frame, no form target, no remote fetch (remote images, fonts and style sheets only
 * when the user asks). The markup is not rewritten beyond two things: {@code cid:} references point at the
 * parts they name, and links open in a new tab instead of inside the frame. What the markup means (where its
 * head is, what it loads) comes from jsoup, never from a pattern over the text (see {@link BoundedHtml}).
 */
final class HtmlDocument {
    /**
     * A {@code cid:} reference anywhere (attribute, inline style, style sheet). One pass, no backtracking: the
     * run after {@code cid:} is taken whole and never given back, so hostile text costs linear time.
     */
    private static final Pattern CID = Pattern.compile("(?i)\\bcid:([^\"'\\s)>]++)");
    private static final Pattern SAFE_HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    private static final String BASE = "<base target=\"_blank\">";
    /** The iframe's own sandbox, repeated in the policy so the document is sandboxed even opened directly. */
    static final String SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

    private HtmlDocument() {
    }

    /** The first HTML body (not an attachment) of the tree, or null. */
    static MimePart htmlPart(MimePart tree) {
        for (MimePart part : leaves(tree)) {
            if (part.mimeType().equals("text/html") && !part.isAttachment()) {
                return part;
            }
        }
        return null;
    }

    /**
     * The parts that hold content, in message order. (The root of a single-part message is not one of them:
     * it describes the message, and its body is part "1".)
     */
    static List<MimePart> leaves(MimePart tree) {
        return tree.flatten().stream().filter(part -> part.children().isEmpty() && !part.isMultipart()).toList();
    }

    /**
     * Whether the HTML loads anything from elsewhere (images, fonts, style sheets), as far as its first
     * {@link BoundedHtml#MAX_PARSED_CHARS} tell.
     */
    static boolean hasRemoteContent(String html) {
        return RemoteContent.in(BoundedHtml.tags(html));
    }

    /** The document to serve: cid: references rewritten to part URLs, a base target for links. */
    static String render(String html, MimePart tree) {
        return withBase(linkContentIds(html, tree, "parts/"));
    }

    /** The HTML with each {@code cid:} reference to a part of the tree replaced by {@code partsUrl} + its path. */
    static String linkContentIds(String html, MimePart tree, String partsUrl) {
        Map<String, String> pathsByContentId = new HashMap<>();
        for (MimePart part : tree.flatten()) {
            part.contentId().ifPresent(id -> pathsByContentId.putIfAbsent(id.toLowerCase(Locale.ROOT), part.path()));
        }
        Matcher cid = CID.matcher(html);
        StringBuilder rewritten = new StringBuilder(html.length() + 64);
        while (cid.find()) {
            String path = pathsByContentId.get(decode(cid.group(1)).toLowerCase(Locale.ROOT));
            cid.appendReplacement(rewritten, Matcher.quoteReplacement(path == null ? cid.group() : partsUrl + path));
        }
        cid.appendTail(rewritten);
        return rewritten.toString();
    }

    /**
     * The Content-Security-Policy of the document.
     *
     * @param host the request's Host header, to name this message's parts as the one allowed image source
     * @param remote whether the user asked for remote images, fonts and style sheets
     */
    static String policy(String host, long messageId, boolean remote) {
        return policy(host, "/api/messages/" + messageId + "/parts/", remote);
    }

    /** @param partsPath the path under which this message's parts are served (the only images allowed) */
    static String policy(String host, String partsPath, boolean remote) {
        String parts = host != null && SAFE_HOST.matcher(host).matches()
                ? "http://" + host + partsPath
                : "'self'";
        String elsewhere = remote ? " http: https:" : "";
        return "default-src 'none'; style-src 'unsafe-inline'" + elsewhere + "; img-src data: " + parts + elsewhere
                + "; font-src data:" + elsewhere + "; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; "
                + "sandbox " + SANDBOX;
    }

    /** The base goes right after the head's start tag, else after the doctype, else first. */
    private static String withBase(String html) {
        Document document = BoundedHtml.document(html);
        int at = endOf(document.head());
        if (at < 0) {
            DocumentType doctype = document.documentType();
            at = doctype == null ? 0 : Math.max(0, endOf(doctype));
        }
        return html.substring(0, at) + BASE + html.substring(at);
    }

    /** Where the node's start tag ends in the source, or -1 if the parser made it up (an implied head). */
    private static int endOf(Node node) {
        Range range = node == null ? null : node.sourceRange();
        return range == null || !range.isTracked() || range.isImplicit() ? -1 : range.endPos();
    }

    private static String decode(String reference) {
        try {
            return URLDecoder.decode(reference.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return reference;
        }
    }
}
