package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.MailboxListing;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** LIST, LSUB, STATUS and NAMESPACE. */
final class ListHandlers {
    private ListHandlers() {
    }

    static Reply list(ImapSession session, ImapCommand command, ImapOut out) {
        if (ListExtended.isExtended(command.args)) {
            return ListExtended.list(session, command, out);
        }
        return listing(session, command, out, false);
    }

    static Reply lsub(ImapSession session, ImapCommand command, ImapOut out) {
        return listing(session, command, out, true);
    }

    private static Reply listing(ImapSession session, ImapCommand command, ImapOut out, boolean subscribedOnly) {
        ImapArgs args = command.arguments();
        String reference = MailboxNames.decode(session, args.astring());
        args.space();
        String pattern = MailboxNames.decode(session, args.listMailbox());
        args.end();
        String response = subscribedOnly ? "LSUB" : "LIST";
        if (pattern.isEmpty() && !subscribedOnly) {
            // RFC 3501 §6.3.8: the hierarchy delimiter and the root of the reference name
            int slash = reference.indexOf(MailboxNames.DELIMITER);
            String root = slash < 0 ? "" : reference.substring(0, slash + 1);
            out.ascii("* LIST (\\Noselect) \"/\" ").string(MailboxNames.forClient(session, root)).ascii("\r\n");
            return session.ok(command, out, "LIST completed");
        }
        String wanted = pattern.startsWith("/") || reference.isEmpty() ? pattern
                : reference.endsWith("/") ? reference + pattern : reference + pattern;
        for (MailboxListing mailbox : session.store.list(session.user)) {
            if (subscribedOnly && !mailbox.subscribed()) {
                continue;
            }
            if (!matches(wanted, mailbox.name())) {
                continue;
            }
            out.ascii("* ").ascii(response).ascii(" (");
            List<String> attributes = new ArrayList<>(mailbox.attributes());
            attributes.sort(ListHandlers::attributeOrder); // stable output: \Noselect, children, special use
            if (subscribedOnly) {
                attributes.removeIf(attribute -> !attribute.equals("\\Noselect"));
            }
            out.ascii(String.join(" ", attributes)).ascii(") \"/\" ")
                    .string(MailboxNames.forClient(session, mailbox.name())).ascii("\r\n");
        }
        if (subscribedOnly && wanted.indexOf('%') >= 0) {
            unsubscribedParents(session, wanted, out);
        }
        return session.ok(command, out, response + " completed");
    }

    static int attributeOrder(String a, String b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(String attribute) {
        return attribute.equals("\\Noselect") ? 0 : attribute.startsWith("\\Has") ? 1 : 2;
    }

    /**
     * RFC 3501 §6.3.9: with "%", a name that is not subscribed but has subscribed inferiors the pattern would
     * reach through it is listed as \\Noselect.
     */
    private static void unsubscribedParents(ImapSession session, String wanted, ImapOut out) {
        java.util.Set<String> subscribed = new java.util.HashSet<>();
        for (MailboxListing mailbox : session.store.list(session.user)) {
            if (mailbox.subscribed()) {
                subscribed.add(mailbox.name());
            }
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String name : session.store.subscriptions(session.user)) {
            subscribed.add(name);
        }
        for (String name : subscribed) {
            int slash = name.indexOf(MailboxNames.DELIMITER);
            while (slash > 0) {
                String parent = name.substring(0, slash);
                if (!subscribed.contains(parent) && matches(wanted, parent)) {
                    listed.add(parent);
                }
                slash = name.indexOf(MailboxNames.DELIMITER, slash + 1);
            }
        }
        for (String parent : listed) {
            out.ascii("* LSUB (\\Noselect) \"/\" ").string(MailboxNames.forClient(session, parent)).ascii("\r\n");
        }
    }

    /** RFC 3501 §6.3.8 wildcards: {@code *} matches anything, {@code %} anything but the delimiter. */
    static boolean matches(String pattern, String name) {
        if (name.equals("INBOX") || name.startsWith("INBOX/")) {
            // INBOX is case-insensitive, so is a pattern's INBOX prefix
            String upper = pattern.toUpperCase(Locale.ROOT);
            if (upper.startsWith("INBOX")) {
                pattern = "INBOX" + pattern.substring(5);
            }
        }
        return matchesFrom(pattern, name);
    }

    /**
     * Whether {@code pattern} matches all of {@code name}, in time proportional to their lengths multiplied: row i
     * of the table says which suffixes of the name the pattern's suffix from i matches. (Trying each length for
     * each wildcard in turn took exponential time on a pattern of many wildcards: a fuzzed LIST of 90 stars held
     * its session for good.)
     */
    private static boolean matchesFrom(String pattern, String name) {
        int length = name.length();
        boolean[] after = new boolean[length + 1]; // the pattern's suffix past the current character
        boolean[] here = new boolean[length + 1];
        after[length] = true; // an empty pattern matches only the empty rest of the name
        for (int p = pattern.length() - 1; p >= 0; p--) {
            char c = pattern.charAt(p);
            here[length] = (c == '*' || c == '%') && after[length];
            for (int n = length - 1; n >= 0; n--) {
                char at = name.charAt(n);
                if (c == '*') {
                    here[n] = after[n] || here[n + 1];
                } else if (c == '%') {
                    here[n] = after[n] || (at != MailboxNames.DELIMITER && here[n + 1]);
                } else {
                    here[n] = at == c && after[n + 1];
                }
            }
            boolean[] swap = after;
            after = here;
            here = swap;
        }
        return after[0];
    }

    static Reply status(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String name = MailboxNames.fromWire(session, args.astring());
        args.space();
        List<String> items = args.upperAtomList();
        args.end();
        if (items.isEmpty()) {
            throw new ImapSyntaxException("STATUS needs at least one item");
        }
        Optional<Mailbox> found = session.store.mailbox(session.user, name);
        if (found.isEmpty() || !found.get().selectable()) {
            return session.no(command, out, "[NONEXISTENT] no mailbox " + MailboxNames.encode(name));
        }
        writeStatus(session, out, found.get(), items);
        return session.ok(command, out, "STATUS completed");
    }

    /** One STATUS response (also sent by LIST-STATUS). */
    static void writeStatus(ImapSession session, ImapOut out, Mailbox mailbox, List<String> items) {
        List<StoredMessage> messages = mailbox.messages();
        out.ascii("* STATUS ").string(MailboxNames.forClient(session, mailbox.name())).ascii(" (");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.ch(' ');
            }
            String item = items.get(i);
            out.ascii(item).ch(' ');
            switch (item) {
                case "MESSAGES":
                    out.number(messages.size());
                    break;
                case "RECENT":
                    if (Rev2Rules.active(session)) {
                        throw Rev2Rules.removed("STATUS RECENT", null);
                    }
                    out.number(session.store.unclaimedRecent(mailbox).size());
                    break;
                case "UIDNEXT":
                    out.number(mailbox.uidNext());
                    break;
                case "UIDVALIDITY":
                    out.number(mailbox.uidValidity());
                    break;
                case "UNSEEN":
                    out.number(messages.stream().filter(m -> !m.flags().contains("\\Seen")).count());
                    break;
                case "HIGHESTMODSEQ":
                    out.number(mailbox.highestModSeq());
                    break;
                case "DELETED": // RFC 9208 §4.2 (QUOTA=RES-MESSAGE)
                    out.number(messages.stream().filter(m -> m.flags().contains("\\Deleted")).count());
                    break;
                case "DELETED-STORAGE": // RFC 9208 §4.2 (QUOTA=RES-STORAGE): in units of 1024 octets
                    out.number((messages.stream().filter(m -> m.flags().contains("\\Deleted"))
                            .mapToLong(StoredMessage::size).sum() + 1023) / 1024);
                    break;
                case "SIZE": // STATUS=SIZE (RFC 8438): the octets of all messages
                    out.number(messages.stream().mapToLong(StoredMessage::size).sum());
                    break;
                default:
                    throw new ImapSyntaxException("unknown STATUS item " + item);
            }
        }
        out.ascii(")\r\n");
    }

    static Reply namespace(ImapSession session, ImapCommand command, ImapOut out) {
        command.args.end();
        out.ascii("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
        return session.ok(command, out, "NAMESPACE completed");
    }
}
