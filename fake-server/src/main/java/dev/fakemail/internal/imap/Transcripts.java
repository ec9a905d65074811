package dev.fakemail.internal.imap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How client lines appear in an IMAP transcript: passwords masked, also when sent as literals. */
final class Transcripts {
    private Transcripts() {
    }

    static String clientLine(ImapSession session, byte[] line, boolean continuation) {
        if (session.sasl != null) {
            return "<SASL response hidden>";
        }
        String text = new String(line, StandardCharsets.UTF_8);
        if (continuation) {
            return session.maskNextLine ? "****" + literalTail(text) : text;
        }
        session.maskNextLine = false;
        String[] words = text.split(" ", 4);
        if (words.length >= 3 && words[1].toUpperCase(Locale.ROOT).equals("LOGIN")) {
            if (words[2].endsWith("}")) {
                session.maskNextLine = true; // the user name comes as a literal; the password follows it
                return words[0] + " " + words[1] + " " + words[2];
            }
            if (words.length == 4) {
                session.maskNextLine = words[3].endsWith("}");
                return words[0] + " " + words[1] + " " + words[2] + " ****";
            }
        }
        if (words.length >= 4 && words[1].toUpperCase(Locale.ROOT).equals("AUTHENTICATE")) {
            return words[0] + " " + words[1] + " " + words[2] + " ****";
        }
        return text;
    }

    private static String literalTail(String text) {
        int brace = text.lastIndexOf('{');
        return brace > 0 && text.endsWith("}") ? " " + text.substring(brace) : "";
    }
}
