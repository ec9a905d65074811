package dev.fakemail.internal.session;

import dev.fakemail.internal.net.FrameReader.DotResult;
import dev.fakemail.internal.net.GrowableBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny IMAP-like protocol exercising what the loop offers IMAP: pushed "* n EXISTS" lines from an outbox
 * (numbered by the session when it drains), an IDLE state ended by DONE, literals ({n} with a "+"
 * continuation, {n+} without, refused or read-and-discarded past {@link #MAX_LITERAL}), streamed FETCH output.
 *
 * <p>Commands: {@code tag NOOP}, {@code tag IDLE}, {@code tag IDLE-SHORT} (idle with a 300 ms read timeout),
 * {@code tag APPEND {n}...} (literals; the OK lists what each held), {@code tag FETCH count size} (count
 * responses of size stored bytes each), {@code tag LOGOUT}.
 */
final class TinyImapSession implements ProtocolSession {
    static final int MAX_LITERAL = 8;
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)(\\+?)\\}$");

    final Outbox<Integer> outbox;
    /** Highest message number announced so far: the state pushed output is rendered against. */
    private int exists;
    private String idleTag;
    /** The APPEND being read across lines and literals, or null. */
    private String appendTag;
    private final List<String> literals = new ArrayList<>();
    private final StringBuilder appendLine = new StringBuilder();
    volatile boolean ended;

    TinyImapSession(ConnectionInfo connection) {
        this.outbox = new Outbox<>(connection.output());
    }

    @Override
    public Reply greeting() {
        return Reply.text("* OK tiny\r\n");
    }

    @Override
    public SessionCommand parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (appendTag != null) {
            return SessionCommand.of(line, null, "", text); // the rest of a command after a literal
        }
        String[] words = text.split(" ", 3);
        String verb = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        String argument = words.length > 2 ? words[2] : "";
        if (verb.equals("UID") && !argument.isEmpty()) {
            String[] rest = argument.split(" ", 2); // the two-word form fault rules match: "UID FETCH"
            verb = "UID " + rest[0].toUpperCase(Locale.ROOT);
            argument = rest.length > 1 ? rest[1] : "";
        }
        return SessionCommand.of(line, verb, argument, text);
    }

    @Override
    public Reply onCommand(SessionCommand command) {
        String text = new String(command.line(), StandardCharsets.UTF_8);
        if (appendTag != null) {
            return continueAppend(text);
        }
        String tag = text.split(" ", 2)[0];
        switch (command.faultVerb()) {
            case "NOOP":
                return untagged().followedBy(Reply.text(tag + " OK NOOP\r\n"));
            case "IDLE":
                idleTag = tag;
                return Reply.text("+ idling\r\n").thenIdle();
            case "IDLE-SHORT":
                idleTag = tag;
                return Reply.text("+ idling\r\n").thenIdle(Duration.ofMillis(300));
            case "APPEND":
                appendTag = tag;
                literals.clear();
                appendLine.setLength(0);
                return continueAppend(command.faultArgument());
            case "FETCH":
                String[] counts = command.faultArgument().split(" ");
                return untagged().followedBy(fetch(Integer.parseInt(counts[0]), Integer.parseInt(counts[1])))
                        .followedBy(Reply.text(tag + " OK FETCH\r\n"));
            case "LOGOUT":
                return Reply.text("* BYE\r\n" + tag + " OK LOGOUT\r\n").thenClose();
            default:
                return Reply.error(tag + " BAD unknown\r\n");
        }
    }

    /** A line (part) of an APPEND: asks for its literal if it ends in one, else answers the command. */
    private Reply continueAppend(String part) {
        appendLine.append(part);
        Matcher literal = LITERAL_AT_END.matcher(part);
        if (!literal.find()) {
            String tag = appendTag;
            appendTag = null;
            return Reply.text(tag + " OK APPEND " + literals + " rest [" + appendLine + "]\r\n");
        }
        long length = Long.parseLong(literal.group(1));
        boolean nonSynchronizing = !literal.group(2).isEmpty();
        if (!nonSynchronizing && length > MAX_LITERAL) {
            String tag = appendTag;
            appendTag = null; // refused before it is sent: a compliant client sends the next command instead
            return Reply.text(tag + " NO [TOOBIG] literal of " + length + " refused\r\n");
        }
        Reply request = nonSynchronizing ? Reply.none() : Reply.text("+ Ready for literal\r\n");
        return request.thenReadLiteral(length, MAX_LITERAL);
    }

    @Override
    public boolean awaitsContinuation() {
        return appendTag != null;
    }

    @Override
    public Reply onBytes(boolean complete, GrowableBytes data) {
        if (!complete) {
            appendTag = null;
            return Reply.none();
        }
        literals.add(new String(data.array(), 0, data.length(), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n"));
        return Reply.none(); // the loop reads the rest of the line next
    }

    @Override
    public Reply onIdleLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.equalsIgnoreCase("DONE")) {
            return untagged().followedBy(Reply.text(idleTag + " OK IDLE done\r\n"));
        }
        return Reply.text("* BAD expected DONE\r\n").thenIdle();
    }

    @Override
    public Reply pushed() {
        return untagged();
    }

    /** What the outbox holds, numbered from this session's count: rendered on the thread that drains. */
    private Reply untagged() {
        StringBuilder lines = new StringBuilder();
        for (Integer added : outbox.drain()) {
            exists += added;
            lines.append("* ").append(exists).append(" EXISTS\r\n");
        }
        return lines.length() == 0 ? Reply.none() : Reply.text(lines.toString());
    }

    /** {@code count} responses, each {@code size} stored bytes written straight from a read-only buffer. */
    static Reply fetch(int count, int size) {
        ByteBuffer stored = ByteBuffer.wrap(content(size)).asReadOnlyBuffer();
        return Reply.streamed((out, transcript) -> {
            for (int i = 1; i <= count; i++) {
                String head = "* " + i + " FETCH (BODY[] {" + size + "}\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                ReplyBody.copy(stored, out);
                out.write(")\r\n".getBytes(StandardCharsets.US_ASCII));
                transcript.accept("* " + i + " FETCH (BODY[] {" + size + "})");
            }
        });
    }

    /** The stored bytes of one fake message: printable, with a line end every 64 octets. */
    static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 64 == 63 ? '\n' : 'a' + i % 26);
        }
        return bytes;
    }

    @Override
    public Reply onLineTooLong() {
        return Reply.error("* BAD line too long\r\n");
    }

    @Override
    public Reply onDotData(DotResult result, GrowableBytes data) {
        throw new IllegalStateException("no dot data here");
    }

    @Override
    public Reply onTlsStarted() {
        return Reply.none();
    }

    @Override
    public Reply onIdleTimeout() {
        return Reply.text("* BYE idle too long\r\n").thenClose();
    }

    @Override
    public void onEnd() {
        ended = true;
        outbox.drain();
    }

    @Override
    public int maxLineLength() {
        return 1000;
    }

    @Override
    public Reply faultReply(int code, String status, String text, boolean disconnect) {
        Reply reply = Reply.text("* NO " + text + "\r\n");
        return disconnect ? reply.thenClose() : reply;
    }
}
