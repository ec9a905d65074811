package dev.fakemail.web.internal;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The readable text of captured HTML, for search and previews: what a reader sees (no head, style, script or
 * comment), entities decoded, blocks apart, inline elements not, whitespace collapsed. Read by jsoup within
 * the bounds of {@link BoundedHtml}. Never used to decide what is safe to show (the sandbox does that).
 */
final class HtmlText {
    /** Text kept per message: what the search looks at (see {@link MessageSummary#MAX_SEARCH_TEXT}). */
    static final int MAX_TEXT_CHARS = MessageSummary.MAX_SEARCH_TEXT;

    private HtmlText() {
    }

    static String of(String html) {
        return of(BoundedHtml.document(html));
    }

    /** The body's text, at most {@link #MAX_TEXT_CHARS} characters. */
    static String of(Document document) {
        TextCollector text = new TextCollector();
        text.traverse(document.body());
        return text.result();
    }

    private static final class TextCollector implements NodeFilter {
        private final StringBuilder text = new StringBuilder();
        private boolean pendingSpace;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                append(textNode.getWholeText());
            } else if (node instanceof Element element && element.isBlock() || isBreak(node)) {
                pendingSpace = true;
            }
            return text.length() >= MAX_TEXT_CHARS ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element && element.isBlock()) {
                pendingSpace = true;
            }
            return FilterResult.CONTINUE;
        }

        private static boolean isBreak(Node node) {
            return node instanceof Element element && element.nameIs("br");
        }

        private void append(String raw) {
            for (int i = 0; i < raw.length() && text.length() < MAX_TEXT_CHARS; i++) {
                char c = raw.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && !text.isEmpty()) {
                        text.append(' ');
                    }
                    pendingSpace = false;
                    text.append(c);
                }
            }
        }

        String result() {
            return text.toString();
        }
    }
}
