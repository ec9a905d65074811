package dev.fakemail.internal.pop3;

import dev.fakemail.internal.auth.UserPolicy;

/** What the POP3 sessions of one server need from its configuration. */
public record Pop3Settings(String hostname, UserPolicy users, boolean requireTls, int maxErrors) {
    /**
     * Longest command line in octets including CR LF. RFC 2449 §4 allows 255 for commands, but SASL responses
     * (XOAUTH2 tokens) are longer; 8 KiB takes any real token and still bounds the buffer.
     */
    static final int MAX_LINE_LENGTH = 8 * 1024;
}
