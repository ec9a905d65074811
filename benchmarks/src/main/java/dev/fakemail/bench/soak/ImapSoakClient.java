package dev.fakemail.bench.soak;

import dev.fakemail.bench.soak.Ledger.Count;
import dev.fakemail.bench.soak.Ledger.Entry;
import dev.fakemail.bench.soak.Ledger.Fate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP client of the soak, always the same user: reads, flags and expunges the INBOX that SMTP fills,
 * appends its own messages to the folder "Soak" (each acknowledged APPEND in the ledger), later fetches them
 * back, checks them and expunges them one by one, and idles now and then.
 */
final class ImapSoakClient extends SoakClient {
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)}$");

    private final String user;
    /** Its own acknowledged appends not yet expunged: UID and ledger entry. */
    private final Deque<Object[]> ownAppends = new ArrayDeque<>();
    private long sequence;
    private int tags;

    ImapSoakClient(int index, SoakSettings settings, InetSocketAddress address, Ledger ledger, SoakGate gate) {
        super(index, settings, address, ledger, gate, 41, Count.IMAP_SESSIONS);
        this.user = settings.user(index % settings.users());
    }

    @Override
    void converse(SoakConnection connection) throws IOException {
        String greeting = connection.line();
        if (!greeting.startsWith("* OK")) {
            return;
        }
        if (!command(connection, "LOGIN \"" + user + "\" soak").ok) {
            return;
        }
        command(connection, "CREATE Soak"); // NO [ALREADYEXISTS] after the first time
        int rounds = 1 + random.nextInt(8);
        for (int r = 0; r < rounds && gate.running(); r++) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                readInbox(connection);
            } else if (kind < 7) {
                append(connection);
            } else if (kind < 9) {
                expungeOwn(connection);
            } else {
                idle(connection);
            }
        }
        command(connection, "LOGOUT");
    }

    private void readInbox(SoakConnection connection) throws IOException {
        Response select = command(connection, "SELECT INBOX");
        int exists = 0;
        for (String line : select.untagged) {
            Matcher matcher = EXISTS.matcher(line);
            if (matcher.find()) {
                exists = Integer.parseInt(matcher.group(1));
            }
        }
        if (!select.ok || exists == 0) {
            return;
        }
        int number = 1 + random.nextInt(exists);
        Response fetch = command(connection, "FETCH " + number + " (UID BODY.PEEK[])");
        for (byte[] literal : fetch.literals) {
            if (ledger.checkCopy(literal, "IMAP FETCH INBOX")) {
                ledger.add(Count.IMAP_FETCH_VERIFIED);
            }
        }
        if (random.nextBoolean()) {
            command(connection, "STORE " + number + " +FLAGS.SILENT (\\Deleted)");
            if (command(connection, "EXPUNGE").ok) {
                ledger.add(Count.IMAP_EXPUNGES);
            }
        }
    }

    private void append(SoakConnection connection) throws IOException {
        SoakMail mail = SoakMail.create("i" + index + "-" + sequence++, user, random);
        String tag = nextTag();
        connection.send(tag + " APPEND Soak (\\Seen) {" + mail.message.length + "}\r\n");
        String answer = connection.line();
        if (!answer.startsWith("+")) {
            Response refused = finish(connection, tag, answer);
            ledger.add(Count.IMAP_APPEND_REFUSED);
            if (refused.ok) {
                ledger.violation("IMAP: APPEND answered OK without asking for its literal");
            }
            return;
        }
        Entry entry = ledger.sent(mail, user, "Soak");
        connection.send(mail.message);
        connection.send("\r\n");
        Response response;
        try {
            response = finish(connection, tag, connection.line());
        } catch (IOException e) {
            entry.fate = Fate.NO_REPLY;
            ledger.add(Count.IMAP_APPEND_NO_REPLY);
            throw e;
        }
        if (!response.ok) {
            entry.fate = Fate.REFUSED;
            ledger.add(Count.IMAP_APPEND_REFUSED);
            return;
        }
        entry.fate = Fate.ACKNOWLEDGED;
        ledger.add(Count.IMAP_APPEND_ACKNOWLEDGED);
        Matcher uid = APPENDUID.matcher(response.tagged);
        if (!uid.find()) {
            ledger.violation("IMAP: APPEND OK without APPENDUID: " + response.tagged);
            return;
        }
        ownAppends.add(new Object[] {Long.parseLong(uid.group(1)), entry});
    }

    private void expungeOwn(SoakConnection connection) throws IOException {
        Object[] own = ownAppends.peek();
        if (own == null || !command(connection, "SELECT Soak").ok) {
            return;
        }
        long uid = (Long) own[0];
        Entry entry = (Entry) own[1];
        Response fetch = command(connection, "UID FETCH " + uid + " (BODY.PEEK[])");
        if (fetch.literals.isEmpty()) {
            ledger.violation("IMAP: acknowledged APPEND " + entry.token + " (UID " + uid + ") is gone");
        } else if (ledger.checkCopy(fetch.literals.get(0), "IMAP UID FETCH Soak")) {
            ledger.add(Count.IMAP_FETCH_VERIFIED);
        }
        ownAppends.poll();
        entry.fate = Fate.MAYBE_DELETED;
        command(connection, "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
        if (command(connection, "UID EXPUNGE " + uid).ok) {
            entry.fate = Fate.DELETED;
            ledger.add(Count.IMAP_EXPUNGES);
        }
    }

    private void idle(SoakConnection connection) throws IOException {
        if (!command(connection, "SELECT INBOX").ok) {
            return;
        }
        String tag = nextTag();
        connection.send(tag + " IDLE\r\n");
        String line = connection.line();
        while (line.startsWith("* ")) {
            line = connection.line();
        }
        if (!line.startsWith("+")) {
            finish(connection, tag, line);
            return;
        }
        try {
            Thread.sleep(random.nextInt(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.send("DONE\r\n");
        if (finish(connection, tag, connection.line()).ok) {
            ledger.add(Count.IMAP_IDLES);
        }
    }

    private Response command(SoakConnection connection, String command) throws IOException {
        String tag = nextTag();
        connection.send(tag + " " + command + "\r\n");
        return finish(connection, tag, connection.line());
    }

    /** Reads the rest of a response whose first line is given: untagged lines (with literals) up to the tagged one. */
    private Response finish(SoakConnection connection, String tag, String firstLine) throws IOException {
        Response response = new Response();
        String line = firstLine;
        while (true) {
            StringBuilder whole = new StringBuilder(line);
            Matcher literal = LITERAL_AT_END.matcher(line);
            while (literal.find()) {
                response.literals.add(connection.bytes(Integer.parseInt(literal.group(1))));
                line = connection.line();
                whole.append("{…}").append(line);
                literal = LITERAL_AT_END.matcher(line);
            }
            String text = whole.toString();
            if (text.startsWith(tag + " ")) {
                response.tagged = text;
                response.ok = text.startsWith(tag + " OK");
                if (!response.ok) {
                    ledger.add(Count.IMAP_NO);
                }
                return response;
            }
            if (!text.startsWith("* ") && !text.startsWith("+")) {
                ledger.violation("IMAP: not a response line: " + SmtpSoakClient.shorten(text));
                throw new IOException("not a response line");
            }
            response.untagged.add(text);
            line = connection.line();
        }
    }

    private String nextTag() {
        return "t" + (++tags);
    }

    private static final class Response {
        final List<String> untagged = new ArrayList<>();
        final List<byte[]> literals = new ArrayList<>();
        String tagged = "";
        boolean ok;
    }
}
