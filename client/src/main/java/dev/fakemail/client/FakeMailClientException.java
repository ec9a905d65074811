package dev.fakemail.client;

/**
 * A remote fakemail could not be used: unreachable, not a fakemail web inbox, an incompatible version, a
 * password needed, or a request it refused. The message names the URL and, where there is one, the fix.
 */
public class FakeMailClientException extends RuntimeException {
    public FakeMailClientException(String message) {
        super(message);
    }

    public FakeMailClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
