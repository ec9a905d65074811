package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The RETURN options of SEARCH and SORT and the ESEARCH response they ask for: MIN, MAX, ALL, COUNT (RFC 4731,
 * and for SORT RFC 5267 §3: in sort order), SAVE (RFC 5182), and CONTEXT, UPDATE and PARTIAL (RFC 5267 §4).
 */
final class SearchReturn {
    private static final Set<String> KNOWN = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE", "UPDATE", "CONTEXT",
            "PARTIAL");
    private static final Set<String> RESULTS = Set.of("MIN", "MAX", "ALL", "COUNT", "PARTIAL");

    private final Set<String> options;
    private final long partialLow;
    private final long partialHigh;

    private SearchReturn(Set<String> options, long partialLow, long partialHigh) {
        this.options = options;
        this.partialLow = partialLow;
        this.partialHigh = partialHigh;
    }

    /** {@code RETURN (ALL)}: what a SEARCH without RETURN asks under IMAP4rev2 (RFC 9051 §6.4.4). */
    static SearchReturn allOnly() {
        return new SearchReturn(Set.of("ALL"), 0, 0);
    }

    /** Parses {@code RETURN (...) } when the arguments start with it (and the space after it); else null. */
    static SearchReturn parse(ImapArgs args, boolean sort) {
        if (!args.rest().regionMatches(true, 0, "RETURN ", 0, 7)) {
            return null;
        }
        args.atom();
        args.space();
        args.expect('(');
        Set<String> options = new LinkedHashSet<>();
        long low = 0;
        long high = 0;
        while (!args.accept(')')) {
            if (!options.isEmpty()) {
                args.space();
            }
            String option = args.atom().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(option) || (sort && option.equals("SAVE"))) {
                throw new ImapSyntaxException("unknown " + (sort ? "SORT" : "SEARCH") + " RETURN option " + option);
            }
            if (option.equals("PARTIAL")) {
                args.space();
                long[] range = partialRange(args.sequenceSet());
                low = range[0];
                high = range[1];
            }
            options.add(option);
        }
        if (options.stream().noneMatch(o -> RESULTS.contains(o) || o.equals("SAVE") || o.equals("UPDATE"))) {
            options.add("ALL"); // RETURN () and RETURN (CONTEXT): the ALL of RFC 4731 §3.1
        }
        args.space();
        return new SearchReturn(options, low, high);
    }

    /** RFC 5267 §4.4: partial-range = nz-number ":" nz-number, either order; no "*". */
    private static long[] partialRange(String text) {
        if (!text.matches("[0-9]{1,10}:[0-9]{1,10}")) {
            throw new ImapSyntaxException("PARTIAL needs a range of result positions like 1:100, not " + text);
        }
        int colon = text.indexOf(':');
        long a = Long.parseLong(text.substring(0, colon));
        long b = Long.parseLong(text.substring(colon + 1));
        if (a == 0 || b == 0 || a > 0xffffffffL || b > 0xffffffffL) {
            throw new ImapSyntaxException("PARTIAL positions are 1 to 4294967295: " + text);
        }
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    boolean has(String option) {
        return options.contains(option);
    }

    /** Only SAVE (and CONTEXT): RFC 5182 §2.4 sends no ESEARCH response at all. */
    boolean writesResponse() {
        return options.stream().anyMatch(o -> RESULTS.contains(o) || o.equals("UPDATE"));
    }

    /** Whether the whole result in order is needed (ALL, PARTIAL, or an UPDATE context), not just its ends. */
    boolean needsWholeResult() {
        return has("ALL") || has("PARTIAL") || has("UPDATE");
    }

    /** Whether MODSEQ (RFC 7162 §3.1.5) would name only the MIN and/or MAX messages. */
    boolean onlyMinMax() {
        return !has("ALL") && !has("COUNT") && !has("PARTIAL");
    }

    /**
     * The messages "$" keeps (RFC 5182 §2.4): with SAVE and only MIN and/or MAX, just those; else all found.
     * {@code found} is in result order.
     */
    long[] saved(long[] found) {
        if (found.length == 0 || !onlyMinMax() || !(has("MIN") || has("MAX"))) {
            return found;
        }
        long first = found[0];
        long last = found[found.length - 1];
        if (has("MIN") && has("MAX")) {
            return first == last ? new long[] {first} : new long[] {Math.min(first, last), Math.max(first, last)};
        }
        return new long[] {has("MIN") ? first : last};
    }

    /**
     * Writes the ESEARCH response without its line end (the caller may add MODSEQ). {@code results} are in
     * result order: ascending for SEARCH, sort order for SORT. Sets make ranges of ascending runs only, so a
     * sorted set keeps its order (RFC 5267 §3.2: "5,3:4,2,1").
     */
    void write(ImapOut out, ImapCommand command, long[] results) {
        out.ascii("* ESEARCH (TAG ").string(command.tag).ch(')');
        if (command.uid) {
            out.ascii(" UID");
        }
        int count = results.length;
        if (has("MIN") && count > 0) {
            out.ascii(" MIN ").number(results[0]);
        }
        if (has("MAX") && count > 0) {
            out.ascii(" MAX ").number(results[count - 1]);
        }
        if (has("COUNT")) {
            out.ascii(" COUNT ").number(count);
        }
        if (has("ALL") && count > 0) {
            out.ascii(" ALL ").ascii(SequenceSet.compact(results));
        }
        if (has("PARTIAL")) {
            out.ascii(" PARTIAL (").number(partialLow).ch(':').number(partialHigh).ch(' ');
            if (partialLow > count) {
                out.ascii("NIL");
            } else {
                long[] window = Arrays.copyOfRange(results, (int) partialLow - 1, (int) Math.min(count, partialHigh));
                out.ascii(SequenceSet.compact(window));
            }
            out.ch(')');
        }
    }
}
