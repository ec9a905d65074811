package dev.fakemail.web.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links a message contains: the {@code href}s of its HTML body and the URLs written in its text, in order
 * of appearance, each once. Only http and https links, at most {@link #MAX_LINKS}.
 */
final class MessageLinks {
    static final int MAX_LINKS = 200;
    private static final Pattern HREF = Pattern.compile(
            "(?i)\\shref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))");
    private static final Pattern TEXT_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"']+");

    /** @param source "html" (an href) or "text" (written in the plain text); {@code loopback} see {@link #isLoopback} */
    record Link(String url, String source, boolean loopback) {
    }

    private MessageLinks() {
    }

    static List<Link> of(String html, String text) {
        Map<String, Link> links = new LinkedHashMap<>();
        if (html != null) {
            Matcher href = HREF.matcher(html);
            while (href.find() && links.size() < MAX_LINKS) {
                String value = href.group(1) != null ? href.group(1) : href.group(2) != null ? href.group(2) : href.group(3);
                add(links, decodeEntities(value.strip()), "html");
            }
        }
        if (text != null) {
            Matcher url = TEXT_URL.matcher(text);
            while (url.find() && links.size() < MAX_LINKS) {
                add(links, trimTrailingPunctuation(url.group()), "text");
            }
        }
        return new ArrayList<>(links.values());
    }

    private static void add(Map<String, Link> links, String url, String source) {
        String lower = url.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("http://") || lower.startsWith("https://")) && !links.containsKey(url)) {
            links.put(url, new Link(url, source, isLoopback(url)));
        }
    }

    /**
     * Whether the link's host is written as this machine: {@code localhost}, an IPv4 address in 127.0.0.0/8 in
     * dotted form, or {@code [::1]}. Names are never resolved to decide: a name (or another spelling of an
     * address) that resolves to loopback today may not tomorrow, and a check must not reach anywhere else.
     */
    static boolean isLoopback(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]") || isLoopbackIpv4(host);
    }

    private static boolean isLoopbackIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }

    /** "see https://x.test/a." in prose: the final period ends the sentence, not the URL. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)]}".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static String decodeEntities(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#38;", "&").replace("&amp;", "&");
    }
}
