package dev.fakemail.internal.smtp;

import dev.fakemail.internal.session.Reply;

/** Handles one verb: checks the session state, changes it, and returns the reply. Never touches the socket. */
@FunctionalInterface
interface SmtpHandler {
    Reply handle(SmtpSession session, SmtpCommand command);
}
