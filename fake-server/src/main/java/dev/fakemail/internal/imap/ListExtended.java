package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.MailboxListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * LIST-EXTENDED (RFC 5258): selection options (SUBSCRIBED, REMOTE, RECURSIVEMATCH), several patterns, and
 * return options (SUBSCRIBED, CHILDREN, SPECIAL-USE of RFC 6154, STATUS of RFC 5819, which adds a STATUS
 * response after each selectable mailbox listed).
 */
final class ListExtended {
    private ListExtended() {
    }

    /** Whether the LIST arguments use the extended syntax (so the basic path does not apply). */
    static boolean isExtended(ImapArgs probe) {
        String rest = probe.rest().stripLeading();
        if (rest.startsWith("(")) {
            return true;
        }
        ImapArgs args = new ImapArgs(probe.rest().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
        args.skipSpace();
        args.astring();
        if (!args.skipSpace()) {
            return false;
        }
        if (args.peek() == '(') {
            return true;
        }
        args.listMailbox();
        return args.skipSpace();
    }

    static Reply list(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        Set<String> selection = new LinkedHashSet<>();
        if (args.peek() == '(') {
            selection.addAll(args.upperAtomList());
            args.space();
        }
        String reference = MailboxNames.decode(session, args.astring());
        args.space();
        List<String> patterns = args.oneOrList(() -> MailboxNames.decode(session, args.listMailbox()));
        Set<String> returns = new LinkedHashSet<>();
        List<String> statusItems = new ArrayList<>();
        if (args.skipSpace()) {
            if (!args.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapSyntaxException("expected RETURN after the patterns");
            }
            args.space();
            args.expect('(');
            while (!args.accept(')')) {
                if (!returns.isEmpty()) {
                    args.space();
                }
                String option = args.atom().toUpperCase(Locale.ROOT);
                returns.add(option);
                if (option.equals("STATUS")) {
                    args.space();
                    statusItems.addAll(args.upperAtomList());
                }
            }
        }
        args.end();
        for (String option : selection) {
            if (!Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH").contains(option)) {
                throw new ImapSyntaxException("unknown LIST selection option " + option);
            }
        }
        if (selection.contains("RECURSIVEMATCH") && !selection.contains("SUBSCRIBED")) {
            throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option (SUBSCRIBED)");
        }
        for (String option : returns) {
            if (!Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS").contains(option)) {
                throw new ImapSyntaxException("unknown LIST return option " + option);
            }
        }
        boolean subscribedOnly = selection.contains("SUBSCRIBED");
        boolean withSubscribed = subscribedOnly || returns.contains("SUBSCRIBED");
        Map<String, MailboxListing> existing = new LinkedHashMap<>();
        for (MailboxListing mailbox : session.store.list(session.user)) {
            existing.put(mailbox.name(), mailbox);
        }
        Set<String> subscriptions = new LinkedHashSet<>(session.store.subscriptions(session.user));
        Set<String> names = new LinkedHashSet<>(existing.keySet());
        if (subscribedOnly) {
            names.addAll(subscriptions); // subscribed but gone: \NonExistent
        }
        for (String name : names) {
            boolean matched = patterns.stream().anyMatch(p -> ListHandlers.matches(combine(reference, p), name));
            boolean subscribed = subscriptions.contains(name);
            // RFC 5258 §3.5: CHILDINFO names a subscribed descendant the patterns do not return themselves
            boolean childSubscribed = subscribedOnly && selection.contains("RECURSIVEMATCH") && !subscribed
                    && subscriptions.stream().anyMatch(s -> s.startsWith(name + MailboxNames.DELIMITER)
                            && patterns.stream().noneMatch(p -> ListHandlers.matches(combine(reference, p), s)));
            if (!matched || (subscribedOnly && !subscribed && !childSubscribed)) {
                continue;
            }
            MailboxListing mailbox = existing.get(name);
            List<String> attributes = new ArrayList<>();
            if (mailbox == null) {
                attributes.add("\\NonExistent");
            } else {
                attributes.addAll(mailbox.attributes());
                attributes.removeIf(a -> a.equals("\\Subscribed"));
            }
            if (withSubscribed && subscribed) {
                attributes.add("\\Subscribed");
            }
            attributes.sort(ListHandlers::attributeOrder);
            out.ascii("* LIST (").ascii(String.join(" ", attributes)).ascii(") \"/\" ")
                    .string(MailboxNames.forClient(session, name));
            if (childSubscribed) {
                out.ascii(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            }
            out.ascii("\r\n");
            if (returns.contains("STATUS") && mailbox != null && !attributes.contains("\\Noselect")) {
                ListHandlers.writeStatus(session, out, session.store.mailbox(session.user, name).orElseThrow(),
                        statusItems);
            }
        }
        return session.ok(command, out, "LIST completed");
    }

    private static String combine(String reference, String pattern) {
        return pattern.startsWith("/") || reference.isEmpty() ? pattern : reference + pattern;
    }
}
