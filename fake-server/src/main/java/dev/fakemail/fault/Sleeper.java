package dev.fakemail.fault;

/**
 * How the server waits when a fault rule says so: delays, the pauses of throttled and sliced streams. The
 * default sleeps for real; a test can give {@code FakeMailServer.builder().sleeper(...)} one that records the
 * delays (and advances its own clock) instead, so a ten-minute delay costs nothing.
 *
 * <pre>{@code
 * List<Long> slept = new CopyOnWriteArrayList<>();
 * FakeMailServer mail = FakeMailServer.builder().sleeper(slept::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps for real ({@link Thread#sleep}); the default. A class, not a lambda: it is built at first start. */
    Sleeper REAL = new Sleeper() {
        @Override
        public void sleep(long millis) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        }
    };

    /**
     * Waits {@code millis} milliseconds (0 or more) on the session's thread.
     *
     * @throws InterruptedException when the server stops the session while it waits
     */
    void sleep(long millis) throws InterruptedException;
}
