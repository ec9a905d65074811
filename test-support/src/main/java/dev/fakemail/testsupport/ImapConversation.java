package dev.fakemail.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An IMAP client over a {@link LineClient} (RFC 3501) for tests that compare exact bytes: responses are kept
 * with their CR LF line ends, and literals arrive inside the lines they belong to (read as lines: the tests'
 * literals end in CR LF, as mail does).
 */
public class ImapConversation extends LineClient {
    public ImapConversation(Dial dial) throws IOException {
        super(dial);
    }

    /** Connected, the greeting not read. */
    public static ImapConversation connect(Dial dial) throws IOException {
        return new ImapConversation(dial);
    }

    /** One response line with its CR LF, exactly as sent; "" once the server has closed the connection. */
    public String response() throws IOException {
        byte[] line = rawLine();
        return line == null ? "" : new String(line, StandardCharsets.UTF_8);
    }

    /** Sends {@code tag command} and returns everything up to and including the line tagged {@code tag}. */
    public String command(String tag, String command) throws IOException {
        sendLine(tag + " " + command);
        return untilTagged(tag);
    }

    /** Reads up to and including the line tagged {@code tag}; fails if the server closes first. */
    public String untilTagged(String tag) throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = response();
            if (line.isEmpty()) {
                throw failure("connection closed before the tagged reply " + tag + "; so far: " + response);
            }
            response.append(line);
            if (line.startsWith(tag + " ")) {
                return response.toString();
            }
        }
    }

    /** LOGIN, which must be accepted; returns the response. */
    public String login(String tag, String user, String password) throws IOException {
        String response = command(tag, "LOGIN " + user + " " + password);
        if (!response.contains(tag + " OK ")) {
            throw failure("LOGIN " + user + ": expected OK, got " + response);
        }
        return response;
    }
}
