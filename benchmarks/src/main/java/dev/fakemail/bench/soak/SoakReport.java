package dev.fakemail.bench.soak;

import dev.fakemail.bench.soak.Ledger.Count;
import java.util.List;
import java.util.Locale;

/** The figures of one soak and what went wrong, as Markdown. */
record SoakReport(SoakSettings settings, double seconds, Ledger ledger, int unacknowledged, int threadsBefore,
        int threadsAfter, long heapBefore, long heapAfter) {
    boolean passed() {
        return ledger.violationCount() == 0;
    }

    long count(Count count) {
        return ledger.count(count);
    }

    List<String> violations() {
        return ledger.violations();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Soak: %.0f s, %d SMTP + %d POP3 + %d IMAP clients, %d users, "
                        + "fault seed %d, web inbox %s, Java %s%n%n", seconds, settings.clientsPerProtocol(),
                settings.clientsPerProtocol(), settings.clientsPerProtocol(), settings.users(), settings.seed(),
                settings.webInbox() ? "on" : "off", Runtime.version()));
        out.append("| measure | count | per second |\n|---|---:|---:|\n");
        for (Count count : Count.values()) {
            long n = ledger.count(count);
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f |%n",
                    count.name().toLowerCase(Locale.ROOT).replace('_', ' '), n, n / seconds));
        }
        out.append(String.format(Locale.ROOT, "| slowest web inbox read | %,d ms | |%n",
                ledger.slowestWebReadMillis()));
        out.append(String.format(Locale.ROOT, "| listed as unacknowledged at the end | %,d | |%n", unacknowledged));
        out.append(String.format(Locale.ROOT, "| threads before / after | %d / %d | |%n", threadsBefore,
                threadsAfter));
        out.append(String.format(Locale.ROOT, "| heap used before / after (after GC) | %s / %s | |%n",
                SoakRun.mib(heapBefore), SoakRun.mib(heapAfter)));
        out.append(String.format(Locale.ROOT, "| violations | %,d | |%n%n", ledger.violationCount()));
        for (String violation : ledger.violations()) {
            out.append("- ").append(violation).append('\n');
        }
        out.append(passed() ? "Result: PASSED\n" : "Result: FAILED\n");
        return out.toString();
    }
}
