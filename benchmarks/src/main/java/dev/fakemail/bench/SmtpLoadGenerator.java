package dev.fakemail.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * An SMTP load generator over raw sockets: {@code connections} client threads, each sending pre-built
 * flights in one of three {@link LoadMode}s. It counts only what the server confirmed (a 250 after the end of
 * data) and, when it can ask the server how many messages it stored, proves that nothing was lost or
 * invented: stored == acknowledged.
 *
 * <p>Any reply other than the expected one ends that connection and is reported as an error; the run goes on
 * with the other connections but its result is marked failed.
 */
final class SmtpLoadGenerator {
    private static final int MAX_ERRORS_KEPT = 5;
    private static final long JOIN_TIMEOUT_MILLIS = 60_000;

    private final InetSocketAddress server;
    private final LongSupplier serverReceived;
    /** The message every connection sends, or null for {@link BenchMessages#message(int)} of the spec's size. */
    private final byte[] message;

    /**
     * @param serverReceived how many messages the server has stored so far (any monotonic count), or null if
     *     the server cannot be asked
     */
    SmtpLoadGenerator(InetSocketAddress server, LongSupplier serverReceived) {
        this(server, serverReceived, null);
    }

    /** As above, sending exactly this message (CR LF line ends, no line starting with a dot) every time. */
    SmtpLoadGenerator(InetSocketAddress server, LongSupplier serverReceived, byte[] message) {
        this.server = server;
        this.serverReceived = serverReceived;
        this.message = message;
    }

    LoadResult run(LoadSpec spec) throws InterruptedException {
        Run run = new Run(spec);
        long receivedBefore = serverReceived == null ? -1 : serverReceived.getAsLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < spec.connections(); i++) {
            Thread thread = new Thread(run::work, "bench-client-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long measured;
        double seconds;
        if (spec.isCounted()) {
            joinAll(threads, run);
            measured = run.acknowledged.sum();
            seconds = (System.nanoTime() - start) / 1e9;
        } else {
            Thread.sleep(spec.warmup().toMillis());
            long acknowledgedBefore = run.acknowledged.sum();
            long measureStart = System.nanoTime();
            Thread.sleep(spec.measure().toMillis());
            long acknowledgedAfter = run.acknowledged.sum();
            long measureEnd = System.nanoTime();
            run.stopping = true;
            joinAll(threads, run);
            measured = acknowledgedAfter - acknowledgedBefore;
            seconds = (measureEnd - measureStart) / 1e9;
        }
        long stored = serverReceived == null ? -1 : serverReceived.getAsLong() - receivedBefore;
        List<String> errors;
        synchronized (run.errors) {
            errors = List.copyOf(run.errors);
        }
        return new LoadResult(spec, run.acknowledged.sum(), measured, seconds, stored, errors);
    }

    private static void joinAll(List<Thread> threads, Run run) throws InterruptedException {
        long deadline = System.currentTimeMillis() + JOIN_TIMEOUT_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (thread.isAlive()) {
                run.error(thread.getName() + " did not finish within " + JOIN_TIMEOUT_MILLIS + " ms");
                thread.interrupt();
            }
        }
    }

    /** The state one run's connections share. */
    private final class Run {
        final LoadSpec spec;
        final BenchMessages flights;
        final LongAdder acknowledged = new LongAdder();
        final AtomicLong tickets;
        final List<String> errors = new ArrayList<>();
        volatile boolean stopping;

        Run(LoadSpec spec) {
            this.spec = spec;
            this.flights = message == null ? new BenchMessages(spec.messageSize()) : new BenchMessages(message);
            this.tickets = spec.isCounted() ? new AtomicLong(spec.messages()) : null;
        }

        /** Whether this connection may send one more message. */
        boolean claim() {
            if (stopping) {
                return false;
            }
            return tickets == null || tickets.getAndDecrement() > 0;
        }

        void error(String message) {
            synchronized (errors) {
                if (errors.size() < MAX_ERRORS_KEPT) {
                    errors.add(message);
                } else if (errors.size() == MAX_ERRORS_KEPT) {
                    errors.add("...");
                }
            }
        }

        void work() {
            try {
                switch (spec.mode()) {
                    case SESSION -> session();
                    case PIPELINED -> pipelined();
                    case CONNECT -> connectPerMessage();
                    default -> throw new IllegalStateException(spec.mode().toString());
                }
            } catch (IOException | RuntimeException e) {
                error(Thread.currentThread().getName() + ": " + e);
            }
        }

        private SmtpWire open(String requiredExtension) throws IOException {
            SmtpWire wire = SmtpWire.connect(server);
            try {
                wire.expect(220);
                wire.send(flights.ehlo);
                wire.expectEhlo(requiredExtension);
                return wire;
            } catch (IOException | RuntimeException e) {
                wire.close();
                throw e;
            }
        }

        private void quit(SmtpWire wire) throws IOException {
            wire.send(flights.quit);
            wire.expect(221);
        }

        /** Mode (a): one session, every command in lock-step with its reply. */
        private void session() throws IOException {
            try (SmtpWire wire = open(null)) {
                while (claim()) {
                    sendLockStep(wire);
                }
                quit(wire);
            }
        }

        /** Mode (c): a whole session per message. */
        private void connectPerMessage() throws IOException {
            while (claim()) {
                try (SmtpWire wire = open(null)) {
                    sendLockStep(wire);
                    quit(wire);
                }
            }
        }

        private void sendLockStep(SmtpWire wire) throws IOException {
            wire.send(flights.mailFrom);
            wire.expect(250);
            wire.send(flights.rcptTo);
            wire.expect(250);
            wire.send(flights.data);
            wire.expect(354);
            wire.send(flights.bodyAndDot);
            wire.expect(250);
            acknowledged.increment();
        }

        /**
         * Mode (b), RFC 2920. DATA ends every group, and the body goes out only after its 354 has been read, so
         * a refused MAIL or RCPT never sends a body as commands. The end of data starts the next group: body,
         * ".", MAIL, RCPT, DATA in one flight, answered by 250 (the message), 250, 250, 354 in order.
         */
        private void pipelined() throws IOException {
            try (SmtpWire wire = open("PIPELINING")) {
                if (claim()) {
                    wire.send(flights.envelope);
                    expectEnvelopeReplies(wire);
                    while (true) {
                        boolean another = claim();
                        wire.send(another ? flights.bodyAndDotAndNextEnvelope : flights.bodyAndDot);
                        wire.expect(250);
                        acknowledged.increment();
                        if (!another) {
                            break;
                        }
                        expectEnvelopeReplies(wire);
                    }
                }
                quit(wire);
            }
        }

        private void expectEnvelopeReplies(SmtpWire wire) throws IOException {
            wire.expect(250); // MAIL
            wire.expect(250); // RCPT
            wire.expect(354); // DATA: only now may the body be sent
        }
    }
}
