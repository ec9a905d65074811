package dev.fakemail.fault;

import java.util.Locale;

/**
 * When a fault rule is consulted. Patterns are globs ({@code *} any run, {@code ?} one character), matched
 * case-insensitively; {@code *} matches everything. For SMTP MAIL and RCPT the pattern is matched against the
 * address (without angle brackets), for other commands against the whole argument (e.g. POP3 "RETR 2": "2";
 * IMAP "a1 FETCH 1:* FLAGS": "1:* FLAGS", without the tag). An IMAP verb without "UID" matches both forms
 * ("FETCH" matches FETCH and UID FETCH); "UID FETCH" matches the UID form only.
 */
public sealed interface Trigger {
    /** A client connected; consulted before the greeting. */
    record Connect() implements Trigger {
    }

    /** A command arrived; consulted before it is executed, so a reply here replaces it. */
    record Command(String verb, String match) implements Trigger {
        public Command {
            verb = checkedVerb(verb);
            match = checkedPattern(match);
        }
    }

    /** The reply to a command has been sent (flushed); consulted before the next read. */
    record AfterReply(String verb, String match) implements Trigger {
        public AfterReply {
            verb = checkedVerb(verb);
            match = checkedPattern(match);
        }
    }

    /** Each line of SMTP message data as it is read (without its CR LF). */
    record DataLine(String match) implements Trigger {
        public DataLine {
            match = match == null || match.isBlank() ? "*" : match;
            Effect.requireNoControlCharacters("pattern", match);
        }
    }

    /** The whole message arrived (the final dot, or the last BDAT chunk); consulted before it is stored. */
    record EndOfData() implements Trigger {
    }

    /** A TLS handshake is about to start (STARTTLS/STLS after its reply, or an implicit-TLS connection). */
    record TlsHandshake() implements Trigger {
    }

    /** A client presented valid credentials (AUTH, USER/PASS, APOP); consulted before it is logged in. */
    record Authentication(String mechanism, String user) implements Trigger {
        public Authentication {
            mechanism = checkedPattern(mechanism).toUpperCase(Locale.ROOT);
            user = checkedPattern(user);
        }
    }

    /** The server lists its capabilities (SMTP EHLO, POP3 CAPA, IMAP CAPABILITY); used with capability effects. */
    record Capabilities() implements Trigger {
    }

    /**
     * IMAP: a command announced a literal, before the server asks for it (before the "+" continuation; for a
     * LITERAL+ literal before it is read). A reply here refuses the literal and the command.
     */
    record Literal(String verb) implements Trigger {
        public Literal {
            verb = checkedVerb(verb == null ? "*" : verb);
        }
    }

    /** IMAP: a literal arrived whole, before the command it belongs to goes on (an APPEND is not yet stored). */
    record LiteralEnd(String verb) implements Trigger {
        public LiteralEnd {
            verb = checkedVerb(verb == null ? "*" : verb);
        }
    }

    /** IMAP: a session entered IDLE (its "+ idling" has gone out); consulted once per IDLE command. */
    record Idle() implements Trigger {
    }

    /**
     * DNS: a query of this type ("MX", "TXT", "*" for any) for a name matching the glob ("*.shop.test"); the
     * text form is {@code dns query MX *.shop.test}.
     */
    static Trigger query(String type, String nameGlob) {
        return command(type, nameGlob == null ? "*" : nameGlob.toLowerCase(java.util.Locale.ROOT));
    }

    static Trigger connect() {
        return new Connect();
    }

    /** Any command with this verb. */
    static Trigger command(String verb) {
        return new Command(verb, "*");
    }

    static Trigger command(String verb, String match) {
        return new Command(verb, match);
    }

    /** Every command, whatever its verb. */
    static Trigger anyCommand() {
        return new Command("*", "*");
    }

    /** SMTP RCPT TO with an address matching the pattern. */
    static Trigger rcptTo(String addressPattern) {
        return new Command("RCPT", addressPattern);
    }

    /** SMTP MAIL FROM with an address matching the pattern ("" is the null sender). */
    static Trigger mailFrom(String addressPattern) {
        return new Command("MAIL", addressPattern);
    }

    static Trigger afterReply(String verb) {
        return new AfterReply(verb, "*");
    }

    static Trigger afterReply(String verb, String match) {
        return new AfterReply(verb, match);
    }

    static Trigger dataLine(String match) {
        return new DataLine(match);
    }

    static Trigger endOfData() {
        return new EndOfData();
    }

    static Trigger tlsHandshake() {
        return new TlsHandshake();
    }

    static Trigger authentication(String mechanism, String user) {
        return new Authentication(mechanism, user);
    }

    static Trigger capabilities() {
        return new Capabilities();
    }

    /** IMAP: before a literal of a command with this verb ("*" for any) is asked for. */
    static Trigger literal(String verb) {
        return new Literal(verb);
    }

    /** IMAP: a literal of a command with this verb ("*" for any) arrived whole. */
    static Trigger literalEnd(String verb) {
        return new LiteralEnd(verb);
    }

    /** IMAP: a session entered IDLE. */
    static Trigger idle() {
        return new Idle();
    }

    /** Verbs are words (or "*", or IMAP's "UID" and a word); patterns are one line without control characters. */
    private static String checkedVerb(String verb) {
        String upper = verb.trim().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
        if (!upper.matches("\\*|(UID )?[A-Z0-9][A-Z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a command verb is a word such as RCPT, RETR or FETCH, or UID and a"
                    + " word (UID FETCH), or *; was '" + verb + "'");
        }
        return upper;
    }

    private static String checkedPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "*";
        }
        Effect.requireNoControlCharacters("pattern", pattern);
        return pattern.trim();
    }
}
