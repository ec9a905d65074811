package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.HeaderIndex;
import dev.fakemail.internal.imap.mime.MessageStructure;
import dev.fakemail.internal.imap.mime.SearchText;
import dev.fakemail.internal.store.StoredBytes;
import dev.fakemail.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The SEARCH grammar of RFC 3501 §6.4.4 (and MODSEQ of RFC 7162) turned into a predicate over one message.
 * Text keys match case-insensitive substrings of the decoded header values and body text.
 */
final class SearchKey {
    /** One message as SEARCH sees it; the header and MIME views are parsed only when a key needs them. */
    static final class Candidate {
        final int sequence;
        final StoredMessage message;
        final SelectedMailbox view;
        private HeaderIndex headers;
        private MessageStructure structure;

        Candidate(int sequence, StoredMessage message, SelectedMailbox view) {
            this.sequence = sequence;
            this.message = message;
            this.view = view;
        }

        HeaderIndex headers() {
            if (headers == null) {
                byte[] raw = StoredBytes.of(message);
                headers = HeaderIndex.parse(raw, 0, raw.length);
            }
            return headers;
        }

        MessageStructure structure() {
            if (structure == null) {
                structure = MessageStructure.parse(StoredBytes.of(message));
            }
            return structure;
        }

        LocalDate sentDate() {
            List<String> dates = SearchText.headerValues(headers(), "Date");
            if (!dates.isEmpty()) {
                try {
                    String value = dates.get(0).trim().replaceAll("\\s*\\(.*\\)$", "").replaceAll("\\s+", " ");
                    return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
                } catch (RuntimeException unparseable) {
                    // fall back to the internal date, as Dovecot does
                }
            }
            return message.internalDate().toLocalDate();
        }
    }

    private final ImapArgs args;
    private final SelectedMailbox view;
    private final boolean utf8;
    /** The server's clock, for WITHIN's OLDER and YOUNGER (RFC 5032). */
    private final java.time.Clock clock;
    private int depth;
    /** Whether a MODSEQ key was used: the results then carry the highest MODSEQ (RFC 7162 §3.1.5). */
    private boolean usesModSeq;

    private SearchKey(ImapArgs args, SelectedMailbox view, boolean utf8, java.time.Clock clock) {
        this.args = args;
        this.view = view;
        this.utf8 = utf8;
        this.clock = clock;
    }

    /** The parsed keys, ANDed, and whether one of them was MODSEQ. */
    record Parsed(Predicate<Candidate> predicate, boolean usesModSeq) {
    }

    /** Parses search keys up to the end of the arguments; they are ANDed. */
    static Parsed parse(ImapArgs args, SelectedMailbox view, boolean utf8, java.time.Clock clock) {
        SearchKey parser = new SearchKey(args, view, utf8, clock);
        Predicate<Candidate> all = parser.key();
        while (args.skipSpace()) {
            all = all.and(parser.key());
        }
        args.end();
        return new Parsed(all, parser.usesModSeq);
    }

    /** RFC 3501's RECENT, OLD and NEW: the \\Recent this session holds. */
    private static Predicate<Candidate> recentKey(String name) {
        switch (name) {
            case "RECENT": return m -> m.view.isRecent(m.message.uid());
            case "OLD": return m -> !m.view.isRecent(m.message.uid());
            default: return m -> m.view.isRecent(m.message.uid()) && !m.message.flags().contains("\\Seen");
        }
    }

    private Predicate<Candidate> key() {
        if (args.accept('(')) {
            if (++depth > ImapSettings.MAX_SEARCH_DEPTH) {
                throw new ImapSyntaxException("search keys nested deeper than " + ImapSettings.MAX_SEARCH_DEPTH);
            }
            Predicate<Candidate> all = key();
            while (!args.accept(')')) {
                args.space();
                all = all.and(key());
            }
            depth--;
            return all;
        }
        int c = args.peek();
        if (c == '$') {
            args.sequenceSet();
            return m -> m.view.searches.isSaved(m.message.uid()); // RFC 5182: the saved result
        }
        if ((c >= '0' && c <= '9') || c == '*') {
            SequenceSet set = SequenceSet.parse(args.sequenceSet());
            return m -> set.contains(m.sequence, m.view.size());
        }
        String name = args.atom().toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL": return m -> true;
            case "ANSWERED": return flag("\\Answered");
            case "DELETED": return flag("\\Deleted");
            case "DRAFT": return flag("\\Draft");
            case "FLAGGED": return flag("\\Flagged");
            case "SEEN": return flag("\\Seen");
            case "UNANSWERED": return flag("\\Answered").negate();
            case "UNDELETED": return flag("\\Deleted").negate();
            case "UNDRAFT": return flag("\\Draft").negate();
            case "UNFLAGGED": return flag("\\Flagged").negate();
            case "UNSEEN": return flag("\\Seen").negate();
            case "RECENT": case "OLD": case "NEW":
                if (view.withoutRecent()) {
                    throw Rev2Rules.removed("SEARCH " + name, "there is no \\Recent");
                }
                return recentKey(name);
            case "KEYWORD": return flag(argument().atom());
            case "UNKEYWORD": return flag(argument().atom()).negate();
            case "BCC": case "CC": case "FROM": case "SUBJECT": case "TO": {
                String needle = text();
                if (name.equals("SUBJECT")) {
                    return m -> SearchText.headerContains(m.headers(), "Subject", needle);
                }
                return m -> SearchText.addressContains(m.headers(), name, needle);
            }
            case "HEADER": {
                String field = text();
                String needle = text();
                return m -> needle.isEmpty() ? !SearchText.headerValues(m.headers(), field).isEmpty()
                        : SearchText.headerContains(m.headers(), field, needle);
            }
            case "BODY": {
                String needle = text();
                return m -> SearchText.bodyContains(m.structure(), needle);
            }
            case "TEXT": {
                String needle = text();
                return m -> SearchText.textContains(m.structure(), needle);
            }
            case "BEFORE": { LocalDate d = date(); return m -> m.message.internalDate().toLocalDate().isBefore(d); }
            case "ON": { LocalDate d = date(); return m -> m.message.internalDate().toLocalDate().isEqual(d); }
            case "SINCE": { LocalDate d = date(); return m -> !m.message.internalDate().toLocalDate().isBefore(d); }
            case "SENTBEFORE": { LocalDate d = date(); return m -> m.sentDate().isBefore(d); }
            case "SENTON": { LocalDate d = date(); return m -> m.sentDate().isEqual(d); }
            case "SENTSINCE": { LocalDate d = date(); return m -> !m.sentDate().isBefore(d); }
            case "LARGER": { long n = argument().number(); return m -> StoredBytes.of(m.message).length > n; }
            case "SMALLER": { long n = argument().number(); return m -> StoredBytes.of(m.message).length < n; }
            case "OLDER": case "YOUNGER": { // RFC 5032, to the second, against the server's clock now
                long seconds = argument().nzNumber();
                long target = clock.millis() / 1000 - seconds;
                boolean older = name.equals("OLDER");
                return m -> older ? m.message.internalDate().toEpochSecond() <= target
                        : m.message.internalDate().toEpochSecond() >= target;
            }
            case "UID": {
                if (argument().peek() == '$') {
                    args.sequenceSet();
                    return m -> m.view.searches.isSaved(m.message.uid());
                }
                SequenceSet set = SequenceSet.parse(args.sequenceSet());
                return m -> set.contains(m.message.uid(), m.view.largestUid());
            }
            case "MODSEQ": {
                args.space();
                if (args.peek() == '"') {
                    args.stringBytes(); // entry name and type: per-flag MODSEQs are not kept apart
                    args.space();
                    args.atom();
                    args.space();
                }
                long modSeq = args.number();
                usesModSeq = true;
                return m -> m.message.modSeq() >= modSeq;
            }
            case "NOT": {
                args.space();
                return key().negate();
            }
            case "OR": {
                args.space();
                Predicate<Candidate> left = key();
                args.space();
                return left.or(key());
            }
            default:
                throw new ImapSyntaxException("unknown search key " + name);
        }
    }

    private ImapArgs argument() {
        args.space();
        return args;
    }

    private Predicate<Candidate> flag(String flag) {
        String wanted = flag.startsWith("\\") ? StoreHandler.canonicalFlag(flag) : flag;
        return m -> m.message.flags().stream().anyMatch(f -> f.equalsIgnoreCase(wanted));
    }

    private String text() {
        byte[] bytes = argument().astringBytes();
        return new String(bytes, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
    }

    private LocalDate date() {
        args.space();
        String text = args.peek() == '"' ? new String(args.stringBytes(), StandardCharsets.US_ASCII) : args.atom();
        return ImapDates.parseDate(text);
    }

    static List<String> supportedCharsets() {
        List<String> charsets = new ArrayList<>();
        charsets.add("US-ASCII");
        charsets.add("UTF-8");
        return charsets;
    }
}
