package dev.fakemail.web.internal;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Whether a parsed mail loads something from elsewhere when shown: an image, a style sheet, a font. This only
 * decides whether the inbox offers "Show remote content"; the frame's policy blocks such loads either way.
 * Links do not count (they load nothing until clicked), nor does anything in comments or text.
 */
final class RemoteContent {
    /** Attributes holding one URL that the browser fetches to render (on any element). */
    private static final Set<String> SOURCES = Set.of("src", "background", "poster");
    /** Elements whose {@code href} is fetched to render: style sheets and SVG images. */
    private static final Set<String> FETCHED_HREF = Set.of("link", "image", "use", "feimage");

    private RemoteContent() {
    }

    /** @param tags the mail's tags as written ({@link BoundedHtml#tags}) */
    static boolean in(Document tags) {
        return tags.stream().anyMatch(RemoteContent::loadsRemotely);
    }

    private static boolean loadsRemotely(Element element) {
        String elementName = element.tagName().toLowerCase(Locale.ROOT);
        for (Attribute attribute : element.attributes()) {
            String name = attribute.getKey().toLowerCase(Locale.ROOT);
            String value = attribute.getValue();
            boolean remote = switch (name) {
                case "srcset" -> anyCandidateRemote(value);
                case "style" -> cssLoadsRemotely(value);
                case "href", "xlink:href" -> FETCHED_HREF.contains(elementName) && isRemote(value, 0);
                default -> SOURCES.contains(name) && isRemote(value, 0);
            };
            if (remote) {
                return true;
            }
        }
        return elementName.equals("style") && styleSheetLoadsRemotely(element);
    }

    /** The style element's own text (in a tags-as-written parse it may hold stray tags: those are not CSS). */
    private static boolean styleSheetLoadsRemotely(Element style) {
        for (Node child : style.childNodes()) {
            String css = child instanceof TextNode text ? text.getWholeText()
                    : child instanceof DataNode data ? data.getWholeData() : "";
            if (cssLoadsRemotely(css)) {
                return true;
            }
        }
        return false;
    }

    /** {@code srcset} is a comma-separated list of "URL [descriptor]". */
    private static boolean anyCandidateRemote(String srcset) {
        int start = 0;
        while (start <= srcset.length()) {
            if (isRemote(srcset, start)) {
                return true;
            }
            int comma = srcset.indexOf(',', start);
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    /** Every {@code url(...)} and any {@code @import}; one pass over the text. */
    private static boolean cssLoadsRemotely(String css) {
        String lower = css.toLowerCase(Locale.ROOT);
        if (lower.contains("@import")) {
            return true;
        }
        for (int at = lower.indexOf("url("); at >= 0; at = lower.indexOf("url(", at + 4)) {
            int start = skipSpace(lower, at + 4);
            if (start < lower.length() && (lower.charAt(start) == '"' || lower.charAt(start) == '\'')) {
                start = skipSpace(lower, start + 1);
            }
            if (isRemote(lower, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the URL starting at {@code start} (after spaces) leaves this origin: http, https or
     * scheme-relative. Browsers read a backslash as a slash and drop tabs and line breaks in URLs; so does this.
     */
    private static boolean isRemote(String text, int start) {
        StringBuilder head = new StringBuilder(8);
        for (int i = skipSpace(text, start); i < text.length() && head.length() < 8; i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                head.append(c == '\\' ? '/' : Character.toLowerCase(c));
            }
        }
        String prefix = head.toString();
        return prefix.startsWith("//") || prefix.startsWith("http://") || prefix.startsWith("https://");
    }

    private static int skipSpace(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}
