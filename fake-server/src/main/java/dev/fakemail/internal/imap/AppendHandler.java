package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.BinaryStorage;
import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.MailboxException;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * APPEND (RFC 3501 §6.3.11) with APPENDUID (UIDPLUS, RFC 4315), several messages (MULTIAPPEND, RFC 3502),
 * literal8 (BINARY, RFC 3516), UTF8 (RFC 6855) and CATENATE (RFC 4469).
 */
final class AppendHandler {
    private AppendHandler() {
    }

    /** One message of an APPEND: its flags, internal date (null: now) and bytes, or the parts to put together. */
    private record Message(Set<String> flags, OffsetDateTime date, byte[] content, Catenate parts) {
        Message(Set<String> flags, OffsetDateTime date, byte[] content) {
            this(flags, date, content, null);
        }

        Message resolved(ImapSession session) {
            return parts == null ? this : new Message(flags, date, parts.resolve(session));
        }
    }

    static Reply append(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String name = MailboxNames.fromWire(session, args.astring());
        List<Message> messages = new java.util.ArrayList<>();
        do {
            args.space();
            messages.add(message(session, args));
        } while (args.peek() == ' '); // MULTIAPPEND (RFC 3502): more messages follow
        args.end();
        Optional<Mailbox> found = session.store.mailbox(session.user, name);
        if (found.isEmpty() || !found.get().selectable()) {
            return session.no(command, out, "[TRYCREATE] no mailbox " + MailboxNames.encode(name));
        }
        try {
            messages.replaceAll(message -> message.resolved(session));
        } catch (Catenate.BadUrl e) {
            return session.no(command, out, "[BADURL " + e.url + "] " + e.getMessage());
        }
        if (messages.stream().anyMatch(m -> m.content().length > session.settings.maxLiteral())) {
            return session.no(command, out, "[TOOBIG] the message put together is over the limit of "
                    + session.settings.maxLiteral() + " octets");
        }
        if (messages.stream().anyMatch(m -> m.content().length == 0)) {
            return session.no(command, out, "an empty message cannot be appended");
        }
        Mailbox mailbox = found.get();
        Reply overQuota = QuotaHandlers.refuseOverQuota(session, command, out,
                messages.stream().mapToLong(m -> m.content().length).sum(), messages.size());
        if (overQuota != null) {
            return overQuota;
        }
        long[] uids = new long[messages.size()];
        try {
            for (int i = 0; i < uids.length; i++) {
                Message message = messages.get(i);
                OffsetDateTime internalDate = message.date() != null ? message.date()
                        : OffsetDateTime.now(session.settings.clock()).withNano(0);
                StoredMessage stored = session.store.append(mailbox, message.content(), message.flags(), internalDate);
                uids[i] = stored.uid();
            }
        } catch (MailboxException e) {
            return session.no(command, out, MailboxHandlers.responseCode(e) + e.getMessage());
        }
        return session.ok(command, out, "[APPENDUID " + mailbox.uidValidity() + " " + SequenceSet.compact(uids)
                + "] APPEND completed");
    }

    /** RFC 6855 §4: {@code UTF8 (~{n}...)}, a message whose header may hold UTF-8; after ENABLE UTF8=ACCEPT only. */
    private static byte[] utf8Data(ImapSession session, ImapArgs args) {
        if (!session.utf8Accept) {
            throw new ImapSyntaxException("APPEND ... UTF8 needs ENABLE UTF8=ACCEPT first (RFC 6855)");
        }
        args.space();
        args.expect('(');
        args.accept('~');
        if (args.peek() != '{') {
            throw new ImapSyntaxException("UTF8 ( ) holds the message as a literal8");
        }
        byte[] content = args.stringBytes();
        args.expect(')');
        return content;
    }

    private static Message message(ImapSession session, ImapArgs args) {
        Set<String> flags = new LinkedHashSet<>();
        if (args.peek() == '(') {
            for (String flag : args.flagList()) {
                if (flag.equalsIgnoreCase("\\Recent")) {
                    throw new ImapSyntaxException("\\Recent cannot be set by a client");
                }
                flags.add(StoreHandler.canonicalFlag(flag));
            }
            args.space();
        }
        OffsetDateTime date = null;
        if (args.peek() == '"') {
            date = ImapDates.parseDateTime(new String(args.stringBytes(), StandardCharsets.US_ASCII));
            args.space();
        }
        if (Character.isLetter(args.peek())) {
            String word = args.atom().toUpperCase(Locale.ROOT);
            if (word.equals("CATENATE")) {
                args.space();
                return new Message(flags, date, null, Catenate.parse(args));
            }
            if (!word.equals("UTF8")) {
                throw new ImapSyntaxException("APPEND needs the message as a literal, UTF8 (...) or CATENATE (...)");
            }
            return new Message(flags, date, utf8Data(session, args));
        }
        boolean literal8 = args.accept('~'); // BINARY (RFC 3516 §4.4)
        if (args.peek() != '{') {
            throw new ImapSyntaxException("APPEND needs the message as a literal");
        }
        byte[] content = args.stringBytes();
        return new Message(flags, date, literal8 ? BinaryStorage.storable(content) : content);
    }
}
