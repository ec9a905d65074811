package dev.fakemail.web.internal;

/**
 * A request the API refuses, with the status and the message the client sees as {@code {"error": "..."}}.
 * Thrown from anywhere in a route; {@link JsonErrors} turns it into the response.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false); // a refusal, not a bug: no stack trace to fill
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    int status() {
        return status;
    }
}
