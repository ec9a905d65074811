package dev.fakemail.web.internal;

import java.util.regex.Pattern;

/**
 * The readable text of an HTML body, for search and previews only: tags dropped, style and script content
 * dropped, the common entities decoded. Never used to decide what is safe to show (the sandbox does that).
 */
final class HtmlText {
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(style|script|head|title)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private HtmlText() {
    }

    static String of(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = COMMENT.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return SPACE.matcher(text).replaceAll(" ").trim();
    }
}
