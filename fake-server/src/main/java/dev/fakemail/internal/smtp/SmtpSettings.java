package dev.fakemail.internal.smtp;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.authentication.MessageAuthenticator;
import java.time.Clock;

/**
 * What the SMTP sessions of one server need from its configuration. {@code authenticator} is null unless the
 * server has a fake zone: then every accepted message is checked (SPF, DKIM, DMARC) before it is stored.
 */
public record SmtpSettings(
        String hostname,
        long maxMessageSize,
        int maxRecipients,
        int maxLineLength,
        int maxDataLineLength,
        int maxErrors,
        boolean requireTls,
        boolean requireAuth,
        UserPolicy users,
        Clock clock,
        MessageAuthenticator authenticator) {

    /** Settings of a server without a fake zone: accepted mail is not checked (no SPF, DKIM, DMARC). */
    public SmtpSettings(String hostname, long maxMessageSize, int maxRecipients, int maxLineLength,
            int maxDataLineLength, int maxErrors, boolean requireTls, boolean requireAuth, UserPolicy users,
            Clock clock) {
        this(hostname, maxMessageSize, maxRecipients, maxLineLength, maxDataLineLength, maxErrors, requireTls,
                requireAuth, users, clock, null);
    }
}
