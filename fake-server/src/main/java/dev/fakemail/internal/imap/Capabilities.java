package dev.fakemail.internal.imap;

import dev.fakemail.internal.sasl.SaslMechanisms;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server advertises, and only what works: clients switch on every extension they see (RFC 3501 §7.2.1).
 * STARTTLS only in plaintext; LOGINDISABLED and no AUTH= while TLS is required and not yet on.
 */
final class Capabilities {
    private static final List<String> EXTENSIONS = List.of("LITERAL+", "SASL-IR", "IDLE", "UIDPLUS", "MOVE",
            "NAMESPACE", "UNSELECT", "ENABLE", "ID", "CHILDREN", "SPECIAL-USE", "CONDSTORE", "ESEARCH", "LIST-EXTENDED",
            "LIST-STATUS", "MULTIAPPEND", "SORT", "SORT=DISPLAY", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES",
            "ESORT", "CONTEXT=SEARCH", "CONTEXT=SORT", "SEARCHRES", "WITHIN");

    private Capabilities() {
    }

    static List<String> list(ImapSession session) {
        List<String> capabilities = new ArrayList<>();
        capabilities.add("IMAP4rev1");
        if (Rev2Rules.advertised(session)) {
            capabilities.add(Rev2Rules.CAPABILITY);
        }
        boolean tls = session.connection.isTls();
        if (!tls) {
            capabilities.add("STARTTLS");
        }
        if (session.state == ImapSession.State.NOT_AUTHENTICATED) {
            if (session.settings.requireTls() && !tls) {
                capabilities.add("LOGINDISABLED");
            } else {
                for (String mechanism : SaslMechanisms.supported()) {
                    capabilities.add("AUTH=" + mechanism);
                }
            }
        }
        capabilities.addAll(EXTENSIONS);
        capabilities.addAll(ExtensionCapabilities.list(session));
        capabilities.add("APPENDLIMIT=" + session.settings.maxLiteral());
        return session.connection.faults().capabilities(capabilities);
    }

    static String of(ImapSession session) {
        return String.join(" ", list(session));
    }

    /** What a client needs before it logs in; the greeting lists only these (the CAPABILITY command all). */
    private static final java.util.Set<String> BEFORE_LOGIN = java.util.Set.of("IMAP4rev1", "IMAP4rev2", "STARTTLS",
            "LOGINDISABLED", "LITERAL+", "SASL-IR", "ID", "ENABLE", "IDLE");

    /**
     * The greeting's list, as Dovecot keeps it: the pre-login subset, so the greeting stays one short line.
     * Apache commons-net (3.11) rejects an untagged line longer than 164 characters, and the whole list makes
     * the greeting about 250.
     */
    static String greeting(ImapSession session) {
        List<String> kept = new ArrayList<>();
        for (String capability : list(session)) {
            if (BEFORE_LOGIN.contains(capability) || capability.startsWith("AUTH=")) {
                kept.add(capability);
            }
        }
        return String.join(" ", kept);
    }
}
