package dev.fakemail.internal.imap;

/** A command that breaks RFC 3501's grammar; the session answers it with a tagged BAD carrying the reason. */
final class ImapSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImapSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
