package dev.fakemail.internal.imap.mime;

/**
 * One element of an IMAP address list (RFC 3501 §7.4.2): (name adl mailbox host). A group start is
 * (NIL NIL "group" NIL) and a group end (NIL NIL NIL NIL); strings are Latin-1 views of raw bytes.
 */
record ImapAddress(String name, String adl, String mailbox, String host) {
    static ImapAddress groupStart(String groupName) {
        return new ImapAddress(null, null, groupName, null);
    }

    static ImapAddress groupEnd() {
        return new ImapAddress(null, null, null, null);
    }

    boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    void writeTo(ImapOut out) {
        out.ch('(');
        if (name == null) {
            out.nil();
        } else {
            out.stringForHumans(name);
        }
        out.ch(' ').nstring(adl).ch(' ').nstring(mailbox).ch(' ').nstring(host).ch(')');
    }
}
