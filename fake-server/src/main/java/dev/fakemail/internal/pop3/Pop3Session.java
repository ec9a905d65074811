package dev.fakemail.internal.pop3;

import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.SessionCommand;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.internal.text.WireText;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;

/**
 * One POP3 session (RFC 1939): the AUTHORIZATION and TRANSACTION states and the dispatch of commands to
 * small handlers; UPDATE happens inside QUIT. The maildrop lock is released however the session ends, and
 * only QUIT deletes anything.
 */
public final class Pop3Session implements ProtocolSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One command: checks its state, changes it, returns the reply. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Pop3Session session, String argument);
    }

    private static final Map<String, Handler> AUTHORIZATION = Map.of(
            "USER", AuthorizationHandlers.afterTls(AuthorizationHandlers::user),
            "PASS", AuthorizationHandlers::pass,
            "APOP", AuthorizationHandlers.afterTls(AuthorizationHandlers::apop),
            "AUTH", AuthorizationHandlers.afterTls(AuthorizationHandlers::auth),
            "STLS", AuthorizationHandlers::stls,
            "CAPA", AuthorizationHandlers::capa,
            "QUIT", AuthorizationHandlers::quit);

    private static final Map<String, Handler> TRANSACTION = Map.ofEntries(
            Map.entry("STAT", TransactionHandlers::stat),
            Map.entry("LIST", TransactionHandlers::list),
            Map.entry("UIDL", TransactionHandlers::uidl),
            Map.entry("RETR", TransactionHandlers::retr),
            Map.entry("TOP", TransactionHandlers::top),
            Map.entry("DELE", TransactionHandlers::dele),
            Map.entry("RSET", TransactionHandlers::rset),
            Map.entry("NOOP", TransactionHandlers::noop),
            Map.entry("CAPA", AuthorizationHandlers::capa),
            Map.entry("QUIT", TransactionHandlers::quit));

    final Pop3Settings settings;
    /** The default inbox's store until a login moves the session to an isolated inbox. */
    MailRepository store;
    final MaildropLocks locks;
    final ConnectionInfo connection;
    /** The APOP timestamp of the greeting (RFC 1939 §7), unique per session. */
    final String banner;
    /** The name given by USER, waiting for PASS. */
    String pendingUser;
    /** The SASL exchange awaiting the client's next line; null when none is under way. */
    SaslExchange saslExchange;
    /** Set once logged in: the session is then in the TRANSACTION state. */
    Maildrop maildrop;
    private int errors;

    public Pop3Session(Pop3Settings settings, MailRepository store, MaildropLocks locks, ConnectionInfo connection) {
        this.settings = settings;
        this.store = store;
        this.locks = locks;
        this.connection = connection;
        this.banner = "<" + Math.abs(RANDOM.nextLong()) + "." + System.currentTimeMillis() + "@"
                + settings.hostname() + ">";
    }

    @Override
    public Reply greeting() {
        return ok("fakemail POP3 server ready " + banner);
    }

    @Override
    public Pop3Command parse(byte[] line) {
        return Pop3Command.parse(line, saslExchange != null);
    }

    @Override
    public Reply onCommand(SessionCommand parsed) {
        Pop3Command command = (Pop3Command) parsed;
        if (command.isSaslResponse()) {
            return counted(AuthorizationHandlers.continueAuth(this, command.line()));
        }
        String verb = command.name();
        String argument = command.argument();
        Handler handler = (maildrop == null ? AUTHORIZATION : TRANSACTION).get(verb);
        if (handler == null) {
            boolean known = AUTHORIZATION.containsKey(verb) || TRANSACTION.containsKey(verb);
            return counted(err(known ? "command not valid in this state" : "unknown command"));
        }
        return counted(handler.handle(this, argument));
    }

    @Override
    public Reply onLineTooLong() {
        saslExchange = null;
        return counted(err("line too long"));
    }

    @Override
    public Reply onDotData(DotResult result, GrowableBytes data) {
        throw new IllegalStateException("POP3 never reads message data from the client");
    }

    @Override
    public Reply onBytes(boolean complete, GrowableBytes data) {
        throw new IllegalStateException("POP3 never reads byte frames from the client");
    }

    @Override
    public Reply onTlsStarted() {
        pendingUser = null; // RFC 2595 §4: nothing learned before the handshake counts
        return Reply.none();
    }

    @Override
    public Reply onIdleTimeout() {
        // RFC 1939 §3: an autologout timer ends the session without entering UPDATE: nothing is deleted.
        return err("idle timeout, closing connection; no messages deleted").thenClose();
    }

    @Override
    public void onEnd() {
        if (maildrop != null) {
            locks.unlock(maildrop.user, this);
            maildrop = null;
        }
        saslExchange = null;
    }

    @Override
    public int maxLineLength() {
        return Pop3Settings.MAX_LINE_LENGTH;
    }

    /**
     * "+OK text" below 400, else "-ERR [code] text" (RFC 2449 response codes): the status when it is one
     * (SYS/TEMP, AUTH, IN-USE), otherwise SYS/TEMP for 4xx and SYS/PERM for 5xx (RFC 3206).
     */
    @Override
    public boolean awaitsContinuation() {
        return saslExchange != null;
    }

    @Override
    public Reply faultReply(int code, String status, String text, boolean disconnect) {
        Reply reply;
        if (code < 400) {
            reply = ok(text);
        } else {
            String responseCode = status.matches("[A-Za-z][A-Za-z/-]*") ? status.toUpperCase(Locale.ROOT)
                    : code < 500 ? "SYS/TEMP" : "SYS/PERM";
            reply = err("[" + responseCode + "] " + text);
        }
        return disconnect || code == 421 ? reply.thenClose() : reply;
    }

    // Reply texts may quote the client (a login naming an inbox that does not exist), whose line may hold a
    // bare CR: kept to one line, like SMTP's and IMAP's replies.
    static Reply ok(String text) {
        return Reply.text("+OK " + WireText.oneLine(text) + "\r\n");
    }

    static Reply err(String text) {
        return Reply.error("-ERR " + WireText.oneLine(text) + "\r\n");
    }

    private Reply counted(Reply reply) {
        if (reply.isError() && reply.next() != Reply.Next.CLOSE && ++errors >= settings.maxErrors()) {
            // One reply line for one command, so a pipelining client stays in step.
            return err("too many errors, closing connection").thenClose();
        }
        return reply;
    }
}
