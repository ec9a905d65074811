package dev.fakemail.bench;

/**
 * A stand-in server for {@link AsyncProfilerTest}: one thread named as fakemail's session threads are, busy in this
 * package until its standard input closes (or a minute passes), so a profile of it has one place to find.
 */
public final class BusySessionMain {
    private BusySessionMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread busy = new Thread(BusySessionMain::spin, "fakemail-session-1");
        busy.setDaemon(true);
        busy.start();
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.in.read() >= 0 && System.nanoTime() < deadline) {
            // until the test closes our input
        }
    }

    private static void spin() {
        long checksum = 0;
        while (true) {
            for (int i = 0; i < 1_000_000; i++) {
                checksum = checksum * 31 + Long.toString(i).hashCode();
            }
            if (checksum == 42) {
                System.out.println(checksum); // keeps the loop from being optimised away
            }
        }
    }
}
