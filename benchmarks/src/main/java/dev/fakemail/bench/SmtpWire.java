package dev.fakemail.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The load generator's side of one SMTP connection: a raw socket with TCP_NODELAY, a large output buffer
 * and a hand-written reply reader that allocates nothing per reply. Callers write whole pre-built flights
 * (a command, a pipelined group, a body with its terminating dot) and then read the replies they expect,
 * so the client costs a few syscalls per message and is never the bottleneck.
 */
final class SmtpWire extends Wire {
    private SmtpWire(Socket socket) throws IOException {
        super(socket.getInputStream(), buffered(socket), 16 * 1024, socket);
    }

    static SmtpWire connect(InetSocketAddress server) throws IOException {
        return connect(server, SmtpWire::new);
    }

    /** Reads one complete reply (every continuation line) and returns its code. */
    int readReply() throws IOException {
        while (true) {
            readLine("a reply line");
            if (lineLength < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2])) {
                throw new UnexpectedReplyException("a reply line", lastLine());
            }
            if (lineLength == 3 || line[3] != '-') {
                return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            }
        }
    }

    /** Reads one reply and fails unless it has the expected code. */
    void expect(int code) throws IOException {
        int actual = readReply();
        if (actual != code) {
            throw new UnexpectedReplyException(String.valueOf(code), lastLine());
        }
    }

    /**
     * Reads a multi-line EHLO reply, failing unless it is 250 and, if given, lists the keyword (e.g.
     * PIPELINING) as one of its lines.
     */
    void expectEhlo(String requiredKeyword) throws IOException {
        boolean found = requiredKeyword == null;
        while (true) {
            readLine("a reply line");
            if (lineLength < 3 || line[0] != '2' || line[1] != '5' || line[2] != '0') {
                throw new UnexpectedReplyException("250 to EHLO", lastLine());
            }
            if (!found && lineLength > 4) {
                String keyword = new String(line, 4, lineLength - 4, StandardCharsets.US_ASCII).trim();
                found = keyword.equalsIgnoreCase(requiredKeyword) || keyword.toUpperCase(Locale.ROOT)
                        .startsWith(requiredKeyword.toUpperCase(Locale.ROOT) + " ");
            }
            if (lineLength == 3 || line[3] != '-') {
                break;
            }
        }
        if (!found) {
            throw new IOException("the server does not advertise " + requiredKeyword);
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
