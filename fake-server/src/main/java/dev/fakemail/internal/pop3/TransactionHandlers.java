package dev.fakemail.internal.pop3;

import dev.fakemail.internal.session.Reply;
import dev.fakemail.store.StoredMessage;
import java.util.List;
import java.nio.charset.StandardCharsets;

/** The TRANSACTION state (RFC 1939 §5, §7) and the UPDATE state inside QUIT (§6). */
final class TransactionHandlers {
    private TransactionHandlers() {
    }

    static Reply stat(Pop3Session session, String argument) {
        Maildrop maildrop = session.maildrop;
        return Pop3Session.ok(maildrop.visibleCount() + " " + maildrop.visibleSize());
    }

    static Reply list(Pop3Session session, String argument) {
        return listing(session, argument, (maildrop, number) -> String.valueOf(maildrop.size(number)));
    }

    static Reply uidl(Pop3Session session, String argument) {
        return listing(session, argument, Maildrop::uniqueId);
    }

    static Reply retr(Pop3Session session, String argument) {
        Target target = existing(session, argument);
        return target.error() != null ? target.error() : content(session, target.number(), -1);
    }

    static Reply top(Pop3Session session, String argument) {
        String[] words = argument.trim().split(" +");
        if (words.length != 2 || !isNumber(words[1])) {
            return Pop3Session.err("TOP needs a message number and a line count");
        }
        Target target = existing(session, words[0]);
        return target.error() != null ? target.error()
                : content(session, target.number(), Integer.parseInt(words[1]));
    }

    static Reply dele(Pop3Session session, String argument) {
        Target target = existing(session, argument);
        if (target.error() != null) {
            return target.error();
        }
        session.maildrop.delete(target.number());
        return Pop3Session.ok("message " + target.number() + " deleted");
    }

    static Reply rset(Pop3Session session, String argument) {
        session.maildrop.undeleteAll();
        return Pop3Session.ok("maildrop has " + session.maildrop.visibleCount() + " messages ("
                + session.maildrop.visibleSize() + " octets)");
    }

    static Reply noop(Pop3Session session, String argument) {
        return Reply.text("+OK\r\n");
    }

    /** UPDATE: removes the marked messages from the shared INBOX, for every reader, then signs off. */
    static Reply quit(Pop3Session session, String argument) {
        Maildrop maildrop = session.maildrop;
        List<StoredMessage> marked = maildrop.markedForDeletion();
        if (!marked.isEmpty()) {
            session.store.expunge(maildrop.mailbox, marked.stream().mapToLong(StoredMessage::uid).toArray());
        }
        // Released before the reply: a client that read "+OK" may log in again at once.
        session.locks.unlock(maildrop.user, session);
        int left = maildrop.mailbox.size();
        return Pop3Session.ok("fakemail POP3 server signing off (" + left + " messages left)").thenClose();
    }

    private static Reply content(Pop3Session session, int number, int bodyLines) {
        Maildrop maildrop = session.maildrop;
        long octets = maildrop.size(number);
        String status = "+OK " + (bodyLines < 0 ? octets + " octets" : "top of message follows") + "\r\n";
        byte[] wire = Pop3Content.response(status.getBytes(StandardCharsets.US_ASCII),
                maildrop.message(number).content(), bodyLines);
        return Reply.bytes(wire, status + "<message " + number + ": " + (wire.length - status.length())
                + " octets on the wire>\r\n");
    }

    private interface Column {
        String of(Maildrop maildrop, int number);
    }

    /** LIST and UIDL: one message with an argument, else a multi-line listing of those not deleted. */
    private static Reply listing(Pop3Session session, String argument, Column column) {
        Maildrop maildrop = session.maildrop;
        if (!argument.isBlank()) {
            Target target = existing(session, argument);
            if (target.error() != null) {
                return target.error();
            }
            return Pop3Session.ok(target.number() + " " + column.of(maildrop, target.number()));
        }
        StringBuilder listing = new StringBuilder(32 + maildrop.numbered() * 16);
        listing.append("+OK ").append(maildrop.visibleCount()).append(" messages\r\n");
        for (int number = 1; number <= maildrop.numbered(); number++) {
            if (!maildrop.isDeleted(number)) {
                listing.append(number).append(' ').append(column.of(maildrop, number)).append("\r\n");
            }
        }
        listing.append(".\r\n");
        return Reply.text(listing.toString());
    }

    /** 1 to 9 ASCII digits (no sign, no space): fits an int, and no regex on the RETR path. */
    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A message number from an argument, or the -ERR reply that says why there is none. */
    private record Target(int number, Reply error) {
    }

    private static Target existing(Pop3Session session, String argument) {
        String digits = argument.trim();
        if (!isNumber(digits)) {
            return new Target(0, Pop3Session.err("a message number is needed"));
        }
        int number = Integer.parseInt(digits);
        Maildrop maildrop = session.maildrop;
        if (!maildrop.exists(number)) {
            return new Target(0, Pop3Session.err("no such message, only " + maildrop.numbered() + " in maildrop"));
        }
        if (maildrop.isDeleted(number)) {
            return new Target(0, Pop3Session.err("message " + number + " already deleted"));
        }
        return new Target(number, null);
    }
}
