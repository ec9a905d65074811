package dev.fakemail.web.internal;

/**
 * A refusal on Mailpit's routes, answered as Mailpit answers: the status with a plain-text body (400 with the
 * reason, 404 with "404 page not found" or "Message not found"). Thrown anywhere in a route; {@link MailpitErrors}
 * writes it.
 */
final class MailpitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String PAGE_NOT_FOUND = "404 page not found";

    private final int status;

    MailpitException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static MailpitException notFound() {
        return new MailpitException(404, PAGE_NOT_FOUND);
    }

    int status() {
        return status;
    }
}
