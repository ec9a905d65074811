package dev.fakemail.web.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The links a message contains: the {@code href}s of its HTML body and the URLs written in its text, in order
 * of appearance, each once. Only http and https links, at most {@link #MAX_LINKS}.
 */
final class MessageLinks {
    static final int MAX_LINKS = 200;
    /** @param source "html" (an href) or "text" (written in the plain text); {@code loopback} see {@link #isLoopback} */
    record Link(String url, String source, boolean loopback) {
    }

    private MessageLinks() {
    }

    /** The links of a message's HTML and text, found as {@link LinksAndCodes#sourcedLinks} finds them. */
    static List<Link> of(String html, String text) {
        return LinksAndCodes.sourcedLinks(html, text);
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
}
