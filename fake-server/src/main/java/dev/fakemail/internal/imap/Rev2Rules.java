package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.MailboxListing;
import java.util.ArrayList;
import java.util.List;

/**
 * What changes once a client sends {@code ENABLE IMAP4rev2} (RFC 9051; its Appendix E lists the differences from
 * RFC 3501). The server advertises both versions, so a session speaks IMAP4rev1 until then (RFC 9051 Appendix A)
 * and the handlers ask here where the two answer differently; an IMAP4rev1 session never meets any of it.
 *
 * <p>Under IMAP4rev2: no \Recent anywhere (no RECENT response, no \Recent in FLAGS, SEARCH RECENT/NEW/OLD and
 * STATUS RECENT are not in the grammar: BAD), SEARCH without RETURN answers ESEARCH, SELECT/EXAMINE also send
 * the mailbox's LIST response, drop the UNSEEN response code and say {@code * OK [CLOSED]} when they replace a
 * selected mailbox, mailbox names travel in UTF-8 both ways (no modified UTF-7 decoding), and CHECK is gone.
 */
final class Rev2Rules {
    static final String CAPABILITY = "IMAP4rev2";

    private Rev2Rules() {
    }

    /** Advertised unless the server was built with {@code imapRev2(false)}. */
    static boolean advertised(ImapSession session) {
        return session.settings.rev2();
    }

    /** The session switched to IMAP4rev2. */
    static boolean active(ImapSession session) {
        return session.dialect == ImapSession.Dialect.IMAP4REV2;
    }

    /** {@code ENABLE IMAP4rev2}: false (nothing enabled) when not advertised. Cannot be undone (RFC 5161). */
    static boolean enable(ImapSession session) {
        if (!advertised(session)) {
            return false;
        }
        session.dialect = ImapSession.Dialect.IMAP4REV2;
        if (session.selected != null) {
            session.selected.dropRecent();
        }
        return true;
    }

    /**
     * The \Recent a SELECT or EXAMINE takes: none under IMAP4rev2, which has no \Recent; it claims nothing, so the
     * messages stay recent for the next IMAP4rev1 session.
     */
    static List<Long> recentFor(ImapSession session, Mailbox mailbox, boolean readOnly) {
        if (active(session)) {
            return List.of();
        }
        return readOnly ? session.store.unclaimedRecent(mailbox) : session.store.claimRecent(mailbox);
    }

    /** The selection no longer knows \Recent (called right after it is made under IMAP4rev2). */
    static void afterSelect(ImapSession session, SelectedMailbox view) {
        if (active(session)) {
            view.dropRecent();
        }
    }

    /** RFC 9051 §6.3.2: SELECT and EXAMINE close a selected mailbox with {@code * OK [CLOSED]}. */
    static boolean saysClosed(ImapSession session) {
        return active(session) || session.qresync;
    }

    /** RFC 9051 §6.3.2 lists the UNSEEN response code no more (clients ask SEARCH or STATUS). */
    static boolean sendsFirstUnseen(ImapSession session) {
        return !active(session);
    }

    /**
     * RFC 9051 §6.3.2: SELECT and EXAMINE answer a LIST response for the mailbox, with its attributes as LIST
     * gives them ({@code * LIST (\HasNoChildren) "/" INBOX}).
     */
    static void writeSelectedList(ImapSession session, Mailbox mailbox, ImapOut out) {
        if (!active(session)) {
            return;
        }
        List<String> attributes = new ArrayList<>();
        for (MailboxListing listing : session.store.list(session.user)) {
            if (listing.name().equals(mailbox.name())) {
                attributes.addAll(listing.attributes());
            }
        }
        attributes.sort(ListHandlers::attributeOrder);
        out.ascii("* LIST (").ascii(String.join(" ", attributes)).ascii(") \"/\" ")
                .string(MailboxNames.forClient(session, mailbox.name())).ascii("\r\n");
    }

    /** RFC 9051 §6.4.4: a SEARCH without RETURN answers as {@code RETURN (ALL)} would, in an ESEARCH response. */
    static SearchReturn implicitReturn(ImapSession session, SearchReturn given) {
        return given == null && active(session) ? SearchReturn.allOnly() : given;
    }

    /** RFC 9051 §5.1: mailbox names go out in UTF-8 (as after UTF8=ACCEPT); modified UTF-7 is IMAP4rev1's. */
    static boolean utf8Names(ImapSession session) {
        return active(session) || session.utf8Accept;
    }

    /** Names the client sends are taken as UTF-8 as they are: "&amp;AOQ-" names a mailbox called "&amp;AOQ-". */
    static boolean decodesModifiedUtf7(ImapSession session) {
        return !active(session);
    }

    /** A keyword, item or command RFC 9051 removed: a syntax error in an IMAP4rev2 session. */
    static ImapSyntaxException removed(String what, String instead) {
        return new ImapSyntaxException(what + " is not part of IMAP4rev2 (RFC 9051 removed it)"
                + (instead == null ? "" : "; " + instead));
    }

    /** How ENABLED names it: RFC 9051 spells the capability IMAP4rev2. */
    static String enabledName(String upperCase) {
        return upperCase.equals("IMAP4REV2") ? CAPABILITY : upperCase;
    }
}
