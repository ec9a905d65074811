package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.StoreEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server under test in this JVM, with an exact count of the messages it stored (from its store events,
 * which are published under the store's lock, so none is missed) and a janitor that resets the store when
 * it holds more than a budget of message octets, so long runs of 100 KB messages keep the heap bounded.
 * Resets do not disturb the count.
 */
final class InProcessServer implements AutoCloseable {
    private final FakeMailServer server;
    private final LongAdder received = new LongAdder();
    private final AtomicLong octetsSinceReset = new AtomicLong();
    private final AtomicLong janitorResets = new AtomicLong();
    private final long budgetOctets;
    private final AutoCloseable subscription;
    private final Thread janitor;
    private volatile boolean closed;

    InProcessServer(long budgetOctets) {
        this.budgetOctets = budgetOctets;
        this.server = FakeMailServer.builder().build();
        this.subscription = server.store().subscribe(event -> {
            if (event instanceof StoreEvent.MessageReceived receivedEvent) {
                received.increment();
                octetsSinceReset.addAndGet(receivedEvent.message().size());
            } else if (event instanceof StoreEvent.StoreReset) {
                octetsSinceReset.set(0);
            }
        });
        server.start();
        this.janitor = new Thread(this::sweep, "bench-store-janitor");
        janitor.setDaemon(true);
        janitor.start();
    }

    FakeMailServer server() {
        return server;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.smtp().address(), server.smtp().port());
    }

    /** Messages stored since this server started, resets notwithstanding. */
    long received() {
        return received.sum();
    }

    /** How often the janitor emptied the store because it went over the budget. */
    long janitorResets() {
        return janitorResets.get();
    }

    /** Empties the store and the transcripts (between runs). */
    void reset() {
        server.reset();
    }

    private void sweep() {
        while (!closed) {
            if (octetsSinceReset.get() > budgetOctets) {
                server.reset();
                janitorResets.incrementAndGet();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        janitor.interrupt();
        subscription.close();
        server.stop();
        server.reset();
    }
}
