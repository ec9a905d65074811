package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.MailboxException;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** APPEND (RFC 3501 §6.3.11) with APPENDUID (UIDPLUS, RFC 4315). */
final class AppendHandler {
    private AppendHandler() {
    }

    static Reply append(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.args;
        args.space();
        String name = MailboxNames.fromWire(args.astring());
        args.space();
        Set<String> flags = new LinkedHashSet<>();
        if (args.peek() == '(') {
            List<String> given = args.flagList();
            for (String flag : given) {
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
        if (args.peek() != '{') {
            throw new ImapSyntaxException("APPEND needs the message as a literal");
        }
        byte[] message = args.stringBytes();
        args.end();
        Optional<Mailbox> found = session.store.mailbox(session.user, name);
        if (found.isEmpty() || !found.get().selectable()) {
            return session.no(command, out, "[TRYCREATE] no mailbox " + MailboxNames.encode(name));
        }
        if (message.length == 0) {
            return session.no(command, out, "an empty message cannot be appended");
        }
        Mailbox mailbox = found.get();
        OffsetDateTime internalDate = date != null ? date : OffsetDateTime.now(session.settings.clock()).withNano(0);
        StoredMessage stored;
        try {
            stored = session.store.append(mailbox, message, flags, internalDate);
        } catch (MailboxException e) {
            return session.no(command, out, MailboxHandlers.responseCode(e) + e.getMessage());
        }
        return session.ok(command, out, "[APPENDUID " + mailbox.uidValidity() + " " + stored.uid()
                + "] APPEND completed");
    }
}
