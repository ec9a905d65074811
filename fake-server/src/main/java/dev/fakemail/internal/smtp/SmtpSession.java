package dev.fakemail.internal.smtp;

import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.SessionCommand;
import dev.fakemail.internal.smtp.SmtpCommand.Verb;
import dev.fakemail.store.Envelope;
import dev.fakemail.internal.store.MailRepository;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one SMTP session (RFC 5321) and the dispatch of its commands to small handlers. Counts
 * client errors and ends the session with 421 past the limit, as Postfix does.
 */
public final class SmtpSession implements ProtocolSession {
    private static final Map<Verb, SmtpHandler> HANDLERS = handlers();
    private static final Set<Verb> ALLOWED_BEFORE_TLS =
            EnumSet.of(Verb.EHLO, Verb.HELO, Verb.STARTTLS, Verb.NOOP, Verb.RSET, Verb.QUIT, Verb.AUTH, Verb.HELP);

    final SmtpSettings settings;
    final MailRepository store;
    final ConnectionInfo connection;
    /** The HELO/EHLO name; null until the client introduced itself. */
    String heloName;
    boolean extended;
    String authenticatedUser;
    Transaction transaction;
    /** The SASL exchange awaiting the client's next response; null when none is under way. */
    SaslExchange saslExchange;
    /** RFC 4954 §4: an AUTH line with its initial response, and each SASL response, may be 12,288 octets. */
    static final int SASL_LINE_LIMIT = 12_288;
    /** The BDAT chunk being read and what to answer for it. */
    DataHandler.PendingChunk pendingChunk;
    /** The envelope of this session's last message, reused when the next one is equal (bulk senders). */
    Envelope previousEnvelope;
    /** The trace fields of the last message, reused while the envelope and the second stay the same. */
    TraceHeaders.Last lastTrace;
    private int errors;

    public SmtpSession(SmtpSettings settings, MailRepository store, ConnectionInfo connection) {
        this.settings = settings;
        this.store = store;
        this.connection = connection;
    }

    @Override
    public Reply greeting() {
        return SmtpReplies.plain(220, settings.hostname() + " ESMTP fakemail");
    }

    @Override
    public SmtpCommand parse(byte[] line) {
        return saslExchange != null ? SmtpCommand.saslResponse(line) : SmtpCommand.parse(line);
    }

    @Override
    public Reply onCommand(SessionCommand parsed) {
        SmtpCommand command = (SmtpCommand) parsed;
        if (command.line().length > settings.maxLineLength() && !command.isSaslResponse()
                && command.verb() != Verb.AUTH) {
            return onLineTooLong();
        }
        if (command.isSaslResponse()) {
            return counted(AuthHandler.continueDialogue(this, command.line()));
        }
        SmtpHandler handler = HANDLERS.get(command.verb());
        if (handler == null) {
            return counted(SmtpReplies.reply(500, "5.5.1", "Error: command not recognized"));
        }
        if (settings.requireTls() && !isTls() && !ALLOWED_BEFORE_TLS.contains(command.verb())) {
            // RFC 3207 §4: with TLS required, anything but these gets 530 (AUTH answers 538 itself).
            return counted(SmtpReplies.reply(530, "5.7.0", "Must issue a STARTTLS command first"));
        }
        return counted(handler.handle(this, command));
    }

    @Override
    public Reply onLineTooLong() {
        saslExchange = null;
        return counted(SmtpReplies.reply(500, "5.5.2", "Error: line too long"));
    }

    @Override
    public Reply onDotData(DotResult result, GrowableBytes data) {
        return counted(DataHandler.finishData(this, result, data));
    }

    @Override
    public Reply onBytes(boolean complete, GrowableBytes data) {
        return counted(DataHandler.finishChunk(this, complete, data));
    }

    @Override
    public Reply onTlsStarted() {
        // RFC 3207 §4.2: forget everything learned before the handshake; the client must EHLO again.
        heloName = null;
        extended = false;
        authenticatedUser = null;
        transaction = null;
        return Reply.none();
    }

    @Override
    public Reply onIdleTimeout() {
        return SmtpReplies.reply(421, "4.4.2", settings.hostname() + " Error: timeout exceeded").thenClose();
    }

    @Override
    public void onEnd() {
        transaction = null; // an unfinished transaction is dropped: nothing half-received is ever stored
        saslExchange = null;
    }

    @Override
    public boolean awaitsContinuation() {
        return saslExchange != null;
    }

    @Override
    public Reply faultReply(int code, String status, String text, boolean disconnect) {
        Reply reply = status.isEmpty() ? SmtpReplies.plain(code, text) : SmtpReplies.reply(code, status, text);
        return disconnect || code == 421 ? reply.thenClose() : reply;
    }

    @Override
    public void onDataRefusedByFault(GrowableBytes data, Reply fault) {
        Transaction refused = transaction;
        transaction = null;
        pendingChunk = null;
        if (refused == null || !fault.isSilent()) {
            return; // refused with a reply: the client knows it was not accepted
        }
        GrowableBytes whole = data;
        if (refused.chunks != null) {
            whole = new GrowableBytes();
            refused.chunks.copyTo(whole);
            data.copyTo(whole);
        }
        DataHandler.recordUnacknowledged(this, refused, whole,
                "connection " + fault.connectionEnding() + " by a fault rule after the data, before any reply");
    }

    /**
     * Command lines are read up to the SASL limit of RFC 4954 §4 (12,288 octets), so an AUTH with a real-size
     * XOAUTH2 or OAUTHBEARER token (often 1.5–3 KB) and the SASL responses that follow fit; any other command
     * longer than the configured line limit is refused as before ({@link #onCommand}).
     */
    @Override
    public int maxLineLength() {
        return Math.max(settings.maxLineLength(), SASL_LINE_LIMIT);
    }

    @Override
    public int maxDataLineLength() {
        return settings.maxDataLineLength();
    }

    boolean isTls() {
        return connection.isTls();
    }

    /** RFC 3848 / RFC 6531 transmission type for the Received header. */
    String protocolNameFor(Transaction transaction) {
        if (!extended) {
            return transaction.smtpUtf8 ? "UTF8SMTP" : "SMTP";
        }
        // Constants, not built per message: every stored envelope references one of these few.
        return EXTENDED_PROTOCOL_NAMES[(transaction.smtpUtf8 ? 4 : 0) + (isTls() ? 2 : 0)
                + (authenticatedUser != null ? 1 : 0)];
    }

    /** RFC 3848 and RFC 6531 "with" names by UTF-8, TLS and authentication (bits 4, 2, 1). */
    private static final String[] EXTENDED_PROTOCOL_NAMES = {"ESMTP", "ESMTPA", "ESMTPS", "ESMTPSA", "UTF8SMTP",
        "UTF8SMTPA", "UTF8SMTPS", "UTF8SMTPSA"};

    private Reply counted(Reply reply) {
        if (reply.isError() && reply.next() != Reply.Next.CLOSE) {
            errors++;
            if (errors >= settings.maxErrors()) {
                return reply.followedBy(
                        Reply.text("421 4.7.0 " + settings.hostname() + " Error: too many errors\r\n").thenClose());
            }
        }
        return reply;
    }

    private static Map<Verb, SmtpHandler> handlers() {
        Map<Verb, SmtpHandler> handlers = new EnumMap<>(Verb.class);
        handlers.put(Verb.HELO, HeloHandler::helo);
        handlers.put(Verb.EHLO, HeloHandler::ehlo);
        handlers.put(Verb.MAIL, MailHandler::mail);
        handlers.put(Verb.RCPT, RcptHandler::rcpt);
        handlers.put(Verb.DATA, DataHandler::data);
        handlers.put(Verb.BDAT, DataHandler::bdat);
        handlers.put(Verb.AUTH, AuthHandler::auth);
        handlers.put(Verb.STARTTLS, SimpleHandlers::startTls);
        handlers.put(Verb.RSET, SimpleHandlers::rset);
        handlers.put(Verb.NOOP, SimpleHandlers::noop);
        handlers.put(Verb.QUIT, SimpleHandlers::quit);
        handlers.put(Verb.VRFY, SimpleHandlers::vrfy);
        handlers.put(Verb.EXPN, SimpleHandlers::expn);
        handlers.put(Verb.HELP, SimpleHandlers::help);
        return handlers;
    }
}
