package dev.fakemail.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the first message of a maildrop over a raw POP3 socket: USER, PASS, STAT, RETR 1, QUIT (RFC 1939). */
final class Pop3 {
    private static final Pattern STAT = Pattern.compile("^\\+OK (\\d+) (\\d+)");

    /** What STAT reported and the message RETR 1 returned (dot-unstuffed, lines joined with CRLF). */
    record Retrieved(int count, long octets, String message) {
    }

    private Pop3() {
    }

    static Retrieved retrieve(String host, int port, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            expectOk(in.readLine(), "greeting");
            command(out, in, "USER " + user);
            command(out, in, "PASS " + password);
            String stat = command(out, in, "STAT");
            Matcher matcher = STAT.matcher(stat);
            if (!matcher.find()) {
                throw new IOException("STAT: unexpected reply " + stat);
            }
            int count = Integer.parseInt(matcher.group(1));
            long octets = Long.parseLong(matcher.group(2));
            if (count < 1) {
                throw new IOException("the maildrop of " + user + " is empty: " + stat);
            }
            command(out, in, "RETR 1");
            StringBuilder message = new StringBuilder();
            for (String line; !".".equals(line = in.readLine()); ) {
                if (line == null) {
                    throw new IOException("RETR 1: connection closed before the terminating '.'");
                }
                message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            command(out, in, "QUIT");
            return new Retrieved(count, octets, message.toString());
        }
    }

    static String retrieveFirst(String host, int port, String user, String password) throws IOException {
        return retrieve(host, port, user, password).message();
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return expectOk(in.readLine(), line.startsWith("PASS ") ? "PASS" : line);
    }

    private static String expectOk(String reply, String what) throws IOException {
        if (reply == null || !reply.startsWith("+OK")) {
            throw new IOException(what + ": expected +OK, got " + reply);
        }
        return reply;
    }
}
