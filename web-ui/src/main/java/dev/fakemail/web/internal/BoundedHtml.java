package dev.fakemail.web.internal;

import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Captured HTML as jsoup reads it, with the work per message bounded. Mail is hostile input: markup built to
 * make a scanner backtrack (a megabyte of unclosed {@code <a}) took the regular expressions this replaced
 * minutes. jsoup reads in one pass, but not every pass is cheap, so three caps keep it small: how much HTML it
 * is given, how long a tag name may be (jsoup slows down sharply on a name of hundreds of kilobytes), and how
 * deep elements nest.
 */
final class BoundedHtml {
    /** HTML read per message: a mail body bigger than this is rare, and its tail adds nothing to search for. */
    static final int MAX_PARSED_CHARS = 512 * 1024;
    /** Real tag names are a few letters; a longer one is cut here by a space (a parse error either way). */
    static final int MAX_TAG_NAME = 256;
    /** Open elements kept nested; deeper ones become siblings. Real mail nests a few dozen tables deep. */
    static final int MAX_DEPTH = 256;

    private BoundedHtml() {
    }

    /** The document a browser would build (of the first {@link #MAX_PARSED_CHARS}), source positions kept. */
    static Document document(String html) {
        return Parser.htmlParser().setTrackPosition(true).setMaxDepth(MAX_DEPTH).parseInput(bounded(html), "");
    }

    /**
     * Every tag as written, even where a browser's tree building would drop or move it (a {@code <td>} outside
     * a table), read by jsoup's XML parser with the HTML tokenizer's leniency.
     */
    static Document tags(String html) {
        return Parser.xmlParser().setMaxDepth(MAX_DEPTH).parseInput(bounded(html), "");
    }

    /**
     * The first {@link #MAX_PARSED_CHARS} of the HTML, tag names cut to {@link #MAX_TAG_NAME}. The length stays
     * the same (a space replaces a character), so source positions found in it hold in the original.
     */
    static String bounded(String html) {
        String head = html.length() > MAX_PARSED_CHARS ? html.substring(0, MAX_PARSED_CHARS) : html;
        char[] chars = null;
        int nameLength = -1; // -1: not in a tag name; a '<' inside one is part of it, as the tokenizer reads it
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (nameLength < 0) {
                nameLength = c == '<' ? 0 : -1;
            } else if (c == '>' || c == '/' && nameLength > 0 || Character.isWhitespace(c)) {
                nameLength = -1;
            } else if (++nameLength > MAX_TAG_NAME) {
                if (chars == null) {
                    chars = head.toCharArray();
                }
                chars[i] = ' ';
                nameLength = -1;
            }
        }
        return chars == null ? head : new String(chars);
    }
}
