package dev.fakemail.internal.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A command line split into verb and argument; handlers parse their own arguments.
 *
 * @param verb the recognized verb, or {@link Verb#UNKNOWN}
 * @param name the verb as the client wrote it, upper-cased
 * @param argument everything after the first space, or the empty string
 */
public record SmtpCommand(Verb verb, String name, String argument) {
    /** The SMTP verbs fakemail knows. */
    public enum Verb { HELO, EHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS, AUTH, UNKNOWN }

    /** Parses one command line (without CR LF); never fails: anything unrecognized is {@link Verb#UNKNOWN}. */
    public static SmtpCommand parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        String name = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        return new SmtpCommand(verbOf(name), name, argument);
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
