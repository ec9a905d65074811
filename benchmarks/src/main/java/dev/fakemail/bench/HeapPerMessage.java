package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;

/**
 * Heap retained per stored message: a fresh server in its default configuration receives {@code messages}
 * messages over one pipelined SMTP connection; used heap after repeated full GCs is compared with what it
 * was before (after a warm-up batch and a reset, so classes, JIT data and session buffers are not counted).
 * Everything the server keeps per message is in the difference: the stored bytes with their trace fields,
 * the received-message log entry and envelope, the mailbox entry, and the (bounded) session transcript.
 */
final class HeapPerMessage {
    private static final int GC_ROUNDS = 5;

    private HeapPerMessage() {
    }

    /**
     * @param messageSize octets the client sends per message
     * @param storedSize octets the server stores per message (the client's plus its trace fields)
     * @param retainedPerMessage heap retained per message in octets
     */
    record Result(int messages, int messageSize, int storedSize, long usedBefore, long usedAfter,
            double retainedPerMessage) {
        double perMessageSize() {
            return retainedPerMessage / messageSize;
        }

        double perStoredSize() {
            return retainedPerMessage / storedSize;
        }
    }

    static Result measure(int messages, int messageSize) throws InterruptedException {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            SmtpLoadGenerator generator = new SmtpLoadGenerator(
                    new InetSocketAddress(server.smtp().address(), server.smtp().port()), null);
            check(generator.run(LoadSpec.counted(LoadMode.PIPELINED, messageSize, 1, 2_000)), 2_000);
            server.reset();
            long before = usedHeapAfterGc();
            check(generator.run(LoadSpec.counted(LoadMode.PIPELINED, messageSize, 1, messages)), messages);
            long after = usedHeapAfterGc();
            int stored = server.messages().size();
            if (stored != messages) {
                throw new IllegalStateException("the server stored " + stored + " messages, not " + messages);
            }
            int storedSize = server.messages().get(0).size();
            return new Result(messages, messageSize, storedSize, before, after, (after - before) / (double) messages);
        }
    }

    private static void check(LoadResult result, long expected) {
        if (!result.errors().isEmpty() || result.acknowledged() != expected) {
            throw new IllegalStateException("filling the store failed: " + result.acknowledged() + " of "
                    + expected + " acknowledged, errors " + result.errors());
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread.sleep(200); // let server sessions that just said 221 finish and drop their buffers
        long used = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
