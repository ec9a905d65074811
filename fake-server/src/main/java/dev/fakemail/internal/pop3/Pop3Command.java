package dev.fakemail.internal.pop3;

import dev.fakemail.internal.session.SessionCommand;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A POP3 line split once into verb and argument, as the fault rules, the transcript and the handlers see it.
 *
 * @param line the line as received
 * @param name the verb, upper-cased
 * @param argument everything after the first space (untrimmed: handlers judge it), or the empty string
 * @param isSaslResponse true for a line answering a SASL challenge: no command, hidden from the transcript
 */
record Pop3Command(byte[] line, String name, String argument, boolean isSaslResponse) implements SessionCommand {
    static Pop3Command parse(byte[] line, boolean saslResponse) {
        if (saslResponse) {
            return new Pop3Command(line, "", "", true);
        }
        String text = new String(line, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        String name = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        return new Pop3Command(line, name, space < 0 ? "" : text.substring(space + 1), false);
    }

    @Override
    public String faultVerb() {
        return isSaslResponse ? null : name;
    }

    @Override
    public String faultArgument() {
        return argument.trim();
    }

    @Override
    public String transcriptText() {
        if (isSaslResponse) {
            return "<SASL response hidden>";
        }
        String text = new String(line, StandardCharsets.UTF_8);
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("PASS ")) {
            return "PASS ****";
        }
        if (upper.startsWith("AUTH ") && text.trim().split(" +").length > 2) {
            return text.substring(0, text.indexOf(' ', 5)) + " ****";
        }
        return text;
    }
}
