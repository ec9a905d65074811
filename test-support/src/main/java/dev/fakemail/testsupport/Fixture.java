package dev.fakemail.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * A started thing (a server) and what a test opened against it (clients), closed together, so test classes do
 * not repeat their start/stop code. Held in a field, closed in one {@code @AfterEach} (or in a static field and
 * {@code @AfterAll} for a class). It knows nothing of what it starts: a {@link Supplier} does that.
 *
 * <pre>{@code
 * private final Fixture<FakeMailServer> server = Fixture.of(() -> FakeMailServer.builder().build().start());
 * @AfterEach void stop() { server.close(); }
 * }</pre>
 */
public final class Fixture<T extends AutoCloseable> implements AutoCloseable {
    private final Supplier<? extends T> defaultStart;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private T running;

    private Fixture(Supplier<? extends T> defaultStart) {
        this.defaultStart = defaultStart;
    }

    /** Started by {@code start} on first use ({@link #get()}). */
    public static <T extends AutoCloseable> Fixture<T> of(Supplier<? extends T> start) {
        return new Fixture<>(start);
    }

    /** Nothing by default: every test starts its own with {@link #start(Supplier)}. */
    public static <T extends AutoCloseable> Fixture<T> empty() {
        return new Fixture<>(() -> {
            throw new IllegalStateException("nothing started: call start(...) first");
        });
    }

    /** The running one, started now with the default if there is none. */
    public synchronized T get() {
        if (running == null) {
            running = defaultStart.get();
        }
        return running;
    }

    /** Starts this one instead of the default (closing whatever ran before); returns it. */
    public synchronized T start(Supplier<? extends T> start) {
        close();
        running = start.get();
        return running;
    }

    /** Whether something has been started and not closed since. */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Closes the resource with the fixture, before the started thing (newest first). Returns it. */
    public synchronized <C extends AutoCloseable> C track(C resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes every tracked resource (newest first), then the started thing; the first failure is thrown. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            failure = closeQuietly(opened.pop(), failure);
        }
        if (running != null) {
            T stopping = running;
            running = null;
            failure = closeQuietly(stopping, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable resource, RuntimeException earlier) {
        try {
            resource.close();
            return earlier;
        } catch (Exception e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot close " + resource, e);
            if (earlier != null) {
                earlier.addSuppressed(failure);
                return earlier;
            }
            return failure;
        }
    }
}
