package dev.fakemail.internal.smtp;

import dev.fakemail.internal.session.SessionCommand;
import dev.fakemail.internal.session.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A command line split once into verb and argument; the fault rules, the transcript and the handler all see
 * this value. The MAIL/RCPT path is parsed at most once, when the fault rules or the handler first ask.
 */
public final class SmtpCommand implements SessionCommand {
    /** The SMTP verbs fakemail knows. */
    public enum Verb { HELO, EHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS, AUTH, UNKNOWN }

    private final byte[] line;
    /** The line decoded once: the verb, the argument and the transcript all come from it. */
    private final String text;
    private final Verb verb;
    private final String name;
    private final String argument;
    private final boolean saslResponse;
    private MailPath path;
    private MailPath.SyntaxException pathError;

    private SmtpCommand(byte[] line, String text, Verb verb, String name, String argument, boolean saslResponse) {
        this.line = line;
        this.text = text;
        this.verb = verb;
        this.name = name;
        this.argument = argument;
        this.saslResponse = saslResponse;
    }

    /** Parses one command line (without CR LF); never fails: anything unrecognized is {@link Verb#UNKNOWN}. */
    public static SmtpCommand parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        int nameLength = space < 0 ? text.length() : space;
        Verb verb = knownVerb(text, nameLength);
        // A known verb's name is the constant (no copy, no case mapping): every command of a transaction has one.
        String name = verb != Verb.UNKNOWN ? verb.name() : text.substring(0, nameLength).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        return new SmtpCommand(line, text, verb, name, argument, false);
    }

    /** A line answering a SASL challenge: no command, hidden from the transcript. */
    static SmtpCommand saslResponse(byte[] line) {
        return new SmtpCommand(line, "", Verb.UNKNOWN, "", "", true);
    }

    /**
     * Whether the line's 8-bit bytes are well-formed UTF-8. An address that is not would be stored with U+FFFD
     * in place of its bytes, so the envelope would no longer say what the client sent: MAIL and RCPT refuse it.
     */
    public boolean isValidUtf8() {
        return dev.fakemail.internal.text.Utf8.isWellFormed(line);
    }

    /** The recognized verb, or {@link Verb#UNKNOWN}. */
    public Verb verb() {
        return verb;
    }

    /** The verb as the client wrote it, upper-cased. */
    public String name() {
        return name;
    }

    /** Everything after the first space, or the empty string. */
    public String argument() {
        return argument;
    }

    boolean isSaslResponse() {
        return saslResponse;
    }

    /**
     * Why the path of MAIL or RCPT cannot be used: malformed (501) or not well-formed UTF-8 (553); null when
     * {@link #validPath()} may be read.
     */
    Reply pathRefusal() {
        try {
            path();
        } catch (MailPath.SyntaxException e) {
            return SmtpReplies.syntax(e.getMessage());
        }
        return isValidUtf8() ? null : SmtpReplies.reply(553, "5.6.7", "address is not well-formed UTF-8");
    }

    /** The path, once {@link #pathRefusal()} found nothing wrong with it. */
    MailPath validPath() {
        return path;
    }

    /** The MAIL FROM / RCPT TO path, parsed on first use. */
    MailPath path() throws MailPath.SyntaxException {
        if (path == null && pathError == null) {
            try {
                path = MailPath.parse(argument, verb == Verb.MAIL ? "FROM" : "TO");
            } catch (MailPath.SyntaxException malformed) {
                pathError = malformed;
            }
        }
        if (pathError != null) {
            throw pathError;
        }
        return path;
    }

    @Override
    public String faultVerb() {
        return saslResponse ? null : name;
    }

    @Override
    public String faultArgument() {
        if (verb == Verb.MAIL || verb == Verb.RCPT) {
            try {
                return path().address();
            } catch (MailPath.SyntaxException malformed) {
                // rules match the raw argument; the handler answers the syntax error
            }
        }
        return argument.trim();
    }

    @Override
    public byte[] line() {
        return line;
    }

    @Override
    public String transcriptText() {
        if (saslResponse) {
            return "<SASL response hidden>";
        }
        return AuthHandler.maskInitialResponse(text);
    }

    private static final Verb[] KNOWN_VERBS = java.util.Arrays.stream(Verb.values())
            .filter(verb -> verb != Verb.UNKNOWN).toArray(Verb[]::new);

    /**
     * The verb the line's first {@code length} characters name, as upper-casing them with {@link Locale#ROOT} and
     * looking the result up finds it, or {@link Verb#UNKNOWN}. ASCII names (every real client's) are compared in
     * place; a name with other characters takes the upper-casing path, where e.g. U+0131 becomes I.
     */
    private static Verb knownVerb(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                return verbOf(text.substring(0, length).toUpperCase(Locale.ROOT));
            }
        }
        if (length < 4 || length > 8) {
            return Verb.UNKNOWN;
        }
        for (Verb verb : KNOWN_VERBS) {
            if (verb.name().length() == length && asciiEqualsIgnoreCase(text, verb.name(), length)) {
                return verb;
            }
        }
        return Verb.UNKNOWN;
    }

    /** {@code upper} is A-Z only: a character of {@code text} matches it in either case, and nothing else does. */
    private static boolean asciiEqualsIgnoreCase(String text, String upper, int length) {
        for (int i = 0; i < length; i++) {
            if ((text.charAt(i) | 0x20) != (upper.charAt(i) | 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static Verb verbOf(String name) {
        if (name.length() < 4 || name.length() > 8) {
            return Verb.UNKNOWN;
        }
        try {
            return Verb.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return Verb.UNKNOWN;
        }
    }
}
