package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The POP3 part of the benchmark: an in-process server whose INBOX for {@link #USER} holds {@code count}
 * messages of {@code size} octets (put straight into the store), then one warm-up session and a few measured
 * sessions of {@link Pop3BenchSession}; the report shows the median of each step over the measured sessions.
 * With {@code --sink}, each session is followed by the same session against {@link Pop3SinkServer}.
 */
final class Pop3Section {
    static final String USER = "pop3@bench.test";
    static final String SENDER = "pop3-bench@bench.test";
    /** The targets, for 10,000 messages of 2 KB on the 2-core machine. */
    static final double RETR_ALL_TARGET_MILLIS = 1_000;
    static final double LIST_TARGET_MILLIS = 50;
    /** Lines in every benchmark message that start with "." and so are byte-stuffed on the wire. */
    static final String[] DOT_LINES = {".", "..", ".a line that starts with a dot, stuffed on the wire"};

    private Pop3Section() {
    }

    /** All sessions of one run: the warm-up ones are not in {@code measured}; {@code sink} is null without --sink. */
    record Result(int count, int size, int batch, List<Pop3BenchSession.Timings> warmup,
            List<Pop3BenchSession.Timings> measured, double fillMillis, Result sink, boolean virtualSink) {
        boolean ok() {
            return warmup.stream().allMatch(Pop3BenchSession.Timings::ok)
                    && measured.stream().allMatch(Pop3BenchSession.Timings::ok)
                    && (sink == null || sink.ok());
        }

        double median(ToDoubleFunction<Pop3BenchSession.Timings> measure) {
            double[] values = values(measure);
            return values.length == 0 ? Double.NaN : StartStopTimer.percentile(values, 50);
        }

        double min(ToDoubleFunction<Pop3BenchSession.Timings> measure) {
            double[] values = values(measure);
            return values.length == 0 ? Double.NaN : values[0];
        }

        double max(ToDoubleFunction<Pop3BenchSession.Timings> measure) {
            double[] values = values(measure);
            return values.length == 0 ? Double.NaN : values[values.length - 1];
        }

        private double[] values(ToDoubleFunction<Pop3BenchSession.Timings> measure) {
            double[] values = measured.stream().mapToDouble(measure).filter(value -> !Double.isNaN(value)).toArray();
            Arrays.sort(values);
            return values;
        }
    }

    static Result run(BenchOptions options) throws Exception {
        int count = options.pop3Messages;
        int size = options.pop3Size;
        try (FakeMailServer server = FakeMailServer.builder().build().start();
                Pop3SinkServer sink = options.sink ? new Pop3SinkServer(count, size, options.pop3VirtualSink) : null) {
            Benchmarks.progress("pop3: filling the INBOX of " + USER + " with " + count + " x " + Sizes.format(size));
            long t0 = System.nanoTime();
            fill(server, count, size);
            double fillMillis = (System.nanoTime() - t0) / 1e6;
            InetSocketAddress address = new InetSocketAddress(server.pop3().address(), server.pop3().port());
            Pop3BenchSession session = new Pop3BenchSession(address, USER, count, size, options.pop3Batch);
            Pop3BenchSession sinkSession = sink == null ? null
                    : new Pop3BenchSession(sink.address(), USER, count, size, options.pop3Batch);
            List<Pop3BenchSession.Timings> warmup = new ArrayList<>();
            List<Pop3BenchSession.Timings> measured = new ArrayList<>();
            List<Pop3BenchSession.Timings> sinkWarmup = new ArrayList<>();
            List<Pop3BenchSession.Timings> sinkMeasured = new ArrayList<>();
            for (int i = 0; i < options.pop3Warmup + options.pop3Sessions; i++) {
                boolean warm = i < options.pop3Warmup;
                int number = warm ? i + 1 : i - options.pop3Warmup + 1;
                (warm ? warmup : measured).add(session(session, "fakemail", warm, number, count));
                if (sinkSession != null) {
                    (warm ? sinkWarmup : sinkMeasured).add(session(sinkSession, "sink", warm, number, count));
                }
            }
            Result sinkResult = sink == null ? null
                    : new Result(count, size, options.pop3Batch, sinkWarmup, sinkMeasured, 0, null,
                            options.pop3VirtualSink);
            return new Result(count, size, options.pop3Batch, warmup, measured, fillMillis, sinkResult,
                    options.pop3VirtualSink);
        }
    }

    private static Pop3BenchSession.Timings session(Pop3BenchSession session, String server, boolean warm,
            int number, int count) throws InterruptedException {
        HeapPerMessage.usedHeapAfterGc(); // every session starts from a collected heap
        Pop3BenchSession.Timings timings = session.run(false);
        Benchmarks.progress(String.format(Locale.ROOT,
                "pop3 %s, %s session %d: login %.2f ms, STAT %.2f, LIST %.2f, UIDL %.2f, RETR x%d lock-step"
                        + " %.0f ms (median %.0f µs, p99 %.0f µs), pipelined %.0f ms, %s",
                server, warm ? "warm-up" : "measured", number, timings.loginMillis(), timings.statMillis(),
                timings.listMillis(), timings.uidlMillis(), count, timings.retrTotalMillis(),
                timings.retrMedianMicros(), timings.retrP99Micros(), timings.pipelinedTotalMillis(),
                timings.ok() ? "ok" : "FAILED " + timings.problems()));
        return timings;
    }

    /** Puts {@code count} distinct messages of exactly {@code size} octets into the INBOX of {@link #USER}. */
    static void fill(FakeMailServer server, int count, int size) {
        Envelope envelope = new Envelope(SENDER, Map.of(), List.of(new EnvelopeRecipient(USER, Map.of())),
                "pop3-bench.test", new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        for (int number = 1; number <= count; number++) {
            server.repository().deliver(envelope, message(number, size));
        }
    }

    /**
     * Message {@code number}: a text message of exactly {@code size} octets, CR LF everywhere, whose body
     * begins with the {@link #DOT_LINES} (so every RETR has byte-stuffing to undo, including a line that is a
     * lone "." and one that is ".."), then 76-character lines.
     */
    static byte[] message(int number, int size) {
        StringBuilder head = new StringBuilder()
                .append("From: POP3 Benchmark <").append(SENDER).append(">\r\n")
                .append("To: <").append(USER).append(">\r\n")
                .append(String.format(Locale.ROOT, "Subject: fakemail POP3 benchmark message %010d", number))
                .append("\r\n")
                .append("Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n")
                .append(String.format(Locale.ROOT, "Message-ID: <pop3-bench-%010d@bench.test>", number))
                .append("\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("\r\n");
        for (String dotLine : DOT_LINES) {
            head.append(dotLine).append("\r\n");
        }
        byte[] headBytes = BenchMessages.ascii(head.toString());
        if (size < headBytes.length + 3) {
            throw new IllegalArgumentException("a POP3 benchmark message needs at least " + (headBytes.length + 3)
                    + " octets");
        }
        byte[] result = new byte[size];
        System.arraycopy(headBytes, 0, result, 0, headBytes.length);
        int at = headBytes.length;
        int lineNumber = number;
        while (at < size) {
            // As BenchMessages: 76 characters + CR LF; a rest of 79 or 80 octets becomes one longer line.
            int remaining = size - at;
            int lineLength = remaining == 78 || remaining > 80 ? 78 : remaining;
            for (int i = 0; i < lineLength - 2; i++) {
                result[at++] = (byte) ('a' + (lineNumber + i) % 26); // never a dot, never a line end
            }
            result[at++] = '\r';
            result[at++] = '\n';
            lineNumber++;
        }
        return result;
    }

    static void table(Result result, StringBuilder out) {
        int count = result.count();
        out.append("\n### POP3: one session over a maildrop of ").append(Sizes.grouped(count)).append(" × ")
                .append(Sizes.format(result.size())).append("\n\n");
        out.append("Median of ").append(result.measured().size()).append(" measured sessions after ")
                .append(result.warmup().size()).append(" warm-up session(s); one client, TCP_NODELAY, lock-step"
                        + " except where pipelined (RETR commands in batches of ").append(result.batch())
                .append(", the next batch sent before the previous one's responses are read). The maildrop was"
                        + " filled straight into the store in ")
                .append(String.format(Locale.ROOT, "%.0f ms.", result.fillMillis()))
                .append(result.sink() == null ? "" : " Each session was followed by the same session against a"
                        + " trivial POP3 sink in this JVM (responses built in advance, no store, no transcript; "
                        + (result.virtualSink() ? "a virtual thread" : "a pooled platform thread")
                        + " per connection).")
                .append("\n\n");
        boolean sink = result.sink() != null;
        out.append("| Step | Median | Min–max |").append(sink ? " Sink median | ÷ sink |" : "")
                .append(" Target | Met | GreenMail 2.1.13 (issue) |\n");
        out.append("|---|---:|---:|").append(sink ? "---:|---:|" : "").append("---:|---|---:|\n");
        row(out, result, "Connect + greeting", Pop3BenchSession.Timings::connectMillis, "ms", 0, "");
        row(out, result, "Login (USER + PASS, 2 round trips)", Pop3BenchSession.Timings::loginMillis, "ms", 0, "");
        row(out, result, "STAT", Pop3BenchSession.Timings::statMillis, "ms", 0, "");
        row(out, result, "LIST (" + Sizes.grouped(count) + " lines)", Pop3BenchSession.Timings::listMillis, "ms",
                LIST_TARGET_MILLIS, "1.6 s");
        row(out, result, "UIDL (" + Sizes.grouped(count) + " lines)", Pop3BenchSession.Timings::uidlMillis, "ms",
                0, "");
        row(out, result, "RETR × " + Sizes.grouped(count) + ", lock-step, total",
                Pop3BenchSession.Timings::retrTotalMillis, "ms", RETR_ALL_TARGET_MILLIS, "≈ 440 s");
        row(out, result, "RETR lock-step, per RETR, median", Pop3BenchSession.Timings::retrMedianMicros, "µs", 0,
                "44 ms");
        row(out, result, "RETR lock-step, per RETR, p99", Pop3BenchSession.Timings::retrP99Micros, "µs", 0, "");
        row(out, result, "RETR lock-step, per RETR, max", Pop3BenchSession.Timings::retrMaxMicros, "µs", 0, "");
        row(out, result, "RETR × " + Sizes.grouped(count) + ", pipelined, total",
                Pop3BenchSession.Timings::pipelinedTotalMillis, "ms", 0, "");
        row(out, result, "QUIT + close", Pop3BenchSession.Timings::quitMillis, "ms", 0, "");
        double lockStep = result.median(Pop3BenchSession.Timings::retrTotalMillis);
        double pipelined = result.median(Pop3BenchSession.Timings::pipelinedTotalMillis);
        double mebibytes = (double) count * result.size() / (1024 * 1024);
        out.append(String.format(Locale.ROOT, "%nRETR rate: %s msg/s (%.1f MiB/s) lock-step, %s msg/s (%.1f MiB/s)"
                        + " pipelined, %.1f× faster.%n",
                Sizes.grouped(count / (lockStep / 1000)), mebibytes / (lockStep / 1000),
                Sizes.grouped(count / (pipelined / 1000)), mebibytes / (pipelined / 1000), lockStep / pipelined));
        if (sink) {
            double sinkLockStep = result.sink().median(Pop3BenchSession.Timings::retrTotalMillis);
            double sinkPipelined = result.sink().median(Pop3BenchSession.Timings::pipelinedTotalMillis);
            out.append(String.format(Locale.ROOT, "Sink: %s msg/s lock-step, %s msg/s pipelined.%n",
                    Sizes.grouped(count / (sinkLockStep / 1000)), Sizes.grouped(count / (sinkPipelined / 1000))));
        }
        List<Pop3BenchSession.Timings> all = new ArrayList<>(result.warmup());
        all.addAll(result.measured());
        if (sink) {
            all.addAll(result.sink().warmup());
            all.addAll(result.sink().measured());
        }
        if (result.ok()) {
            Pop3BenchSession.Timings any = result.measured().isEmpty() ? all.get(0) : result.measured().get(0);
            out.append(String.format(Locale.ROOT, "%nCheck: **ok** in all %d sessions%s: STAT said %s messages, %s"
                            + " octets; LIST numbered 1..%s, each %s octets, summing to STAT's size; UIDL gave %s"
                            + " distinct ids; each of the 2 × %s RETRs per session said +OK and delivered exactly"
                            + " its LIST size after un-stuffing (%d byte-stuffed lines per message).%n",
                    all.size(), sink ? " (fakemail's and the sink's)" : "", Sizes.grouped(count),
                    Sizes.grouped(any.statOctets()), Sizes.grouped(count),
                    Sizes.grouped(result.size()), Sizes.grouped(count), Sizes.grouped(count), DOT_LINES.length));
        } else {
            out.append("\nCheck: **FAILED**\n");
            for (int i = 0; i < all.size(); i++) {
                for (String problem : all.get(i).problems()) {
                    out.append("\n- session ").append(i + 1).append(" of ").append(all.size())
                            .append(" (warm-up and measured, fakemail first, then the sink's): ").append(problem);
                }
            }
            out.append('\n');
        }
    }

    private static void row(StringBuilder out, Result result, String step,
            ToDoubleFunction<Pop3BenchSession.Timings> measure, String unit, double target, String greenMail) {
        double median = result.median(measure);
        out.append("| ").append(step)
                .append(" | ").append(number(median)).append(' ').append(unit)
                .append(" | ").append(number(result.min(measure))).append("–").append(number(result.max(measure)));
        if (result.sink() != null) {
            double sinkMedian = result.sink().median(measure);
            out.append(" | ").append(number(sinkMedian)).append(' ').append(unit)
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f×", median / sinkMedian));
        }
        out.append(" | ").append(target > 0 ? "< " + Sizes.grouped(target) + " " + unit : "")
                .append(" | ").append(target > 0 ? (median < target ? "yes" : "**no**") : "")
                .append(" | ").append(greenMail).append(" |\n");
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
