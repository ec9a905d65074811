package dev.fakemail.web.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What a test usually wants from a sign-up or password-reset mail: its links and its one-time codes, so it can
 * follow the link or type the code without parsing the mail itself.
 *
 * <p>Links: the {@code href} of every {@code <a>} and {@code <area>} in the HTML body, then every
 * {@code http(s)://} URL in the text body, in that order, each once; only http and https (no mailto:, no
 * anchors). The HTML is read with a small pattern, not a parser: enough for the markup mail senders write.
 *
 * <p>Codes: in the subject and the body text (of the text part and of the HTML), numbers of 4 to 8 digits that
 * stand alone: not inside a word or a URL, not part of a date, time, decimal or version ({@code 2024-05-01},
 * {@code 12:30}, {@code 1.2345}), not after {@code #} ({@code Order #12345}); 4-digit numbers from 1900 to 2099 are
 * taken for years and left out. Then the values of {@code token=} and {@code code=} parameters in the links.
 * Each once, in that order. Header fields other than the subject are never searched, so their dates do not count.
 */
final class LinksAndCodes {
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'\\u00A0]+");
    /** Trailing characters that end a sentence rather than a URL. */
    private static final String URL_TAIL = ".,;:!?)]}'\"";
    private static final Pattern CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_\\-/.:,+#@])(\\p{Digit}{4,8})(?![\\p{L}\\p{N}_\\-/:@]|[.,]\\p{Digit})");
    private static final Pattern CODE_PARAMETER = Pattern.compile("(?i)(?:^|[?&;])(?:token|code)=([^&;#]+)");

    private LinksAndCodes() {
    }

    /** The links of a message, HTML first; {@code html} may be null. */
    static List<String> links(String html, String text) {
        return sourcedLinks(html, text).stream().map(MessageLinks.Link::url).toList();
    }

    /**
     * The links with where each was found: the hrefs of a and area tags as a browser sees them (jsoup decodes
     * their entities and BoundedHtml bounds the work, so hostile markup costs one pass), then the http(s) URLs
     * written in the text; each once, at most {@link MessageLinks#MAX_LINKS}.
     */
    static List<MessageLinks.Link> sourcedLinks(String html, String text) {
        Map<String, MessageLinks.Link> links = new LinkedHashMap<>();
        if (html != null) {
            for (Element anchor : BoundedHtml.document(html).select("a[href], area[href]")) {
                String link = anchor.attr("href").trim();
                if (isWeb(link) && links.size() < MessageLinks.MAX_LINKS) {
                    links.putIfAbsent(link, new MessageLinks.Link(link, "html", MessageLinks.isLoopback(link)));
                }
            }
        }
        if (text != null) {
            Matcher url = URL.matcher(text);
            while (url.find() && links.size() < MessageLinks.MAX_LINKS) {
                String link = withoutTail(url.group());
                links.putIfAbsent(link, new MessageLinks.Link(link, "text", MessageLinks.isLoopback(link)));
            }
        }
        return List.copyOf(links.values());
    }

    /** The one-time codes: standalone numbers in the subject and texts, then token/code values of the links. */
    static List<String> codes(String subject, String text, String html, List<String> links) {
        Set<String> codes = new LinkedHashSet<>();
        for (String source : html == null ? List.of(subject, text) : List.of(subject, text, HtmlText.of(html))) {
            Matcher code = CODE.matcher(URL.matcher(source).replaceAll(" "));
            while (code.find()) {
                if (!isYear(code.group(1))) {
                    codes.add(code.group(1));
                }
            }
        }
        for (String link : links) {
            String query = query(link);
            Matcher parameter = CODE_PARAMETER.matcher(query);
            while (parameter.find()) {
                String value = decode(parameter.group(1)).trim();
                if (!value.isEmpty()) {
                    codes.add(value);
                }
            }
        }
        return new ArrayList<>(codes);
    }

    /** The URL without the sentence's punctuation after it (a loop: a regex anchored at $ would backtrack). */
    private static String withoutTail(String url) {
        int end = url.length();
        while (end > 0 && URL_TAIL.indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean isYear(String digits) {
        if (digits.length() != 4) {
            return false;
        }
        int number = Integer.parseInt(digits);
        return number >= 1900 && number <= 2099;
    }

    private static boolean isWeb(String link) {
        String lower = link.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The raw query of a link (and its fragment's, where single-page apps put tokens), or "". */
    private static String query(String link) {
        try {
            URI uri = new URI(link);
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String fragment = uri.getRawFragment();
            int question = fragment == null ? -1 : fragment.indexOf('?');
            return question < 0 ? query : query + "&" + fragment.substring(question + 1);
        } catch (URISyntaxException malformed) {
            int question = link.indexOf('?');
            return question < 0 ? "" : link.substring(question + 1);
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
