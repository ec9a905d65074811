package dev.fakemail.standalone;

/** A setting that cannot be used as given; the message names the flag or environment variable. */
public final class OptionException extends Exception {
    private static final long serialVersionUID = 1L;

    OptionException(String message) {
        super(message);
    }
}
