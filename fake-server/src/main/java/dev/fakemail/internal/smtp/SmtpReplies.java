package dev.fakemail.internal.smtp;

import static dev.fakemail.internal.text.WireText.oneLine;

import dev.fakemail.internal.session.Reply;
import java.util.List;

/**
 * Formats SMTP replies. Every final reply carries an enhanced status code (RFC 2034); only the greeting,
 * the HELO/EHLO answer and the intermediate 334/354 replies go without, as RFC 2034 §3 says.
 */
final class SmtpReplies {
    // The replies of every transaction, built once: a reply is immutable, and these are the hot path.
    static final Reply OK = reply(250, "2.0.0", "Ok");
    static final Reply SENDER_OK = reply(250, "2.1.0", "Ok");
    static final Reply RECIPIENT_OK = reply(250, "2.1.5", "Ok");
    static final Reply START_MAIL_INPUT = plain(354, "End data with <CR><LF>.<CR><LF>");

    private SmtpReplies() {
    }

    static Reply reply(int code, String enhancedStatus, String text) {
        return typed(code, Reply.line(code + " " + enhancedStatus + " " + oneLine(text)));
    }

    /** A reply without enhanced status code (greeting, HELO/EHLO, 334, 354). */
    static Reply plain(int code, String text) {
        return typed(code, Reply.line(code + " " + oneLine(text)));
    }

    /** A multi-line reply: "250-first", ..., "250 last". */
    static Reply multiline(int code, List<String> lines) {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            wire.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(oneLine(lines.get(i))).append("\r\n");
        }
        return typed(code, Reply.text(wire.toString()));
    }

    /** Permanent failures (5xx) are the client errors the session counts towards its limit. */
    private static Reply typed(int code, Reply reply) {
        return code >= 500 ? reply.asError() : reply;
    }

    static Reply ok() {
        return OK;
    }

    static Reply syntax(String text) {
        return reply(501, "5.5.4", "Syntax: " + text);
    }

    static Reply badSequence(String text) {
        return reply(503, "5.5.1", "Error: " + text);
    }
}
