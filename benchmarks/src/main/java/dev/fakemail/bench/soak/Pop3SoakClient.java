package dev.fakemail.bench.soak;

import dev.fakemail.bench.soak.Ledger.Count;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Reads and deletes mail over POP3 until the soak ends: logs in as one of the soak's users, retrieves a few
 * messages, checks each octet for octet against the ledger (so dot-unstuffing and the store's copy are checked
 * on the way out), deletes them and quits. A maildrop another client holds (-ERR [IN-USE]) is normal here.
 */
final class Pop3SoakClient extends SoakClient {

    Pop3SoakClient(int index, SoakSettings settings, InetSocketAddress address, Ledger ledger, SoakGate gate) {
        super(index, settings, address, ledger, gate, 37, Count.POP3_SESSIONS);
    }

    @Override
    void converse(SoakConnection connection) throws IOException {
        if (!ok(connection)) {
            return;
        }
        connection.send("USER " + settings.user(random.nextInt(settings.users())) + "\r\n");
        if (!ok(connection)) {
            return;
        }
        connection.send("PASS soak\r\n");
        if (!ok(connection)) {
            pause(); // most likely another client holds the maildrop
            return;
        }
        connection.send("STAT\r\n");
        String stat = status(connection);
        if (!stat.startsWith("+OK ")) {
            return;
        }
        int count = Integer.parseInt(stat.split(" ")[1]);
        if (count == 0) {
            connection.send("QUIT\r\n");
            ok(connection);
            pause();
            return;
        }
        int reads = Math.min(count, 1 + random.nextInt(4));
        for (int r = 0; r < reads; r++) {
            int number = 1 + random.nextInt(count);
            connection.send("RETR " + number + "\r\n");
            if (!ok(connection)) {
                continue; // deleted already in this session
            }
            if (ledger.checkCopy(multiline(connection), "POP3 RETR")) {
                ledger.add(Count.POP3_RETR_VERIFIED);
            }
            connection.send("DELE " + number + "\r\n");
            if (ok(connection)) {
                ledger.add(Count.POP3_DELETED);
            }
        }
        connection.send("QUIT\r\n");
        ok(connection);
    }

    private boolean ok(SoakConnection connection) throws IOException {
        return status(connection).startsWith("+OK");
    }

    private String status(SoakConnection connection) throws IOException {
        String line = connection.line();
        if (line.startsWith("+OK")) {
            return line;
        }
        if (line.startsWith("-ERR")) {
            ledger.add(Count.POP3_ERR);
            return line;
        }
        ledger.violation("POP3: not a status line: " + SmtpSoakClient.shorten(line));
        throw new IOException("not a status line");
    }

    /** A multi-line answer, dot-unstuffed, with CRLF line ends. */
    private static byte[] multiline(SoakConnection connection) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(4_096);
        while (true) {
            byte[] line = connection.lineBytes();
            if (line.length == 1 && line[0] == '.') {
                return message.toByteArray();
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            message.write(line, from, line.length - from);
            message.write('\r');
            message.write('\n');
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
