package dev.fakemail.internal.session;

import java.nio.charset.StandardCharsets;

/**
 * A client line parsed once by its {@link ProtocolSession}: the fault layer matches its verb and argument,
 * the transcript records its (masked) text, and the session's handler gets the same value back in
 * {@link ProtocolSession#onCommand}. Each protocol implements it with its own command type.
 */
public interface SessionCommand {
    /**
     * The verb fault rules match, upper case ("MAIL", "RETR", for IMAP "FETCH" or the two-word "UID FETCH");
     * null when the line is not a command of its own (a SASL response, the rest of a command after a
     * literal): then no command rule sees it.
     */
    String faultVerb();

    /** What a rule's match glob sees: for SMTP MAIL/RCPT the address, else the trimmed argument. */
    String faultArgument();

    /** The line as received, without its line end. */
    byte[] line();

    /** How the line appears in the transcript; secrets are masked here. */
    default String transcriptText() {
        return new String(line(), StandardCharsets.UTF_8);
    }

    /** True if fault rules for commands apply to this line. */
    default boolean isCommand() {
        return faultVerb() != null;
    }

    /** A line with the given fault view and transcript text, for protocols without a command type of their own. */
    static SessionCommand of(byte[] line, String faultVerb, String faultArgument, String transcriptText) {
        return new Simple(line, faultVerb, faultArgument, transcriptText);
    }

    /** The plain implementation behind {@link #of}. */
    record Simple(byte[] line, String faultVerb, String faultArgument, String transcriptText)
            implements SessionCommand {
    }
}
