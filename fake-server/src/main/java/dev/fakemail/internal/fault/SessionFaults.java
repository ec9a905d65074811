package dev.fakemail.internal.fault;

import dev.fakemail.fault.DelayDistribution;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultHit;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Sleeper;
import dev.fakemail.fault.Trigger;
import dev.fakemail.internal.journal.TranscriptWriter;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.SessionCommand;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The fault rules as one session meets them. The session loop and the protocol handlers call one method per
 * trigger point; each returns a reply that replaces what the server would have done (with its "then" saying
 * close, reset or stall), or null to go on. Delays are slept here and byte effects go to {@link #shaping()}.
 */
public final class SessionFaults {
    /** The code a DNS rule's answer effect reaches {@link FaultReplies} with; the text is the RCODE name. */
    public static final int DNS_ANSWER = -1;
    /** The code a DNS rule's truncate effect reaches {@link FaultReplies} with. */
    public static final int DNS_TRUNCATE = -2;

    /** An engine nobody can add rules to: the faults of sessions run without a server (socket-free tests). */
    private static final FaultEngine NO_RULES = new FaultEngine(0, java.time.Clock.systemUTC(), Sleeper.REAL);

    private FaultEngine engine;
    private dev.fakemail.internal.inbox.SessionInbox inbox;
    private final Protocol protocol;
    /** The transcript's session id. */
    private final long sessionId;
    /** The session's transcript, which also knows its id and client. */
    private final TranscriptWriter transcript;
    private Shaping shaping;
    private Runnable onShapingStarted = () -> { };
    private Runnable beforeWaiting = () -> { };
    /** Writes an untagged IMAP response now (the loop's output); set by the loop. */
    private java.util.function.Consumer<String> untagged = line -> { };
    private MailboxEffects mailboxEffects;
    /** The sender of the current transaction, for greylisting triplets. */
    private String mailFrom = "";
    private String lastVerb;
    private String lastArgument;

    SessionFaults(FaultEngine engine, Protocol protocol, TranscriptWriter transcript) {
        this.engine = engine;
        this.protocol = protocol;
        this.sessionId = transcript.sessionId();
        this.transcript = transcript;
    }

    /** Faults of a session that can never have rules. */
    public static SessionFaults none() {
        return new SessionFaults(NO_RULES, Protocol.SMTP, new TranscriptWriter(0, "smtp", null, NO_RULES.clock()));
    }

    /** Binds next-connection rules to this session and notes the plan in the transcript. */
    public void open() {
        ActiveRule[] rules = engine.current();
        for (ActiveRule rule : rules) {
            rule.offerConnection(protocol, sessionId);
        }
        if (rules.length > 0) {
            transcript.event("fault rules: " + rules.length + ", seed " + engine.seed());
        }
    }

    /**
     * The session's inbox: while it may still move to an isolated inbox, commands are looked at (RCPT routes
     * by address) even when no rule exists.
     */
    public void inbox(dev.fakemail.internal.inbox.SessionInbox inbox) {
        this.inbox = inbox;
    }

    /** The session moved to an isolated inbox: from now on only that inbox's rules apply. */
    public void moveTo(FaultEngine inboxRules) {
        engine = inboxRules;
        open();
    }

    /** The loop flushes pending replies here before a rule makes the session wait or end. */
    public void beforeWaiting(Runnable flush) {
        this.beforeWaiting = flush;
    }

    /** Where the untagged effect writes its line ("* " and CRLF are added by the caller). */
    public void untaggedOutput(java.util.function.Consumer<String> output) {
        this.untagged = output;
    }

    /** The session that carries out expunge-elsewhere and new-uidvalidity (IMAP's; null for other protocols). */
    public void mailboxEffects(MailboxEffects effects) {
        this.mailboxEffects = effects;
    }

    /** The loop wraps its streams when the first byte effect fires. */
    public void onShapingStarted(Runnable wrapStreams) {
        this.onShapingStarted = wrapStreams;
    }

    /**
     * Whether a reply of this many bytes would reach the client whole, or a cut-off rule would end the
     * connection first: a message is stored only if its success reply can arrive.
     */
    public boolean replyWouldArriveWhole(int replyLength) {
        return !cutOffPending() || shaping.bytesLeft() >= replyLength;
    }

    /** True once a disconnect-after-bytes rule has fired: the connection ends after its allowance. */
    public boolean cutOffPending() {
        return shaping != null && shaping.bytesLeft() != Shaping.UNLIMITED;
    }

    /** The byte effects in force, or null while none has fired. */
    public Shaping shaping() {
        return shaping;
    }

    public Sleeper sleeper() {
        return engine.sleeper();
    }

    /** One volatile read: false means no rule exists and the caller can skip the rest. */
    public boolean isActive() {
        return !engine.isEmpty() || (inbox != null && inbox.routing());
    }

    public Reply onConnect(FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.CONNECT, "", "", replies);
    }

    /**
     * A command before it runs: rules match its verb ("UID FETCH" for IMAP's two-word form) and its fault
     * argument (the address for MAIL/RCPT, else the argument). Lines that are no command are not matched.
     */
    public Reply onCommand(SessionCommand command, FaultReplies replies) throws InterruptedIOException {
        if (!command.isCommand()) {
            return null;
        }
        String verb = command.faultVerb();
        String argument = command.faultArgument();
        lastVerb = verb;
        lastArgument = argument;
        if (verb.equals("MAIL")) {
            mailFrom = argument;
        } else if (inbox != null && verb.equals("RCPT") && protocol == Protocol.SMTP) {
            inbox.recipient(argument); // before this RCPT's rules: a recipient-routed inbox's rules apply to it
        }
        return evaluate(Point.COMMAND, verb, argument, replies);
    }

    /** After the reply to the last command went out. */
    public Reply afterReply(FaultReplies replies) throws InterruptedIOException {
        if (lastVerb == null) {
            return null;
        }
        String verb = lastVerb;
        lastVerb = null;
        return evaluate(Point.AFTER_REPLY, verb, lastArgument, replies);
    }

    /** True if some rule watches DATA lines, so the reader reports each line. */
    public boolean watchesDataLines() {
        for (ActiveRule rule : engine.current()) {
            if (rule.rule().trigger() instanceof Trigger.DataLine && rule.appliesTo(protocol, sessionId)) {
                return true;
            }
        }
        return false;
    }

    /** One line of message data; a terminal effect unwinds the reader with a {@link FaultInterruption}. */
    public void onDataLine(byte[] bytes, int offset, int length, FaultReplies replies) throws java.io.IOException {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        String line = new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
        Reply reply = evaluate(Point.DATA_LINE, "", line, replies);
        if (reply != null) {
            throw new FaultInterruption(reply);
        }
    }

    /**
     * A command announced a literal of {@code length} octets: called before the "+" continuation goes out
     * (for LITERAL+ before the literal is read); rules match the verb of the command it belongs to.
     */
    public Reply onLiteral(long length, FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.LITERAL, literalVerb(), Long.toString(length), replies);
    }

    /** A literal of {@code length} octets arrived whole. */
    public Reply onLiteralEnd(long length, FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.LITERAL_END, literalVerb(), Long.toString(length), replies);
    }

    /** The verb of the command a literal belongs to: its reply has not gone out yet, so it is still the last one. */
    private String literalVerb() {
        return lastVerb == null ? "" : lastVerb;
    }

    /** The session entered IDLE and its continuation went out. */
    public Reply onIdle(FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.IDLE, "IDLE", "", replies);
    }

    public Reply onEndOfData(FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.END_OF_DATA, "", "", replies);
    }

    public Reply onTlsHandshake(FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.TLS, "", "", replies);
    }

    /** Valid credentials were presented; a reply here refuses the login. */
    public Reply onAuthentication(String mechanism, String user, FaultReplies replies) throws InterruptedIOException {
        return evaluate(Point.AUTH, mechanism, user, replies);
    }

    /**
     * {@link #onAuthentication} as every login handler wants it: null when no rule answers (or none is active), a
     * rule's reply, or a silent close when the server stops during a scripted delay.
     */
    public Reply refusalOfLogin(String mechanism, String user, FaultReplies replies) {
        if (!isActive()) {
            return null;
        }
        try {
            return onAuthentication(mechanism, user, replies);
        } catch (InterruptedIOException stopping) {
            return Reply.none().thenClose();
        }
    }

    /** The capability lines (without status prefixes) as the rules want them advertised. */
    public List<String> capabilities(List<String> lines) {
        if (engine.isEmpty()) {
            return lines;
        }
        List<String> edited = lines;
        for (ActiveRule rule : engine.current()) {
            if (rule.rule().trigger() instanceof Trigger.Capabilities && rule.appliesTo(protocol, sessionId)
                    && rule.budgetAllows()) {
                Effect effect = rule.rule().effect();
                if (effect instanceof Effect.Delay delay) {
                    long millis = millisOf(rule, delay.distribution());
                    fired(rule, " (waiting " + millis + " ms)");
                    try {
                        sleep(millis);
                    } catch (InterruptedIOException e) {
                        return edited;
                    }
                    continue;
                }
                edited = CapabilityEdits.apply(edited, effect);
                fired(rule, "");
            }
        }
        return edited;
    }

    private Reply evaluate(Point point, String verb, String argument, FaultReplies replies)
            throws InterruptedIOException {
        ActiveRule[] rules = engine.current();
        if (rules.length == 0) {
            return null;
        }
        for (ActiveRule rule : rules) {
            if (rule.appliesTo(protocol, sessionId) && point.matches(rule.rule().trigger(), verb, argument)
                    && rule.budgetAllows()) {
                Reply reply = apply(rule, point, argument, replies);
                if (reply != null) {
                    return reply;
                }
            }
        }
        return null;
    }

    private Reply apply(ActiveRule rule, Point point, String argument, FaultReplies replies)
            throws InterruptedIOException {
        Effect effect = rule.rule().effect();
        if (effect instanceof Effect.Answer answer) {
            fired(rule, "");
            return replies.faultReply(DNS_ANSWER, "", answer.rcode(), false);
        } else if (effect instanceof Effect.Truncate) {
            fired(rule, "");
            return replies.faultReply(DNS_TRUNCATE, "", "", false);
        } else if (effect instanceof Effect.Reply reply) {
            fired(rule, "");
            beforeWaiting.run();
            return replies.faultReply(reply.code(), reply.status(), reply.text(), reply.disconnect());
        } else if (effect instanceof Effect.Delay delay) {
            long millis = millisOf(rule, delay.distribution());
            fired(rule, " (waiting " + millis + " ms)");
            sleep(millis);
        } else if (effect instanceof Effect.Throttle throttle) {
            fired(rule, "");
            shapingToStart().throttle(throttle.bytesPerSecond());
        } else if (effect instanceof Effect.Slice slice) {
            fired(rule, "");
            shapingToStart().slice(slice.bytes(), slice.pause().toMillis());
        } else if (effect instanceof Effect.DisconnectAfterBytes cut) {
            fired(rule, "");
            if (cut.bytes() == 0) {
                return Reply.none().thenClose(); // nothing more goes out: close now
            }
            shapingToStart().cutAfter(cut.bytes());
        } else if (effect instanceof Effect.Stall stall) {
            fired(rule, "");
            beforeWaiting.run();
            return Reply.none().thenStall(stall.closeAfter());
        } else if (effect instanceof Effect.Disconnect) {
            fired(rule, "");
            return Reply.none().thenClose();
        } else if (effect instanceof Effect.Reset) {
            fired(rule, "");
            return Reply.none().thenReset();
        } else if (effect instanceof Effect.Greylist greylist) {
            return greylist(rule, greylist, argument, replies);
        } else if (effect instanceof Effect.Untagged line) {
            fired(rule, "");
            untagged.accept(line.line());
        } else if (effect instanceof Effect.ExpungeElsewhere expunge) {
            fired(rule, mailboxEffects == null ? " (no mailbox here)"
                    : " (" + mailboxEffects.expungeElsewhere(expunge.which()) + ")");
        } else if (effect instanceof Effect.NewUidValidity) {
            fired(rule, mailboxEffects == null ? " (no mailbox here)" : " (" + mailboxEffects.newUidValidity() + ")");
        } else if (effect instanceof Effect.Quota quota) {
            fired(rule, mailboxEffects == null ? " (no mailbox here)" : " (" + mailboxEffects.quota(quota.limits()) + ")");
        } else if (effect instanceof Effect.RateLimit limit) {
            long now = engine.clock().millis();
            if (!rule.tryAcquire(now, limit.limit(), limit.window().toMillis())) {
                fired(rule, "");
                return point == Point.CONNECT
                        ? replies.faultReply(421, "4.7.0", "Too many connections, try again later", true)
                        : replies.faultReply(451, "4.7.1", "Rate limit exceeded, try again later", false);
            }
        }
        return null;
    }

    private Reply greylist(ActiveRule rule, Effect.Greylist greylist, String recipient, FaultReplies replies) {
        String triplet = transcript.client().getAddress().getHostAddress() + "|"
                + mailFrom.toLowerCase(java.util.Locale.ROOT) + "|" + recipient.toLowerCase(java.util.Locale.ROOT);
        long now = engine.clock().millis();
        long firstSeen = rule.firstSeen.computeIfAbsent(triplet, key -> now);
        long waitMillis = firstSeen + greylist.window().toMillis() - now;
        if (waitMillis <= 0) {
            return null; // retried after the window: passes from now on
        }
        long seconds = Duration.ofMillis(waitMillis).toSeconds() + (waitMillis % 1000 == 0 ? 0 : 1);
        fired(rule, " (" + triplet + ")");
        return replies.faultReply(451, "4.7.1", "Greylisted, please try again in " + seconds + " seconds", false);
    }

    private long millisOf(ActiveRule rule, DelayDistribution distribution) {
        if (distribution instanceof DelayDistribution.Fixed fixed) {
            return fixed.duration().toMillis();
        }
        if (distribution instanceof DelayDistribution.Uniform uniform) {
            long min = uniform.min().toMillis();
            return min + Math.round((uniform.max().toMillis() - min) * rule.nextDouble());
        }
        DelayDistribution.LogNormal logNormal = (DelayDistribution.LogNormal) distribution;
        double millis = logNormal.median().toMillis() * Math.exp(logNormal.sigma() * rule.nextGaussian());
        return Math.round(Math.min(millis, Duration.ofHours(1).toMillis()));
    }

    private void sleep(long millis) throws InterruptedIOException {
        beforeWaiting.run();
        Pacer.pause(engine.sleeper(), millis);
    }

    private Shaping shapingToStart() {
        if (shaping == null) {
            shaping = new Shaping();
            onShapingStarted.run();
        }
        return shaping;
    }

    private void fired(ActiveRule rule, String detail) {
        long hit = rule.recordHit();
        String description = rule.rule().toText();
        transcript.event("fault #" + rule.id() + " hit " + hit + ": " + description + detail);
        engine.fired(new FaultHit(rule.id(), hit, sessionId, protocol, engine.clock().instant(), description));
    }

    /** Where in the session a trigger is consulted. */
    private enum Point {
        CONNECT, COMMAND, AFTER_REPLY, DATA_LINE, END_OF_DATA, TLS, AUTH, LITERAL, LITERAL_END, IDLE;

        boolean matches(Trigger trigger, String verb, String argument) {
            switch (this) {
                case CONNECT:
                    return trigger instanceof Trigger.Connect;
                case COMMAND:
                    return trigger instanceof Trigger.Command command && verbMatches(command.verb(), verb)
                            && Glob.matches(command.match(), argument);
                case AFTER_REPLY:
                    return trigger instanceof Trigger.AfterReply after && verbMatches(after.verb(), verb)
                            && Glob.matches(after.match(), argument);
                case LITERAL:
                    return trigger instanceof Trigger.Literal literal && verbMatches(literal.verb(), verb);
                case LITERAL_END:
                    return trigger instanceof Trigger.LiteralEnd literalEnd && verbMatches(literalEnd.verb(), verb);
                case IDLE:
                    return trigger instanceof Trigger.Idle;
                case DATA_LINE:
                    return trigger instanceof Trigger.DataLine line && Glob.matches(line.match(), argument);
                case END_OF_DATA:
                    return trigger instanceof Trigger.EndOfData;
                case TLS:
                    return trigger instanceof Trigger.TlsHandshake;
                case AUTH:
                    return trigger instanceof Trigger.Authentication auth && Glob.matches(auth.mechanism(), verb)
                            && Glob.matches(auth.user(), argument);
                default:
                    return false;
            }
        }

        /**
         * "*" matches every verb; an IMAP verb without UID matches its UID form too ("FETCH": FETCH and UID
         * FETCH), "UID FETCH" only the UID form, and "UID" alone every UID command.
         */
        private static boolean verbMatches(String ruleVerb, String verb) {
            if (ruleVerb.equals("*") || ruleVerb.equals(verb)) {
                return true;
            }
            return verb.startsWith("UID ") && (ruleVerb.equals("UID") || ruleVerb.equals(verb.substring(4)));
        }
    }
}
