package dev.fakemail.internal.fault;

/** Waits for fault delays; tests swap it to record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = millis -> {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    };

    void sleep(long millis) throws InterruptedException;
}
