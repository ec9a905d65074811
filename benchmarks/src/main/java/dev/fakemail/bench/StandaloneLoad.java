package dev.fakemail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SMTP part of {@link StandaloneBench}: one warm process per server for all rows, each row against fakemail
 * before (if given), fakemail, GreenMail and the sink, back to back.
 */
final class StandaloneLoad {
    private StandaloneLoad() {
    }

    /** One row: the runs against each server, in the order fakemail, GreenMail, sink. */
    record LoadRow(LoadSpec spec, List<LoadResult> before, List<LoadResult> fakemail, List<LoadResult> greenMail,
            List<LoadResult> sink) {
    }

    static boolean run(StandaloneOptions options, StringBuilder out) throws Exception {
        List<LoadRow> rows = new ArrayList<>();
        // One process per server for all rows (warm, as a server people keep running), each emptied between runs:
        // fakemail by its default cap of 5,000 received messages, GreenMail through its purge API.
        try (ServerProcess before = options.beforeJar == null ? null
                        : StandaloneServers.start("fakemail before", StandaloneServers.fakemailLoadCommand(options, true));
                ServerProcess fakemail = StandaloneServers.start("fakemail", StandaloneServers.fakemailLoadCommand(options, false));
                ServerProcess greenMail = options.greenMail == null ? null
                        : StandaloneServers.start("GreenMail", StandaloneServers.greenMailCommand(options));
                ServerProcess sink = StandaloneServers.start("sink", StandaloneServers.sinkCommand(options))) {
            for (LoadSpec spec : options.rows) {
                LoadRow row = new LoadRow(spec, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
                for (int i = 0; i < options.repeat; i++) {
                    if (before != null) {
                        row.before().add(loadOnce(before, spec));
                    }
                    row.fakemail().add(loadOnce(fakemail, spec));
                    if (greenMail != null) {
                        purgeGreenMail(greenMail);
                        row.greenMail().add(loadOnce(greenMail, spec));
                    }
                    row.sink().add(loadOnce(sink, spec));
                }
                rows.add(row);
            }
        }
        boolean withGreenMail = options.greenMail != null;
        out.append("\n### SMTP ingest, every server a process of its own, fakemail's web inbox ")
                .append(options.loadInbox ? "on" : "off (--web-port off)")
                .append(options.repeat > 1 ? " (median of " + options.repeat + " runs)" : "").append("\n\n");
        boolean withBefore = options.beforeJar != null;
        out.append("| Mode | Size | Conns |").append(withBefore ? " before msg/s | before % of sink |" : "")
                .append(" fakemail msg/s | % of sink |")
                .append(withGreenMail ? " GreenMail msg/s |" : "").append(" Sink msg/s | Check |\n");
        out.append("|---|---|---:|").append(withBefore ? "---:|---:|" : "").append("---:|---:|")
                .append(withGreenMail ? "---:|" : "").append("---:|---|\n");
        boolean clean = true;
        for (LoadRow row : rows) {
            LoadResult fakemail = median(row.fakemail());
            LoadResult sink = median(row.sink());
            out.append("| ").append(row.spec().mode().label)
                    .append(" | ").append(Sizes.format(row.spec().messageSize()))
                    .append(" | ").append(row.spec().connections());
            if (withBefore) {
                LoadResult before = median(row.before());
                out.append(" | ").append(rate(before)).append(" | ").append(percent(before, sink));
            }
            out.append(" | ").append(rate(fakemail)).append(" | ").append(percent(fakemail, sink));
            if (withGreenMail) {
                LoadResult greenMail = median(row.greenMail());
                out.append(" | ").append(greenMail == null || !greenMail.errors().isEmpty()
                        ? "failed" + (greenMail == null ? "" : ": " + first(greenMail.errors())) : rate(greenMail));
            }
            boolean rowClean = row.fakemail().stream().allMatch(r -> r != null && r.errors().isEmpty())
                    && row.before().stream().allMatch(r -> r != null && r.errors().isEmpty())
                    && row.sink().stream().allMatch(r -> r != null && r.errors().isEmpty());
            clean &= rowClean;
            out.append(" | ").append(rate(sink)).append(" | ")
                    .append(rowClean ? "ok" : "FAILED: " + errorsOf(row)).append(" |\n");
        }
        return clean;
    }

    private static LoadResult loadOnce(ServerProcess server, LoadSpec spec) throws Exception {
        Benchmarks.progress(server.name() + ": " + spec);
        LoadResult result = new SmtpLoadGenerator(server.smtp(), null).run(spec);
        Benchmarks.progress("  " + Sizes.grouped(result.messagesPerSecond()) + " msg/s"
                + (result.errors().isEmpty() ? "" : " " + result.errors()));
        return result;
    }

    /** GreenMail keeps every message until purged: without this its heap would fill up over the rows. */
    private static void purgeGreenMail(ServerProcess greenMail) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + greenMail.apiPort() + "/api/mail/purge");
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            Benchmarks.progress("  GreenMail purge failed: " + e);
        }
    }

    /** The first error of the row, named after the server that had it. */
    private static String errorsOf(LoadRow row) {
        String found = firstError("fakemail", row.fakemail());
        found = found != null ? found : firstError("before", row.before());
        found = found != null ? found : firstError("sink", row.sink());
        return found != null ? found : "?";
    }

    private static String firstError(String server, List<LoadResult> results) {
        return results.stream().filter(r -> r != null && !r.errors().isEmpty())
                .map(r -> server + ": " + first(r.errors())).findFirst().orElse(null);
    }

    private static String first(List<String> errors) {
        String error = errors.isEmpty() ? "" : errors.get(0);
        error = error.replace('|', '/');
        return error.length() > 80 ? error.substring(0, 80) + "…" : error;
    }

    private static String percent(LoadResult result, LoadResult sink) {
        return result == null || sink == null || sink.messagesPerSecond() == 0 ? ""
                : String.format(Locale.ROOT, "%.0f%%", 100 * result.messagesPerSecond() / sink.messagesPerSecond());
    }

    private static String rate(LoadResult result) {
        return result == null ? "" : Sizes.grouped(result.messagesPerSecond());
    }

    private static LoadResult median(List<LoadResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        List<LoadResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Double.compare(a.messagesPerSecond(), b.messagesPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
