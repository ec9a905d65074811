package dev.fakemail.internal.imap.mime;

import java.util.List;

/**
 * What SORT compares of an address field: the addr-mailbox of its first address (RFC 5256 FROM, TO, CC) and its
 * display value (RFC 5957 DISPLAYFROM, DISPLAYTO). Both come from the same parse as the ENVELOPE, so a group's
 * first "address" is the group itself: its name is the mailbox and the display value, as in Dovecot.
 */
public final class SortAddress {
    private SortAddress() {
    }

    /** The addr-mailbox of the first address in a raw field value (Latin-1 view), "" when there is none. */
    public static String mailbox(String rawValue) {
        ImapAddress first = first(rawValue);
        if (first == null || first.mailbox() == null) {
            return "";
        }
        return SearchText.decodeHeaderValue(first.mailbox());
    }

    /**
     * RFC 5957 §3: the decoded display name of the first address when it has a non-empty one, else its
     * addr-spec (mailbox@host, or the mailbox alone when the host is missing); a group's name for a group.
     */
    public static String display(String rawValue) {
        ImapAddress first = first(rawValue);
        if (first == null) {
            return "";
        }
        if (first.isGroupStart()) {
            return SearchText.decodeHeaderValue(first.mailbox());
        }
        String name = first.name() == null ? "" : SearchText.decodeHeaderValue(first.name()).trim();
        if (!name.isEmpty()) {
            return name;
        }
        String mailbox = first.mailbox() == null ? "" : first.mailbox();
        String host = first.host();
        return host == null || host.equals(AddressParser.MISSING_DOMAIN) ? mailbox : mailbox + "@" + host;
    }

    private static ImapAddress first(String rawValue) {
        if (rawValue == null) {
            return null;
        }
        List<ImapAddress> addresses = AddressParser.parse(rawValue);
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
