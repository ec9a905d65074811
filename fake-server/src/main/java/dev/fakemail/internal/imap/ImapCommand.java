package dev.fakemail.internal.imap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One whole IMAP command, parsed once: its tag, whether it had the UID prefix, its verb (upper case) and a
 * cursor at its arguments. The fault layer and the handlers see the same value.
 */
final class ImapCommand {
    final String tag;
    final boolean uid;
    final String verb;
    final ImapArgs args;

    private ImapCommand(String tag, boolean uid, String verb, ImapArgs args) {
        this.tag = tag;
        this.uid = uid;
        this.verb = verb;
        this.args = args;
    }

    /** Parses the tag and verb; throws {@link ImapSyntaxException} (tag then known by {@link #tagOf}). */
    static ImapCommand parse(byte[] command) {
        ImapArgs args = new ImapArgs(command, 0);
        String tag = tagOf(command);
        if (tag == null) {
            throw new ImapSyntaxException("a command starts with a tag");
        }
        args = new ImapArgs(command, tag.length());
        args.space();
        String verb = args.atom().toUpperCase(Locale.ROOT);
        boolean uid = false;
        if (verb.equals("UID")) {
            args.space();
            verb = args.atom().toUpperCase(Locale.ROOT);
            uid = true;
        }
        if (!args.atEnd() && args.peek() != ' ') {
            throw new ImapSyntaxException("bad characters in the command name");
        }
        return new ImapCommand(tag, uid, verb, args);
    }

    /** The tag of a command line, or null when it does not start with a valid tag (RFC 3501: no '+'). */
    static String tagOf(byte[] line) {
        int end = 0;
        while (end < line.length && ImapArgs.isAtomChar(line[end] & 0xff, "]") && line[end] != '+') {
            end++;
        }
        if (end == 0 || (end < line.length && line[end] != ' ')) {
            return null;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII);
    }

    /**
     * The arguments of a command that takes some: the cursor moved past the SP after the command's name (a
     * syntax error when there is none). A handler asks once, then reads on.
     */
    ImapArgs arguments() {
        args.space();
        return args;
    }

    /** "UID FETCH" or "FETCH": how the command is named in transcripts and errors. */
    String name() {
        return uid ? "UID " + verb : verb;
    }
}
