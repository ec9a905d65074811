package dev.fakemail.bench;

import java.util.concurrent.CountDownLatch;

/**
 * {@link SinkServer} as a process of its own, for the standalone benchmark, where every server runs in its own
 * JVM: prints "smtp listening on HOST:PORT" and runs until killed.
 */
public final class SinkServerMain {
    private SinkServerMain() {
    }

    public static void main(String[] args) throws Exception {
        // "--keep N": the keeping sink (see SinkServer(int)); no argument: the plain sink.
        int keep = args.length == 2 && args[0].equals("--keep") ? Integer.parseInt(args[1]) : 0;
        SinkServer sink = new SinkServer(keep);
        System.out.println("smtp listening on " + sink.address().getAddress().getHostAddress() + ":"
                + sink.address().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
