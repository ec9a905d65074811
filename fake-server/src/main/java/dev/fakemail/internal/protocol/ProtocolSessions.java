package dev.fakemail.internal.protocol;

import dev.fakemail.fault.Protocol;
import dev.fakemail.internal.imap.ImapSession;
import dev.fakemail.internal.imap.ImapSettings;
import dev.fakemail.internal.pop3.MaildropLocks;
import dev.fakemail.internal.pop3.Pop3Session;
import dev.fakemail.internal.pop3.Pop3Settings;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.smtp.SmtpSession;
import dev.fakemail.internal.smtp.SmtpSettings;
import dev.fakemail.internal.store.MailRepository;
import java.util.function.Function;

/**
 * The session factory of each protocol family, over one server's settings and store: the one place that
 * knows which session class speaks which protocol. The listeners themselves are declared in
 * {@link dev.fakemail.ProtocolName}; a new family adds its case here.
 */
public final class ProtocolSessions {
    private final SmtpSettings smtp;
    private final Pop3Settings pop3;
    private final ImapSettings imap;
    private final MailRepository store;
    private final MaildropLocks maildropLocks = new MaildropLocks();

    public ProtocolSessions(SmtpSettings smtp, Pop3Settings pop3, ImapSettings imap, MailRepository store) {
        this.smtp = smtp;
        this.pop3 = pop3;
        this.imap = imap;
        this.store = store;
    }

    /** Makes the protocol side of each new connection of this family. */
    public Function<ConnectionInfo, ProtocolSession> factory(Protocol family) {
        // Classes, not lambdas, like everything a server builds at start: see ConnectionThreads.
        return new Function<>() {
            @Override
            public ProtocolSession apply(ConnectionInfo connection) {
                return switch (family) {
                    case SMTP -> new SmtpSession(smtp, store, connection);
                    case POP3 -> new Pop3Session(pop3, store, maildropLocks, connection);
                    case IMAP -> new ImapSession(imap, store, connection);
                    case DNS -> throw new IllegalArgumentException("DNS has no sessions: the responder answers");
                };
            }
        };
    }

    /**
     * The line a connection of this family gets instead of a greeting when a connection limit turns it away,
     * before the listener closes it: a temporary failure in each protocol's words, so clients retry later.
     */
    public String refusal(Protocol family, String reason) {
        return switch (family) {
            case SMTP -> "421 4.7.0 " + smtp.hostname() + " Error: " + reason + ", try again later\r\n";
            case POP3 -> "-ERR [SYS/TEMP] " + reason + ", try again later\r\n"; // RFC 3206 §4
            case IMAP -> "* BYE [UNAVAILABLE] " + reason + ", try again later\r\n"; // RFC 5530 §3
            case DNS -> null; // the responder has no greeting to refuse with
        };
    }

    /** Forgets session-spanning state (POP3 maildrop locks) once every session has stopped. */
    public void stopped() {
        maildropLocks.clear();
    }
}
