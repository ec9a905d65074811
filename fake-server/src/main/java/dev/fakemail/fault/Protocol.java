package dev.fakemail.fault;

import java.util.Locale;

/**
 * The protocol family a fault rule applies to; SMTPS counts as SMTP, POP3S as POP3. DNS is the fake zone's
 * responder: its trigger is a query ({@code dns query MX shop.test}).
 */
public enum Protocol {
    SMTP, POP3, IMAP, DNS;

    /** The family of a listener name: "smtps" gives SMTP. */
    public static Protocol ofListener(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Protocol protocol : values()) {
            if (lower.startsWith(protocol.wireName())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("no protocol family for listener " + name);
    }

    /** Lower case, as in the text and JSON forms. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
