package dev.fakemail.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One measured POP3 session against a maildrop of {@code count} messages of {@code messageSize} octets each:
 * connect + greeting, USER + PASS, STAT, LIST, UIDL, RETR 1..count lock-step (each response read before the
 * next command is sent), RETR 1..count again pipelined (RFC 2449: commands written in batches, the next batch
 * sent before the previous batch's responses are read), QUIT, and the server's close.
 *
 * <p>Every command is built before the session starts, and the timed parts only write and scan bytes; the
 * checks run after each timed part. The checks: STAT gives {@code count} messages and the sum of the LIST
 * sizes; LIST numbers 1..count with {@code messageSize} each; UIDL numbers 1..count with distinct ids; every
 * RETR (both passes) says +OK and delivers, after un-stuffing, exactly its LIST size, and the size its status
 * line announces; QUIT says +OK and the server closes. The maildrop is not changed (no DELE), so sessions can
 * be repeated on it.
 */
final class Pop3BenchSession {
    static final String PASSWORD = "secret";

    private final InetSocketAddress server;
    private final int count;
    private final long messageSize;
    private final byte[] user;
    private final byte[] pass;
    private final byte[] stat = BenchMessages.ascii("STAT\r\n");
    private final byte[] list = BenchMessages.ascii("LIST\r\n");
    private final byte[] uidl = BenchMessages.ascii("UIDL\r\n");
    private final byte[] quit = BenchMessages.ascii("QUIT\r\n");
    /** RETR n at index n - 1. */
    private final byte[][] retr;
    /** RETR commands in pipelined batches. */
    private final byte[][] batches;
    private final int batchSize;

    /**
     * What one session measured, in milliseconds (per-RETR figures in microseconds), and what was wrong.
     * A session that failed has NaN for what it did not get to measure.
     */
    record Timings(double connectMillis, double loginMillis, double statMillis, double listMillis,
            double uidlMillis, double retrTotalMillis, double retrMedianMicros, double retrP99Micros,
            double retrMaxMicros, double pipelinedTotalMillis, double quitMillis, long statOctets,
            List<String> problems, List<byte[]> contents) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    Pop3BenchSession(InetSocketAddress server, String user, int count, long messageSize, int batchSize) {
        if (count < 1 || batchSize < 1) {
            throw new IllegalArgumentException("count and batch size must be positive");
        }
        this.server = server;
        this.count = count;
        this.messageSize = messageSize;
        this.batchSize = batchSize;
        this.user = BenchMessages.ascii("USER " + user + "\r\n");
        this.pass = BenchMessages.ascii("PASS " + PASSWORD + "\r\n");
        this.retr = new byte[count][];
        for (int number = 1; number <= count; number++) {
            retr[number - 1] = BenchMessages.ascii("RETR " + number + "\r\n");
        }
        this.batches = new byte[(count + batchSize - 1) / batchSize][];
        for (int batch = 0; batch < batches.length; batch++) {
            ByteArrayOutputStream flight = new ByteArrayOutputStream();
            for (int i = batch * batchSize; i < Math.min(count, (batch + 1) * batchSize); i++) {
                flight.writeBytes(retr[i]);
            }
            batches[batch] = flight.toByteArray();
        }
    }

    /**
     * Runs one session. With {@code keepContent} the lock-step RETR contents (un-stuffed) are returned in
     * {@link Timings#contents()}, by message number - 1, for tests that compare them with what was stored.
     */
    Timings run(boolean keepContent) {
        double nan = Double.NaN;
        double connect = nan, login = nan, statTime = nan, listTime = nan, uidlTime = nan, retrTotal = nan;
        double retrMedian = nan, retrP99 = nan, retrMax = nan, pipelined = nan, quitTime = nan;
        long statOctets = -1;
        List<String> problems = new ArrayList<>();
        List<byte[]> contents = keepContent ? new ArrayList<>(count) : List.of();
        long[] listSizes = null;
        long t0 = System.nanoTime();
        try (Pop3Wire wire = Pop3Wire.connect(server)) {
            wire.expectOk("the connection (greeting)");
            long t1 = System.nanoTime();
            connect = millis(t1 - t0);

            wire.send(user);
            wire.expectOk("USER");
            wire.send(pass);
            wire.expectOk("PASS");
            long t2 = System.nanoTime();
            login = millis(t2 - t1);

            wire.send(stat);
            wire.expectOk("STAT");
            long t3 = System.nanoTime();
            statTime = millis(t3 - t2);
            long statCount = wire.statusNumber(0);
            statOctets = wire.statusNumber(1);
            if (statCount != count) {
                problems.add("STAT: expected " + count + " messages: " + wire.lastLine());
                return timings(connect, login, statTime, listTime, uidlTime, retrTotal, retrMedian, retrP99, retrMax,
                        pipelined, quitTime, statOctets, problems, contents);
            }

            Pop3Wire.Bytes listing = new Pop3Wire.Bytes(count * 16);
            listTime = timedListing(wire, list, "LIST", listing);
            listSizes = checkList(listing, statOctets, problems);

            listing.reset();
            uidlTime = timedListing(wire, uidl, "UIDL", listing);
            checkUidl(listing, problems);

            long[] octets = new long[count];
            long[] announced = new long[count];
            long[] nanos = new long[count];
            Pop3Wire.Bytes content = keepContent ? new Pop3Wire.Bytes((int) messageSize + 64) : null;
            long t8 = System.nanoTime();
            long before = t8;
            for (int i = 0; i < count; i++) {
                wire.send(retr[i]);
                wire.expectOk("RETR", i + 1);
                announced[i] = wire.statusNumber(0);
                if (content != null) {
                    content.reset();
                }
                octets[i] = wire.readMultiline(content);
                long after = System.nanoTime();
                nanos[i] = after - before;
                before = after;
                if (content != null) {
                    contents.add(content.toByteArray());
                }
            }
            long t9 = System.nanoTime();
            retrTotal = millis(t9 - t8);
            Arrays.sort(nanos);
            retrMedian = micros(nanos[(count - 1) / 2]);
            retrP99 = micros(nanos[Math.max(0, (int) Math.ceil(0.99 * count) - 1)]);
            retrMax = micros(nanos[count - 1]);
            checkRetr("lock-step", octets, announced, listSizes, statOctets, problems);

            Arrays.fill(octets, -1);
            Arrays.fill(announced, -1);
            long t10 = System.nanoTime();
            wire.send(batches[0]);
            for (int batch = 0; batch < batches.length; batch++) {
                if (batch + 1 < batches.length) {
                    wire.send(batches[batch + 1]); // keep the server busy while this batch is read
                }
                for (int i = batch * batchSize; i < Math.min(count, (batch + 1) * batchSize); i++) {
                    wire.expectOk("pipelined RETR", i + 1);
                    announced[i] = wire.statusNumber(0);
                    octets[i] = wire.readMultiline(null);
                }
            }
            long t11 = System.nanoTime();
            pipelined = millis(t11 - t10);
            checkRetr("pipelined", octets, announced, listSizes, statOctets, problems);

            long t12 = System.nanoTime();
            wire.send(quit);
            wire.expectOk("QUIT");
            wire.awaitClose();
            quitTime = millis(System.nanoTime() - t12);
        } catch (IOException | RuntimeException e) {
            problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return timings(connect, login, statTime, listTime, uidlTime, retrTotal, retrMedian, retrP99, retrMax,
                pipelined, quitTime, statOctets, problems, contents);
    }

    private static Timings timings(double connect, double login, double stat, double list, double uidl,
            double retrTotal, double retrMedian, double retrP99, double retrMax, double pipelined, double quit,
            long statOctets, List<String> problems, List<byte[]> contents) {
        return new Timings(connect, login, stat, list, uidl, retrTotal, retrMedian, retrP99, retrMax, pipelined,
                quit, statOctets, List.copyOf(problems), contents);
    }

    /** LIST: lines "n size" for n = 1..count, each size = messageSize, summing to STAT's size. */
    private long[] checkList(Pop3Wire.Bytes listing, long statOctets, List<String> problems) {
        long[] sizes = new long[count];
        Arrays.fill(sizes, -1);
        List<String> lines = lines(listing);
        if (lines.size() != count) {
            problems.add("LIST: " + lines.size() + " lines instead of " + count);
        }
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).split(" ");
            if (words.length != 2 || !words[0].equals(String.valueOf(i + 1)) || !words[1].matches("[0-9]{1,18}")) {
                problems.add("LIST line " + (i + 1) + ": '" + lines.get(i) + "'");
                return sizes;
            }
            long size = Long.parseLong(words[1]);
            if (i < count) {
                sizes[i] = size;
            }
            total += size;
            if (messageSize >= 0 && size != messageSize) {
                problems.add("LIST: message " + (i + 1) + " has " + size + " octets, " + messageSize + " were stored");
                return sizes;
            }
        }
        if (total != statOctets) {
            problems.add("LIST sizes add up to " + total + ", STAT says " + statOctets);
        }
        return sizes;
    }

    /** UIDL: lines "n uid" for n = 1..count with distinct, non-empty printable ids. */
    private void checkUidl(Pop3Wire.Bytes listing, List<String> problems) {
        List<String> lines = lines(listing);
        if (lines.size() != count) {
            problems.add("UIDL: " + lines.size() + " lines instead of " + count);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).split(" ");
            if (words.length != 2 || !words[0].equals(String.valueOf(i + 1))
                    || !words[1].matches("[\\x21-\\x7E]{1,70}") || !ids.add(words[1])) {
                problems.add("UIDL line " + (i + 1) + ": '" + lines.get(i) + "' (malformed or a repeated id)");
                return;
            }
        }
    }

    /** Every RETR delivered exactly its LIST size (and what its status line announced), in all STAT's size. */
    private void checkRetr(String mode, long[] octets, long[] announced, long[] listSizes, long statOctets,
            List<String> problems) {
        long total = 0;
        int wrong = 0;
        String first = null;
        for (int i = 0; i < count; i++) {
            total += octets[i];
            boolean bad = octets[i] != listSizes[i] || (announced[i] >= 0 && announced[i] != listSizes[i]);
            if (bad && wrong++ == 0) {
                first = "message " + (i + 1) + ": " + octets[i] + " octets received (status line announced "
                        + announced[i] + "), LIST said " + listSizes[i];
            }
        }
        if (wrong > 0) {
            problems.add("RETR " + mode + ": " + wrong + " of " + count + " messages have the wrong size, first "
                    + first);
        }
        if (total != statOctets) {
            problems.add("RETR " + mode + ": " + total + " octets in all, STAT says " + statOctets);
        }
    }

    private static List<String> lines(Pop3Wire.Bytes listing) {
        String text = new String(listing.array(), 0, listing.length(), StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            if (end < 0) {
                lines.add(text.substring(start) + " <no CR LF>");
                break;
            }
            lines.add(text.substring(start, end));
            start = end + 2;
        }
        return lines;
    }

    /** Sends a command answered by a multi-line listing, reads the listing into {@code listing}: milliseconds. */
    private static double timedListing(Pop3Wire wire, byte[] command, String name, Pop3Wire.Bytes listing)
            throws IOException {
        long start = System.nanoTime();
        wire.send(command);
        wire.expectOk(name);
        wire.readMultiline(listing);
        return millis(System.nanoTime() - start);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }
}
