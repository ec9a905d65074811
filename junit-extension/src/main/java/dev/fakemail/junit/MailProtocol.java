package dev.fakemail.junit;

import java.util.Locale;

/** The protocols a server can listen for, as named in {@link dev.fakemail.Endpoint#protocol()}. */
public enum MailProtocol {
    SMTP,
    /** SMTP with implicit TLS; enable it with {@code FakeMailServer.builder().smtpsPort(0)}. */
    SMTPS,
    POP3,
    /** POP3 with implicit TLS; enable it with {@code FakeMailServer.builder().pop3sPort(0)}. */
    POP3S,
    IMAP,
    /** IMAP with implicit TLS; enable it with {@code FakeMailServer.builder().imapsPort(0)}. */
    IMAPS;

    /** The endpoint name: "smtp", "pop3s", ... */
    public String endpointName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
