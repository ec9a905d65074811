package dev.fakemail.standalone;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.StoreEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Prints "fakemail: ..." lines, one per event, from one writer thread. Store and fault listeners run on session
 * threads (the store's under its lock) and must not block, but a slow reader of stdout (a paused
 * {@code docker logs}) blocks a print: so listeners only queue, and the writer formats and prints. When the
 * queue is full, lines are dropped and counted rather than slowing the mail server down.
 */
final class EventLog implements AutoCloseable {
    private static final int CAPACITY = 10_000;
    /** How long close() lets queued lines print: SIGTERM must end the process within a second. */
    private static final long CLOSE_WAIT_MILLIS = 500;
    /** After that, how long the writer gets to count what it leaves out (unless stdout is stuck). */
    private static final long ABANDON_WAIT_MILLIS = 100;
    private static final Supplier<String> STOP = () -> null;

    private final PrintStream out;
    private final boolean perEvent;
    private final BlockingQueue<Supplier<String>> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final Thread writer;
    private volatile boolean abandoned;
    private volatile String lastLine;

    /**
     * @param perEvent whether to print a line per received message and per fault hit (false for --quiet)
     */
    EventLog(PrintStream out, boolean perEvent) {
        this.out = out;
        this.perEvent = perEvent;
        this.writer = new Thread(this::write, "fakemail-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Subscribes to the server's events; call before it starts, so the first message is not missed. */
    void attach(FakeMailServer mail) {
        if (!perEvent) {
            return;
        }
        subscriptions.add(mail.store().subscribe(this::onStoreEvent));
        subscriptions.add(mail.faults().subscribe(hit -> offer(() -> EventLines.faultHit(hit))));
    }

    /** Queues a line behind the events before it; waits for room, as start-up lines must not be dropped. */
    void line(String text) throws InterruptedException {
        queue.put(() -> text);
    }

    /** Stops listening and prints what is queued; see {@link #close(String)}. */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Stops listening, prints what is queued and then the last line (e.g. "stopped"), for about half a second at
     * most: what is still queued then is counted in one line instead. Never writes to stdout itself, so a stdout
     * nobody reads cannot make this wait longer.
     */
    void close(String last) {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        }
        lastLine = last;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            // A full queue empties while we wait, unless stdout is stuck: then do not wait for room forever.
            if (queue.offer(STOP, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            abandoned = true;
            writer.join(ABANDON_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onStoreEvent(StoreEvent event) {
        if (event instanceof StoreEvent.MessageReceived received) {
            offer(() -> EventLines.received(received.message()));
        } else if (event instanceof StoreEvent.MessageUnacknowledged unacknowledged) {
            offer(() -> EventLines.unacknowledged(unacknowledged.message()));
        }
    }

    private void offer(Supplier<String> line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        try {
            for (Supplier<String> next = queue.take(); next != STOP; next = queue.take()) {
                if (abandoned) {
                    // Only the writer takes from the queue and the listeners are gone: the count is exact.
                    long unprinted = 1 + queue.stream().filter(line -> line != STOP).count();
                    out.println("fakemail: " + unprinted + " lines not printed (stdout is read too slowly)");
                    break;
                }
                out.println("fakemail: " + describe(next));
                printDropped();
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printDropped();
        if (lastLine != null) { // set before STOP is queued and before abandoned is set, so seen here
            out.println("fakemail: " + lastLine);
        }
        out.flush();
    }

    private void printDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            out.println("fakemail: " + lost + " lines dropped (stdout is read too slowly)");
        }
    }

    private static String describe(Supplier<String> line) {
        try {
            return line.get();
        } catch (RuntimeException e) { // a message the MIME reader chokes on still gets its line, not a stack trace
            return "(an event could not be described: " + e + ")";
        }
    }
}
