package dev.fakemail.bench;

import java.util.Locale;

/** How each connection of the generator talks to the server. */
enum LoadMode {
    /** EHLO once, then MAIL, RCPT, DATA, body, "." per message, each command waiting for its reply. */
    SESSION("session", "many per session"),
    /**
     * EHLO once, then per message one round trip (RFC 2920): the body, its ".", and the next message's
     * MAIL, RCPT, DATA go out as one flight; the client then reads 250 (data), 250, 250, 354.
     */
    PIPELINED("pipelined", "pipelined"),
    /** A new connection per message: connect, greeting, EHLO, MAIL, RCPT, DATA, body, ".", QUIT. */
    CONNECT("connect", "new connection per message");

    final String id;
    final String label;

    LoadMode(String id, String label) {
        this.id = id;
        this.label = label;
    }

    static LoadMode parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (LoadMode mode : values()) {
            if (mode.id.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (session, pipelined, connect)");
    }
}
