package dev.fakemail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap part of {@link StandaloneBench}: per server and message count, a fresh process, live bytes (jcmd class
 * histograms) before and after storing the messages, and with the web inbox on the JSON API timed over HTTP.
 */
final class StandaloneHeap {
    static final int MESSAGE_SIZE = 2 * 1024;
    static final double HEAP_TARGET = 1.3;
    private static final int HEAP_WARMUP_MESSAGES = 2_000;
    static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private StandaloneHeap() {
    }

    /** One heap measure: live bytes before and after storing {@code messages} more messages. */
    record HeapResult(String server, int messages, long before, long after, String error) {
        double perMessage() {
            return (after - before) / (double) messages;
        }
    }

    /** One request of the web inbox's JSON API, timed over real HTTP with the heap measure's messages stored. */
    record RequestTiming(String server, int messages, String request, double medianMillis, double p95Millis,
            String total) {
    }

    /** The requests timed: the list, and searches that look at every message. */
    private static final List<String[]> REQUESTS = List.of(
            new String[] {"list, page 1", "/api/messages?limit=50"},
            new String[] {"list, last page", "/api/messages?limit=50&offset=LAST"},
            new String[] {"search, no match, any field", "/api/messages?q=zzzz-nowhere"},
            new String[] {"search text:, no match", "/api/messages?q=text:token-nowhere"},
            new String[] {"search subject:, all match", "/api/messages?q=subject:benchmark"},
            new String[] {"search from:, all match", "/api/messages?q=from:load"});
    private static final int REQUEST_WARMUP = 10;
    private static final int REQUEST_RUNS = 21;

    private static final List<RequestTiming> TIMINGS = new ArrayList<>();

    static boolean run(StandaloneOptions options, StringBuilder out) throws Exception {
        List<HeapResult> results = new ArrayList<>();
        for (int messages : options.heapMessages) {
            if (options.beforeJar != null) {
                results.add(heap(options, "fakemail before, web inbox on", messages,
                        StandaloneServers.fakemailCommand(options, true, true), true));
            }
            results.add(heap(options, "fakemail standalone, web inbox on", messages, StandaloneServers.fakemailCommand(options, true),
                    true));
            if (options.beforeJar != null) {
                results.add(heap(options, "fakemail before, --web-port off", messages,
                        StandaloneServers.fakemailCommand(options, true, false), false));
            }
            results.add(heap(options, "fakemail standalone, --web-port off", messages,
                    StandaloneServers.fakemailCommand(options, false), false));
            if (options.greenMail != null) {
                results.add(heap(options, "GreenMail standalone (its API on)", messages, StandaloneServers.greenMailCommand(options),
                        false));
            }
        }
        out.append("\n### Heap per stored 2 KB message (live bytes after full GC, jcmd GC.class_histogram)\n\n");
        out.append("| Server | Messages | Live before | Live after | Per message | ÷ 2,048 | Target | Met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        boolean clean = true;
        for (HeapResult result : results) {
            if (result.error() != null) {
                clean = false;
                out.append("| ").append(result.server()).append(" | ").append(result.messages())
                        .append(" | FAILED: ").append(result.error().replace('|', '/').replace('\n', ' '))
                        .append(" | | | | | |\n");
                continue;
            }
            double ratio = result.perMessage() / MESSAGE_SIZE;
            boolean fakemail = result.server().startsWith("fakemail");
            out.append("| ").append(result.server())
                    .append(" | ").append(Sizes.grouped(result.messages()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f MB", result.before() / 1e6))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f MB", result.after() / 1e6))
                    .append(" | ").append(Sizes.grouped(result.perMessage())).append(" B")
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f×", ratio))
                    .append(" | ").append(fakemail ? "≤ " + HEAP_TARGET + "×" : "")
                    .append(" | ").append(fakemail ? (ratio <= HEAP_TARGET ? "yes" : "**no**") : "")
                    .append(" |\n");
        }
        if (!TIMINGS.isEmpty()) {
            out.append("\n### Web inbox JSON API with those messages stored (over HTTP, median of ")
                    .append(REQUEST_RUNS).append(" after ").append(REQUEST_WARMUP).append(" warm-up calls)\n\n");
            out.append("| Server | Messages | Request | median ms | p95 ms | total |\n|---|---:|---|---:|---:|---:|\n");
            for (RequestTiming timing : TIMINGS) {
                out.append("| ").append(timing.server()).append(" | ").append(Sizes.grouped(timing.messages()))
                        .append(" | ").append(timing.request())
                        .append(String.format(Locale.ROOT, " | %.1f | %.1f | ", timing.medianMillis(),
                                timing.p95Millis()))
                        .append(timing.total()).append(" |\n");
            }
        }
        return clean;
    }

    private static void timeRequests(ServerProcess process, String server, int messages, int stored)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String[] request : REQUESTS) {
            URI uri = URI.create("http://127.0.0.1:" + process.port("web")
                    + request[1].replace("LAST", Integer.toString(Math.max(0, stored - 50))));
            String total = "";
            double[] millis = new double[REQUEST_RUNS];
            for (int i = 0; i < REQUEST_WARMUP + REQUEST_RUNS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
                }
                if (i >= REQUEST_WARMUP) {
                    millis[i - REQUEST_WARMUP] = elapsed;
                }
                Matcher matcher = TOTAL.matcher(response.body());
                total = matcher.find() ? matcher.group(1) : "?";
            }
            Arrays.sort(millis);
            TIMINGS.add(new RequestTiming(server, messages, request[0], millis[REQUEST_RUNS / 2],
                    millis[(int) Math.ceil(REQUEST_RUNS * 0.95) - 1], total));
        }
    }

    private static HeapResult heap(StandaloneOptions options, String server, int messages, List<String> command,
            boolean webInbox) throws Exception {
        ProcessHeap heap = new ProcessHeap(StandaloneServers.javaHome(options.serverJava));
        try (ServerProcess process = StandaloneServers.start(server, command)) {
            SmtpLoadGenerator generator = new SmtpLoadGenerator(process.smtp(), null);
            fill(generator, HEAP_WARMUP_MESSAGES, server);
            awaitIndexed(process, webInbox, HEAP_WARMUP_MESSAGES);
            long before = heap.liveBytes(process.pid());
            fill(generator, messages, server);
            awaitIndexed(process, webInbox, HEAP_WARMUP_MESSAGES + messages);
            long after = heap.liveBytes(process.pid());
            if (webInbox) {
                timeRequests(process, server, messages, HEAP_WARMUP_MESSAGES + messages);
            }
            HeapResult result = new HeapResult(server, messages, before, after, null);
            Benchmarks.progress(String.format(Locale.ROOT, "  %s, %d messages: %.0f B per message", server,
                    messages, result.perMessage()));
            return result;
        } catch (IOException | RuntimeException e) {
            Benchmarks.progress("  " + server + " failed: " + e);
            return new HeapResult(server, messages, 0, 0, e.toString());
        }
    }

    private static void fill(SmtpLoadGenerator generator, int messages, String server) throws Exception {
        Benchmarks.progress("  " + server + ": storing " + messages + " x 2 KB");
        LoadResult result = generator.run(LoadSpec.counted(LoadMode.SESSION, MESSAGE_SIZE, 8, messages));
        if (!result.errors().isEmpty() || result.acknowledged() != messages) {
            throw new IOException("filling failed: " + result.acknowledged() + " of " + messages + " acknowledged, "
                    + result.errors());
        }
    }

    /** With the web inbox on: until its list counts every message, so the index is built when the heap is read. */
    private static void awaitIndexed(ServerProcess process, boolean webInbox, int expected) throws Exception {
        if (!webInbox) {
            return;
        }
        int port = process.port("web");
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages?limit=1");
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 300_000;
        long total = -1;
        while (System.currentTimeMillis() < deadline) {
            String body = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = TOTAL.matcher(body);
            total = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
            if (total == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the web inbox lists " + total + " messages, expected " + expected);
    }
}
