package dev.fakemail.internal.imap;

/** What ENABLE (RFC 5161) can switch on, and what switching each on does to the session. */
final class Enablement {
    private Enablement() {
    }

    /** Switches {@code capability} (upper case) on; false for one that needs no enabling or is unknown. */
    static boolean enable(ImapSession session, String capability) {
        switch (capability) {
            case "CONDSTORE":
                session.condstore = true;
                return true;
            case "QRESYNC":
                Qresync.enable(session);
                return true;
            case "IMAP4REV2":
                return Rev2Rules.enable(session);
            case "UTF8=ACCEPT":
                session.utf8Accept = true;
                return true;
            default:
                return false;
        }
    }
}
