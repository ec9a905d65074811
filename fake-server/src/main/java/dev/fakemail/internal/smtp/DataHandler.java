package dev.fakemail.internal.smtp;

import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.internal.authentication.MessageAuthenticator;
import dev.fakemail.internal.fault.SessionFaults;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.ReceivedMessage;
import java.util.Locale;

/**
 * DATA (RFC 5321 §4.1.1.4) and BDAT (RFC 3030). A message is stored only when it arrived whole; its
 * reply "250 ... queued as N" is sent only after it is in the store, so a 250 always means retrievable.
 */
final class DataHandler {
    private DataHandler() {
    }

    static Reply data(SmtpSession session, SmtpCommand command) {
        Transaction transaction = session.transaction;
        if (!command.argument().isBlank()) {
            return SmtpReplies.syntax("DATA");
        }
        if (transaction == null) {
            return SmtpReplies.badSequence("need MAIL command");
        }
        if (transaction.recipients.isEmpty()) {
            return SmtpReplies.reply(554, "5.5.1", "Error: no valid recipients");
        }
        if (transaction.usesBdat()) {
            return SmtpReplies.badSequence("DATA after BDAT");
        }
        if (transaction.binaryMime) {
            return SmtpReplies.badSequence("BODY=BINARYMIME needs BDAT, not DATA");
        }
        return SmtpReplies.START_MAIL_INPUT.thenReadDotData(session.settings.maxMessageSize());
    }

    static Reply finishData(SmtpSession session, DotResult result, GrowableBytes data) {
        Transaction transaction = session.transaction;
        session.transaction = null;
        switch (result) {
            case COMPLETE:
                return accept(session, transaction, data);
            case TOO_LARGE:
                return SmtpReplies.reply(552, "5.3.4", "Error: message exceeds fixed maximum message size");
            case LINE_TOO_LONG:
                return SmtpReplies.reply(500, "5.5.2", "Error: line too long");
            default:
                return Reply.none().thenClose(); // the client left in the middle of DATA: nothing is stored
        }
    }

    static Reply bdat(SmtpSession session, SmtpCommand command) {
        String[] words = command.argument().trim().split(" +");
        boolean last = words.length == 2 && words[1].toUpperCase(Locale.ROOT).equals("LAST");
        if (words.length > 2 || (words.length == 2 && !last) || !words[0].matches("[0-9]{1,18}")) {
            // Without a valid size the chunk cannot be skipped; the client's bytes will read as bad commands.
            return SmtpReplies.syntax("BDAT size [LAST]");
        }
        long size = Long.parseLong(words[0]);
        Transaction transaction = session.transaction;
        Reply refusal = null;
        if (transaction == null) {
            refusal = SmtpReplies.badSequence("need MAIL command");
        } else if (transaction.recipients.isEmpty()) {
            refusal = SmtpReplies.reply(554, "5.5.1", "Error: no valid recipients");
        }
        if (refusal != null) {
            session.transaction = null;
            session.pendingChunk = new PendingChunk(last, refusal);
            return Reply.none().thenReadBytes(size, 0);
        }
        if (transaction.chunks == null) {
            transaction.chunks = new GrowableBytes();
        }
        long room = session.settings.maxMessageSize() - transaction.chunks.length();
        if (size > room) {
            // RFC 3030 §2: refuse the chunk that overflows (after reading it) and end the transaction, so the
            // client stops sending; later chunks of it get 503.
            session.transaction = null;
            session.pendingChunk = new PendingChunk(last,
                    SmtpReplies.reply(552, "5.3.4", "Error: message exceeds fixed maximum message size"));
            return Reply.none().thenReadBytes(size, 0);
        }
        session.pendingChunk = new PendingChunk(last, null);
        Reply read = Reply.none().thenReadBytes(size, size);
        return last ? read.endingMessage() : read;
    }

    static Reply finishChunk(SmtpSession session, boolean complete, GrowableBytes chunk) {
        PendingChunk pending = session.pendingChunk;
        session.pendingChunk = null;
        Transaction transaction = session.transaction;
        if (!complete) {
            session.transaction = null;
            return Reply.none().thenClose();
        }
        if (pending.refusal() != null) {
            return pending.refusal();
        }
        chunk.copyTo(transaction.chunks);
        if (!pending.last()) {
            return SmtpReplies.reply(250, "2.0.0", "Ok: " + chunk.length() + " octets received");
        }
        session.transaction = null;
        return accept(session, transaction, transaction.chunks);
    }

    /** The "was it sent?" case: the whole message arrived but the client never got a reply. Not delivered. */
    static void recordUnacknowledged(SmtpSession session, Transaction transaction, GrowableBytes content,
            String fate) {
        Envelope envelope = envelopeOf(session, transaction);
        session.connection.inbox().store(session.store).recordUnacknowledged(envelope, content.toArrayWithPrefix(TraceHeaders.of(session, envelope)),
                fate);
    }

    private static Envelope envelopeOf(SmtpSession session, Transaction transaction) {
        return new Envelope(transaction.mailFrom, transaction.mailParameters, transaction.recipients,
                session.heloName, session.connection.client(), session.connection.tlsProtocol(),
                session.authenticatedUser, session.protocolNameFor(transaction));
    }

    private static Reply accept(SmtpSession session, Transaction transaction, GrowableBytes content) {
        Envelope envelope = envelopeOf(session, transaction);
        if (envelope.equals(session.previousEnvelope)) {
            envelope = session.previousEnvelope; // one shared envelope instead of a copy per message
        } else {
            session.previousEnvelope = envelope;
        }
        byte[] raw = content.toArrayWithPrefix(TraceHeaders.of(session, envelope));
        session.connection.inbox().message(raw);
        MailRepository store = session.connection.inbox().store(session.store);
        SessionFaults faults = session.connection.faults();
        AuthenticationResults authentication = authenticate(session, envelope, raw);
        if (faults.cutOffPending()) {
            // A cut-off rule may end the connection inside the 250: then the client never learns it was accepted.
            // The reply names the id, so the id and the decision are taken in one step (a digit more is a byte more).
            ReceivedMessage message = store.deliverIfReplyArrives(envelope, raw,
                    id -> faults.replyWouldArriveWhole(queuedAs(id).wire().length),
                    "connection cut by a fault rule before the reply was complete", authentication);
            return queuedAs(message.id());
        }
        ReceivedMessage message = store.deliver(envelope, raw, authentication);
        return queuedAs(message.id());
    }

    /** SPF, DKIM and DMARC against the fake zone, on servers that have one (null otherwise: no work at all). */
    private static AuthenticationResults authenticate(SmtpSession session, Envelope envelope, byte[] raw) {
        MessageAuthenticator authenticator = session.settings.authenticator();
        if (authenticator == null) {
            return null;
        }
        AuthenticationResults results = authenticator.check(envelope, raw);
        session.connection.note("authentication: " + results.headerValue());
        return results;
    }

    private static Reply queuedAs(long id) {
        return SmtpReplies.reply(250, "2.0.0", "Ok: queued as " + id);
    }

    /** What to answer once a BDAT chunk has been read: a refusal decided before reading, or null. */
    record PendingChunk(boolean last, Reply refusal) {
    }
}
