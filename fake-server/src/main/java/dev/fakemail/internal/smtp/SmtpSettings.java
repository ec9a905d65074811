package dev.fakemail.internal.smtp;

import dev.fakemail.internal.auth.UserPolicy;
import java.time.Clock;

/** What the SMTP sessions of one server need from its configuration. */
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
        Clock clock) {
}
