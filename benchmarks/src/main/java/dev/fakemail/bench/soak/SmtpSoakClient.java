package dev.fakemail.bench.soak;

import dev.fakemail.bench.soak.Ledger.Count;
import dev.fakemail.bench.soak.Ledger.Entry;
import dev.fakemail.bench.soak.Ledger.Fate;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sends mail until the soak ends: a few messages per connection, to the soak's users in turn. Now and then it
 * vanishes mid-message, as a crashing client would. Every message's fate goes into the ledger the moment the
 * client learns it.
 */
final class SmtpSoakClient extends SoakClient {
    private static final double ABORT_PROBABILITY = 0.02;

    private long sequence;

    SmtpSoakClient(int index, SoakSettings settings, InetSocketAddress address, Ledger ledger, SoakGate gate) {
        super(index, settings, address, ledger, gate, 31, Count.SMTP_SESSIONS);
    }

    @Override
    void beforeConnecting() {
        gate.awaitRoom();
    }

    @Override
    void converse(SoakConnection connection) throws IOException {
        int greeting = reply(connection);
        if (greeting != 220) {
            ledger.add(Count.SMTP_GREETING_REFUSED);
            return;
        }
        connection.send("EHLO soak-" + index + ".client.test\r\n");
        if (reply(connection) != 250) {
            return;
        }
        int messages = 1 + random.nextInt(5);
        for (int m = 0; m < messages && gate.running(); m++) {
            if (!sendOne(connection)) {
                return;
            }
        }
        connection.send("QUIT\r\n");
        reply(connection);
    }

    /** @return whether the connection can carry another message */
    private boolean sendOne(SoakConnection connection) throws IOException {
        String user = settings.user(random.nextInt(settings.users()));
        connection.send("MAIL FROM:<soak-" + index + "@client.test>\r\n");
        if (reply(connection) != 250) {
            return false;
        }
        connection.send("RCPT TO:<" + user + ">\r\n");
        int rcpt = reply(connection);
        if (rcpt != 250) {
            connection.send("RSET\r\n");
            return reply(connection) == 250;
        }
        connection.send("DATA\r\n");
        if (reply(connection) != 354) {
            return false;
        }
        SoakMail mail = SoakMail.create("s" + index + "-" + sequence++, user, random);
        byte[] data = mail.smtpData();
        Entry entry = ledger.sent(mail, user, "INBOX");
        if (random.nextDouble() < ABORT_PROBABILITY) {
            entry.fate = Fate.ABORTED;
            ledger.add(Count.SMTP_ABORTED);
            connection.abort(data, data.length / 2);
            return false;
        }
        connection.send(data);
        int code;
        try {
            code = reply(connection);
        } catch (IOException e) {
            entry.fate = Fate.NO_REPLY;
            ledger.add(Count.SMTP_NO_REPLY);
            throw e;
        }
        if (code == 250) {
            entry.fate = Fate.ACKNOWLEDGED;
            ledger.add(Count.SMTP_ACKNOWLEDGED);
            gate.produced();
            return true;
        }
        entry.fate = Fate.REFUSED;
        ledger.add(Count.SMTP_REFUSED);
        return code != 421; // 421 ends the connection
    }

    /** Reads one (possibly multi-line) reply and returns its code; a line that is no reply is a violation. */
    private int reply(SoakConnection connection) throws IOException {
        while (true) {
            String line = connection.line();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' '
                    && line.charAt(3) != '-')) {
                ledger.violation("SMTP: not a reply line: " + shorten(line));
                throw new IOException("not a reply line");
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return Integer.parseInt(line.substring(0, 3));
            }
        }
    }

    static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
