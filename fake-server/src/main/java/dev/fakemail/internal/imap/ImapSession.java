package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.internal.sasl.SaslExchange;
import dev.fakemail.internal.session.ConnectionInfo;
import dev.fakemail.internal.session.ProtocolSession;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.SessionCommand;
import dev.fakemail.internal.store.MailRepository;
import dev.fakemail.internal.text.WireText;
import dev.fakemail.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IMAP4rev1 session (RFC 3501): assembles each command from its lines and literals, parses it once, checks
 * the state it is allowed in and hands it to a small handler, which writes the untagged responses and returns
 * the tagged one. Changes made elsewhere reach the client through the {@link SelectedMailbox} at the points
 * RFC 3501 §7 allows.
 */
public final class ImapSession implements ProtocolSession {
    enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }

    /**
     * The protocol dialect the session speaks. Where IMAP4rev2 (RFC 9051) answers differently, the handlers ask
     * the dialect, so that ENABLE IMAP4rev2 (once advertised) switches this one field. Today: IMAP4rev1 always.
     */
    enum Dialect {
        IMAP4REV1, IMAP4REV2;

        /** RFC 9051 dropped \Recent: no RECENT responses. */
        boolean sendsRecent() {
            return this == IMAP4REV1;
        }
    }

    /** One command: may write untagged responses to {@code out}; returns the reply to send. */
    @FunctionalInterface
    interface Handler {
        Reply handle(ImapSession session, ImapCommand command, ImapOut out);
    }

    private static final Map<String, Handler> ANY_STATE = Map.of(
            "CAPABILITY", AnyStateHandlers::capability,
            "NOOP", AnyStateHandlers::noop,
            "LOGOUT", AnyStateHandlers::logout,
            "ID", AnyStateHandlers::id,
            "ENABLE", AnyStateHandlers::enable);
    private static final Map<String, Handler> NOT_AUTHENTICATED = Map.of(
            "LOGIN", LoginHandlers::login,
            "AUTHENTICATE", LoginHandlers::authenticate,
            "STARTTLS", LoginHandlers::startTls);
    private static final Map<String, Handler> AUTHENTICATED = Map.ofEntries(
            Map.entry("SELECT", MailboxHandlers::open),
            Map.entry("EXAMINE", MailboxHandlers::open),
            Map.entry("CREATE", MailboxHandlers::create),
            Map.entry("DELETE", MailboxHandlers::delete),
            Map.entry("RENAME", MailboxHandlers::rename),
            Map.entry("SUBSCRIBE", MailboxHandlers::subscribe),
            Map.entry("UNSUBSCRIBE", MailboxHandlers::unsubscribe),
            Map.entry("LIST", ListHandlers::list),
            Map.entry("LSUB", ListHandlers::lsub),
            Map.entry("STATUS", ListHandlers::status),
            Map.entry("APPEND", AppendHandler::append),
            Map.entry("NAMESPACE", ListHandlers::namespace),
            Map.entry("IDLE", IdleHandler::idle),
            Map.entry("GETQUOTA", QuotaHandlers::getQuota),
            Map.entry("GETQUOTAROOT", QuotaHandlers::getQuotaRoot),
            Map.entry("SETQUOTA", QuotaHandlers::setQuota),
            Map.entry("COMPRESS", CompressHandler::compress),
            Map.entry("NOTIFY", NotifyHandler::notify));
    private static final Map<String, Handler> SELECTED = Map.ofEntries(
            Map.entry("CHECK", SelectedHandlers::check),
            Map.entry("CLOSE", SelectedHandlers::close),
            Map.entry("UNSELECT", SelectedHandlers::unselect),
            Map.entry("EXPUNGE", SelectedHandlers::expunge),
            Map.entry("SEARCH", SearchHandler::search),
            Map.entry("FETCH", FetchHandler::fetch),
            Map.entry("STORE", StoreHandler::store),
            Map.entry("COPY", SelectedHandlers::transfer),
            Map.entry("MOVE", SelectedHandlers::transfer),
            Map.entry("SORT", SortHandler::sort),
            Map.entry("THREAD", ThreadHandler::thread),
            Map.entry("CANCELUPDATE", SortHandler::cancelUpdate));
    /** Commands that may be UID-prefixed. */
    private static final java.util.Set<String> UID_VERBS = java.util.Set.of("FETCH", "STORE", "SEARCH", "COPY",
            "MOVE", "EXPUNGE", "SORT", "THREAD");

    final ImapSettings settings;
    /** The default inbox's store until a login moves the session to an isolated inbox. */
    MailRepository store;
    final ConnectionInfo connection;
    State state = State.NOT_AUTHENTICATED;
    String user;
    SelectedMailbox selected;
    Dialect dialect = Dialect.IMAP4REV1;
    /** CONDSTORE switched on (RFC 7162 §3.1): FETCH responses then carry MODSEQ. */
    boolean condstore;
    /** QRESYNC enabled (RFC 7162 §3.2.3): expunges are told as VANISHED, SELECT may resynchronize. */
    boolean qresync;
    /** UTF8=ACCEPT enabled (RFC 6855): mailbox names go out in UTF-8, APPEND takes UTF8 (literal8). */
    boolean utf8Accept;
    /** COMPRESS=DEFLATE is active (RFC 4978): a second COMPRESS is refused. */
    boolean compressed;
    /** NOTIFY SET in force (RFC 5465), else null. */
    private Notifications notifications;
    /** The SASL exchange waiting for the client's next line, and its command's tag. */
    SaslExchange sasl;
    String saslTag;
    /** The tag of the IDLE command while idling, else null. */
    String idleTag;
    private final ByteArrayOutputStream assembly = new ByteArrayOutputStream();
    /** While a literal over the limit is skipped: the tag that gets the BAD once the command's end arrives. */
    private String discardingTag;
    /** The discarded command was already answered (a literal fault rule): no BAD at its end. */
    private boolean discardQuietly;
    /** The literal the session asked for last (a literal fault rule may answer instead). */
    private Literal pendingLiteral;
    private String faultTag = "*";
    /** The transcript masks the next continuation line (a LOGIN password after a literal user name). */
    boolean maskNextLine;
    private int errors;

    public ImapSession(ImapSettings settings, MailRepository store, ConnectionInfo connection) {
        this.settings = settings;
        this.store = store;
        this.connection = connection;
    }

    @Override
    public Reply greeting() {
        return Reply.text("* OK [CAPABILITY " + Capabilities.greeting(this) + "] fakemail ready\r\n");
    }

    @Override
    public SessionCommand parse(byte[] line) {
        String[] view = faultView(line);
        String transcript = Transcripts.clientLine(this, line, assembly.size() > 0);
        return view == null ? SessionCommand.of(line, null, null, transcript)
                : SessionCommand.of(line, view[0], view[1], transcript);
    }

    @Override
    public Reply onCommand(SessionCommand command) {
        return onLine(command.line());
    }

    @Override
    public Reply onIdleLine(byte[] line) {
        return IdleHandler.onIdleLine(this, line);
    }

    @Override
    public Reply pushed() {
        Reply pending = idleTag != null ? IdleHandler.pending(this) : NotifyPushes.pending(this, notifications);
        return pending == null ? Reply.none() : pending;
    }

    /** With NOTIFY on, the loop pushes between commands too (RFC 5465: the client need not poll). */
    @Override
    public boolean pushesBetweenCommands() {
        return notifications != null;
    }

    Notifications startNotifications(List<NotifyFilter> filters) {
        stopNotifications();
        notifications = new Notifications(this, filters);
        return notifications;
    }

    void stopNotifications() {
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
    }

    private Reply onLine(byte[] line) {
        if (sasl != null) {
            return LoginHandlers.continueAuthenticate(this, line);
        }
        Literal literal = Literal.atEndOf(line);
        if (discardingTag != null) {
            return literal != null ? Reply.none().thenReadBytes(literal.length, 0) : badAfterDiscarding();
        }
        if (assembly.size() + line.length > settings.maxLiteral() + ImapSettings.MAX_LINE_LENGTH) {
            assembly.reset();
            return counted(bad("* BAD command too long"));
        }
        assembly.write(line, 0, line.length);
        if (literal == null) {
            byte[] command = assembly.toByteArray();
            assembly.reset();
            return counted(execute(command));
        }
        if (literal.length > settings.maxLiteral()) {
            String tag = ImapCommand.tagOf(assembly.toByteArray());
            assembly.reset();
            if (literal.nonSynchronizing) {
                discardingTag = tag == null ? "*" : tag;
                return Reply.none().thenReadBytes(literal.length, 0); // RFC 7888 §4: read it, then say no
            }
            return counted(Reply.text((tag == null ? "*" : tag) + " NO [TOOBIG] literal of " + literal.length
                    + " octets is over the limit of " + settings.maxLiteral() + "\r\n"));
        }
        assembly.write('\r');
        assembly.write('\n');
        pendingLiteral = literal;
        Reply request = literal.nonSynchronizing ? Reply.none() : Reply.text("+ Ready for literal data\r\n");
        return request.thenReadLiteral(literal.length, literal.length);
    }

    /**
     * A literal fault rule answered instead: the command is dropped. A client that sent a LITERAL+ literal, or
     * whose literal already arrived, still sends the rest of the command; that is read and dropped quietly. An
     * APPEND whose literal arrived whole but whose connection a rule ended gets no answer: the "was it sent?"
     * case, recorded as unacknowledged and never stored.
     */
    @Override
    public Reply onLiteralRefusedByFault(Reply fault, long length, GrowableBytes literal) {
        byte[] command = assembly.toByteArray();
        assembly.reset();
        if (fault.endsConnection()) {
            if (literal != null && fault.isSilent() && "APPEND".equals(verbOf(command)) && user != null) {
                recordUnacknowledgedAppend(literal, fault);
            }
            return fault;
        }
        boolean restFollows = literal != null || (pendingLiteral != null && pendingLiteral.nonSynchronizing);
        if (!restFollows) {
            return fault; // a synchronizing literal not yet asked for: the client abandons the command
        }
        discardingTag = "*";
        discardQuietly = true;
        return literal != null ? fault : fault.followedBy(Reply.none().thenReadBytes(length, 0));
    }

    private static String verbOf(byte[] command) {
        String text = new String(command, 0, Math.min(command.length, 64), StandardCharsets.US_ASCII);
        String[] words = text.split("[ \r\n]+", 4);
        return words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    }

    private void recordUnacknowledgedAppend(GrowableBytes literal, Reply fault) {
        dev.fakemail.store.Envelope envelope = new dev.fakemail.store.Envelope("", Map.of(),
                List.of(new dev.fakemail.store.EnvelopeRecipient(user, Map.of())), null, connection.client(),
                connection.tlsProtocol(), user, "IMAP");
        store.recordUnacknowledged(envelope, java.util.Arrays.copyOf(literal.array(), literal.length()),
                "connection " + fault.connectionEnding() + " by a fault rule after the APPEND literal arrived, "
                        + "before any reply");
    }

    @Override
    public dev.fakemail.internal.fault.MailboxEffects mailboxEffects() {
        return new MailboxFaults(this);
    }

    /** The last word to a session whose selected mailbox was deleted or re-created elsewhere (as Dovecot says it). */
    Reply goneBye() {
        String name = selected.mailbox.name();
        leaveSelected();
        return Reply.text("* BYE [UNAVAILABLE] selected mailbox " + MailboxNames.encode(name)
                + " was deleted or re-created elsewhere; its UIDs are no longer valid\r\n").thenClose();
    }

    private Reply badAfterDiscarding() {
        String tag = discardingTag;
        discardingTag = null;
        if (discardQuietly) {
            discardQuietly = false;
            return Reply.none();
        }
        return counted(bad(tag + " BAD literal over the limit of " + settings.maxLiteral() + " octets"));
    }

    @Override
    public Reply onBytes(boolean complete, GrowableBytes data) {
        if (!complete) {
            assembly.reset();
            return Reply.none().thenClose();
        }
        if (discardingTag == null) {
            assembly.write(data.array(), 0, data.length());
        }
        return Reply.none();
    }

    private Reply execute(byte[] bytes) {
        ImapCommand command;
        try {
            command = ImapCommand.parse(bytes);
        } catch (ImapSyntaxException e) {
            String tag = ImapCommand.tagOf(bytes);
            return bad((tag == null ? "*" : tag) + " BAD " + e.getMessage());
        }
        Handler handler = handlerFor(command);
        if (handler == null) {
            return bad(command.tag + " BAD " + unavailable(command));
        }
        ImapOut out = new ImapOut(256);
        try {
            return handler.handle(this, command, out);
        } catch (ImapSyntaxException e) {
            return bad(command.tag + " BAD " + e.getMessage());
        } catch (RuntimeException e) {
            // a defect of ours must cost the client one command, never the connection
            return Reply.text(command.tag + " NO [SERVERBUG] " + command.name() + " failed: "
                    + String.valueOf(e).replaceAll("[\r\n]", " ") + "\r\n");
        }
    }

    private Handler handlerFor(ImapCommand command) {
        if (command.uid && !UID_VERBS.contains(command.verb)) {
            return null;
        }
        Handler handler = ANY_STATE.get(command.verb);
        if (handler != null) {
            return handler;
        }
        switch (state) {
            case NOT_AUTHENTICATED:
                return NOT_AUTHENTICATED.get(command.verb);
            case AUTHENTICATED:
                return AUTHENTICATED.get(command.verb);
            case SELECTED:
                handler = SELECTED.get(command.verb);
                return handler != null ? handler : AUTHENTICATED.get(command.verb);
            default:
                return null;
        }
    }

    private String unavailable(ImapCommand command) {
        String verb = command.verb;
        if (command.uid && !UID_VERBS.contains(verb)) {
            return "UID " + verb + " is not a command";
        }
        if (NOT_AUTHENTICATED.containsKey(verb)) {
            return verb + " only before logging in";
        }
        if (AUTHENTICATED.containsKey(verb)) {
            return verb + " needs a login first";
        }
        if (SELECTED.containsKey(verb)) {
            return verb + " needs a selected mailbox (SELECT or EXAMINE first)";
        }
        return "unknown command " + verb.replaceAll("[^A-Z0-9.-]", "?");
    }

    // ---------------------------------------------------------------- replies

    /** Untagged updates allowed now, then the tagged OK. */
    Reply ok(ImapCommand command, ImapOut out, String text) {
        return tagged(command, out, "OK", text, true);
    }

    Reply no(ImapCommand command, ImapOut out, String text) {
        return tagged(command, out, "NO", text, true);
    }

    Reply bad(ImapCommand command, String text) {
        return bad(command.tag + " BAD " + text);
    }

    /**
     * Ends a command: with {@code updates}, first the changes made elsewhere that the client may hear now
     * (expunges only after commands that are not FETCH, STORE or SEARCH by message number).
     */
    Reply tagged(ImapCommand command, ImapOut out, String status, String text, boolean updates) {
        if (selected != null && selected.isGone()) {
            return goneBye();
        }
        if (updates && selected != null) {
            boolean expungesAllowed = command.uid || !(command.verb.equals("FETCH") || command.verb.equals("STORE")
                    || command.verb.equals("SEARCH") || command.verb.equals("SORT") || command.verb.equals("THREAD"));
            drainUpdates(out, expungesAllowed);
        }
        if (updates && notifications != null) {
            notifications.drain(out);
        }
        // The text may name what the client sent (a mailbox from a literal): one line, like bad().
        // UTF-8, never char-to-byte: a name such as U+040D would otherwise put a bare CR (0x0D) on the wire.
        out.ascii(command.tag).ch(' ').ascii(status).ch(' ')
                .raw(WireText.oneLine(text).getBytes(StandardCharsets.UTF_8)).ascii("\r\n");
        byte[] bytes = out.toByteArray();
        Reply reply = Reply.bytes(bytes, new String(bytes, StandardCharsets.UTF_8));
        return status.equals("BAD") ? reply.asError() : reply;
    }

    synchronized void drainUpdates(ImapOut out, boolean expungesAllowed) {
        SelectedMailbox mailbox = selected;
        if (mailbox != null) {
            mailbox.drain(out, expungesAllowed, () -> mailbox.readOnly ? store.unclaimedRecent(mailbox.mailbox)
                    : store.claimRecent(mailbox.mailbox), this::writeFlags);
            mailbox.searches.afterUpdates(mailbox, out); // RFC 5267 ADDTO / REMOVEFROM, after EXISTS
        }
    }

    /**
     * A CONDSTORE enabling command (RFC 7162 §3.1): from now on FETCH responses carry MODSEQ; the first one while
     * a mailbox is selected also tells its HIGHESTMODSEQ.
     */
    void enableCondstore(ImapOut out) {
        if (!condstore) {
            condstore = true;
            if (selected != null) {
                out.ascii("* OK [HIGHESTMODSEQ ").number(selected.mailbox.highestModSeq()).ascii("] CONDSTORE on\r\n");
            }
        }
    }

    /** {@code FLAGS (...)} as this session sees the message, and its MODSEQ when CONDSTORE is on. */
    void writeFlags(ImapOut out, StoredMessage message) {
        writeFlagsOnly(out, message);
        if (condstore) {
            out.ascii(" MODSEQ (").number(message.modSeq()).ch(')');
        }
    }

    /** {@code FLAGS (...)} as this session sees the message (with \\Recent where it holds it). */
    void writeFlagsOnly(ImapOut out, StoredMessage message) {
        writeFlagsOnly(out, message, selected != null && selected.isRecent(message.uid()));
    }

    static void writeFlagsOnly(ImapOut out, StoredMessage message, boolean recent) {
        out.ascii("FLAGS (");
        boolean first = true;
        if (recent) {
            out.ascii("\\Recent");
            first = false;
        }
        for (String flag : message.flags()) {
            if (!first) {
                out.ch(' ');
            }
            out.ascii(flag);
            first = false;
        }
        out.ch(')');
    }

    /** Selects {@code mailbox}: listens to the store, then reads the mailbox and claims \\Recent with {@code recent}. */
    void select(SelectedMailbox mailbox, java.util.function.Supplier<java.util.List<Long>> recent) {
        leaveSelected();
        selected = mailbox;
        state = State.SELECTED;
        mailbox.onPending(connection.output()::wake); // only writes while idle; otherwise changes wait their turn
        subscription = store.subscribe(mailbox);
        mailbox.readMailbox(recent.get()); // only now: what arrives from here on is told to it (see readMailbox)
    }

    private AutoCloseable subscription;

    void leaveSelected() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list cannot fail
            }
            subscription = null;
        }
        if (selected != null) {
            selected.onPending(null);
            selected = null;
            state = State.AUTHENTICATED;
        }
    }

    /** Counts BAD replies in a row (they are marked as errors where they are made); too many end with BYE. */
    private Reply counted(Reply reply) {
        if (!reply.isError()) {
            errors = 0;
            return reply;
        }
        if (++errors >= settings.maxErrors()) {
            return reply.followedBy(Reply.text("* BYE too many bad commands\r\n").thenClose());
        }
        return reply;
    }

    /**
     * A BAD response line (tagged or untagged), marked as an error for the count of bad commands. Its text may
     * quote the command up to where parsing stopped, literal bytes included: kept to one line.
     */
    static Reply bad(String line) {
        return Reply.error(WireText.oneLine(line) + "\r\n");
    }

    // ---------------------------------------------------------------- loop callbacks

    @Override
    public Reply onLineTooLong() {
        assembly.reset();
        return counted(bad("* BAD line longer than " + ImapSettings.MAX_LINE_LENGTH + " octets"));
    }

    @Override
    public Reply onDotData(DotResult result, GrowableBytes data) {
        throw new IllegalStateException("IMAP never reads dot-terminated data");
    }

    @Override
    public Reply onTlsStarted() {
        return Reply.none();
    }

    @Override
    public Reply onIdleTimeout() {
        return Reply.text("* BYE idle for too long, closing the connection\r\n").thenClose();
    }

    @Override
    public void onEnd() {
        stopNotifications();
        leaveSelected();
        assembly.reset();
        sasl = null;
    }

    @Override
    public int maxLineLength() {
        return ImapSettings.MAX_LINE_LENGTH;
    }

    @Override
    public boolean awaitsContinuation() {
        return sasl != null || idleTag != null || assembly.size() > 0 || discardingTag != null;
    }

    /** What fault rules see of a line: verb and argument, or null for the rest of a command already seen. */
    private String[] faultView(byte[] line) {
        if (sasl != null || idleTag != null || assembly.size() > 0 || discardingTag != null) {
            return null; // a continuation of a command already seen
        }
        String tag = ImapCommand.tagOf(line);
        if (tag == null) {
            return null;
        }
        faultTag = tag;
        String text = new String(line, tag.length(), line.length - tag.length(), StandardCharsets.UTF_8).trim();
        String[] words = text.split(" ", 3);
        int verbAt = words[0].equalsIgnoreCase("UID") && words.length > 1 ? 1 : 0;
        String verb = (verbAt == 1 ? "UID " : "") + words[verbAt].toUpperCase(Locale.ROOT);
        String argument = verbAt + 1 < words.length
                ? String.join(" ", java.util.Arrays.copyOfRange(words, verbAt + 1, words.length)) : "";
        return new String[] {verb, argument};
    }

    /**
     * Scripted replies in IMAP's words: 421 is {@code * BYE} and a close; other codes ≥ 400 a tagged NO with the
     * status as response code when it is one ([UNAVAILABLE], [OVERQUOTA]...), and below 400 a tagged OK.
     */
    @Override
    public Reply faultReply(int code, String status, String text, boolean disconnect) {
        if (code == 421) {
            return Reply.text("* BYE [UNAVAILABLE] " + text + "\r\n").thenClose();
        }
        String responseCode = status != null && status.matches("[A-Za-z][A-Za-z-]*")
                ? "[" + status.toUpperCase(Locale.ROOT) + "] " : code >= 400 && code < 500 ? "[UNAVAILABLE] " : "";
        String statusWord = code < 400 ? "OK" : code >= 500 && code < 600 && "BAD".equalsIgnoreCase(status) ? "BAD" : "NO";
        if ("BAD".equalsIgnoreCase(status)) {
            responseCode = "";
        }
        Reply reply = Reply.text(faultTag + " " + statusWord + " " + responseCode + text + "\r\n");
        reply = statusWord.equals("BAD") ? reply.asError() : reply;
        return disconnect ? reply.thenClose() : reply;
    }

    /** A literal announcement at the end of a line: {n} or {n+}. */
    record Literal(long length, boolean nonSynchronizing) {
        static Literal atEndOf(byte[] line) {
            int end = line.length;
            if (end < 3 || line[end - 1] != '}') {
                return null;
            }
            int i = end - 2;
            boolean plus = line[i] == '+';
            if (plus) {
                i--;
            }
            long length = 0;
            long scale = 1;
            int digits = 0;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                if (++digits > 12) {
                    return null;
                }
                length += (line[i] - '0') * scale;
                scale *= 10;
                i--;
            }
            if (digits == 0 || i < 0 || line[i] != '{') {
                return null;
            }
            return new Literal(length, plus);
        }
    }

}
