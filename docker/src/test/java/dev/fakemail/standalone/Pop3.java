package dev.fakemail.standalone;

import dev.fakemail.testsupport.Pop3Conversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the first message of a maildrop over a raw POP3 socket: USER, PASS, STAT, RETR 1, QUIT (RFC 1939). */
final class Pop3 {
    private static final Pattern STAT = Pattern.compile("^\\+OK (\\d+) (\\d+)");

    /** What STAT reported and the message RETR 1 returned (dot-unstuffed, lines ended with CRLF). */
    record Retrieved(int count, long octets, String message) {
    }

    private Pop3() {
    }

    static Retrieved retrieve(String host, int port, String user, String password) throws IOException {
        try (Pop3Conversation pop = Pop3Conversation.open(host, port)) {
            if (pop.greeting() == null || !pop.greeting().startsWith("+OK")) {
                throw new IOException("greeting: expected +OK, got " + pop.greeting());
            }
            pop.login(user, password);
            String stat = pop.expectOk("STAT");
            Matcher matcher = STAT.matcher(stat);
            if (!matcher.find()) {
                throw new IOException("STAT: unexpected reply " + stat);
            }
            int count = Integer.parseInt(matcher.group(1));
            long octets = Long.parseLong(matcher.group(2));
            if (count < 1) {
                throw new IOException("the maildrop of " + user + " is empty: " + stat);
            }
            String message = new String(pop.retrieve(1), StandardCharsets.ISO_8859_1);
            pop.expectOk("QUIT");
            return new Retrieved(count, octets, message);
        }
    }

    static String retrieveFirst(String host, int port, String user, String password) throws IOException {
        return retrieve(host, port, user, password).message();
    }
}
