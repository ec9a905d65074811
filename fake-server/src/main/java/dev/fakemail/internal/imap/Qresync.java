package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * QRESYNC (RFC 7162 §3.2): ENABLE QRESYNC, the SELECT/EXAMINE parameter that resynchronizes a mailbox in one
 * command (VANISHED (EARLIER) for what left, FETCH for what changed), and the VANISHED modifier of UID FETCH.
 * Once enabled, expunges are told as {@code * VANISHED uids} instead of EXPUNGE (see {@link SelectedMailbox}).
 */
final class Qresync {
    private Qresync() {
    }

    /** What a client remembers of a mailbox: {@code (QRESYNC (uidvalidity modseq [known-uids [seq-match]]))}. */
    record Remembered(long uidValidity, long modSeq, SequenceSet knownUids) {
    }

    /** The SELECT/EXAMINE parameters: CONDSTORE and QRESYNC (null when not given). */
    record SelectParameters(boolean condstore, Remembered qresync) {
        static final SelectParameters NONE = new SelectParameters(false, null);

        static SelectParameters parse(ImapArgs args) {
            boolean condstore = false;
            Remembered qresync = null;
            args.expect('(');
            while (!args.accept(')')) {
                if (condstore || qresync != null) {
                    args.space();
                }
                String parameter = args.atom().toUpperCase(Locale.ROOT);
                if (parameter.equals("CONDSTORE")) {
                    condstore = true;
                } else if (parameter.equals("QRESYNC")) {
                    args.space();
                    qresync = remembered(args);
                } else {
                    throw new ImapSyntaxException("unknown SELECT parameter " + parameter);
                }
            }
            return new SelectParameters(condstore, qresync);
        }

        private static Remembered remembered(ImapArgs args) {
            args.expect('(');
            long uidValidity = args.nzNumber();
            args.space();
            long modSeq = args.nzNumber();
            SequenceSet known = null;
            if (args.skipSpace()) {
                if (args.peek() != '(') {
                    known = SequenceSet.parse(args.sequenceSet());
                    args.skipSpace();
                }
                if (args.peek() == '(') {
                    // Sequence match data helps servers that forget expunges; the history here answers exactly,
                    // so it is checked for form and otherwise not needed.
                    args.expect('(');
                    SequenceSet.parse(args.sequenceSet());
                    args.space();
                    SequenceSet.parse(args.sequenceSet());
                    args.expect(')');
                }
            }
            args.expect(')');
            return new Remembered(uidValidity, modSeq, known);
        }
    }

    /** ENABLE QRESYNC: implies CONDSTORE (RFC 7162 §3.2.3); from now on expunges are told as VANISHED. */
    static void enable(ImapSession session) {
        session.qresync = true;
        session.condstore = true;
        if (session.selected != null) {
            session.selected.reportExpungesAsVanished();
        }
    }

    /**
     * After SELECT's usual responses (RFC 7162 §3.2.5): with a matching UIDVALIDITY, the known UIDs expunged
     * since the client's MODSEQ as one {@code VANISHED (EARLIER)}, then a FETCH (UID FLAGS MODSEQ) for each known
     * message changed since. With another UIDVALIDITY the client must start over and hears nothing more.
     */
    static void resync(ImapSession session, SelectedMailbox view, Remembered remembered, ImapOut out) {
        Mailbox mailbox = view.mailbox;
        if (remembered.uidValidity() != mailbox.uidValidity()) {
            return;
        }
        long largest = mailbox.uidNext() - 1;
        SequenceSet known = remembered.knownUids() != null ? remembered.knownUids()
                : largest > 0 ? SequenceSet.parse("1:" + largest) : null;
        if (known == null) {
            return; // a mailbox that never held a message: the client knows of nothing
        }
        writeVanishedEarlier(session, view, known, remembered.modSeq(), out);
        for (int sequence = 1; sequence <= view.size(); sequence++) {
            StoredMessage message = view.bySequence(sequence);
            if (message.modSeq() > remembered.modSeq() && known.contains(message.uid(), largest)) {
                out.ascii("* ").number(sequence).ascii(" FETCH (UID ").number(message.uid()).ch(' ');
                session.writeFlagsOnly(out, message);
                out.ascii(" MODSEQ (").number(message.modSeq()).ascii("))\r\n");
            }
        }
    }

    /**
     * {@code * VANISHED (EARLIER) uids}: the UIDs of {@code set} expunged after {@code modSeq}; nothing when
     * there are none. Where the bounded history no longer reaches back, every UID of the set below UIDNEXT that
     * the mailbox does not hold is reported (RFC 7162 §3.2.6 allows a superset).
     */
    static void writeVanishedEarlier(ImapSession session, SelectedMailbox view, SequenceSet set, long modSeq,
            ImapOut out) {
        long largest = view.mailbox.uidNext() - 1;
        long[] expunged = session.store.expungedAfter(view.mailbox, modSeq);
        String uids;
        if (expunged != null) {
            uids = SequenceSet.compact(Arrays.stream(expunged).filter(uid -> set.contains(uid, largest)).toArray());
        } else {
            uids = absent(set, largest, view);
        }
        if (!uids.isEmpty()) {
            out.ascii("* VANISHED (EARLIER) ").ascii(uids).ascii("\r\n");
        }
    }

    /** The UIDs of the set (up to {@code largest}) that the view does not hold, as ranges, without listing each. */
    private static String absent(SequenceSet set, long largest, SelectedMailbox view) {
        List<long[]> gaps = new ArrayList<>();
        for (long[] range : merged(set.ranges(largest))) {
            long low = range[0];
            long high = Math.min(range[1], largest);
            long next = low;
            for (int sequence = firstAtOrAbove(view, low); sequence <= view.size(); sequence++) {
                long uid = view.bySequence(sequence).uid();
                if (uid > high) {
                    break;
                }
                if (uid > next) {
                    gaps.add(new long[] {next, uid - 1});
                }
                next = uid + 1;
            }
            if (next <= high) {
                gaps.add(new long[] {next, high});
            }
        }
        StringBuilder text = new StringBuilder();
        for (long[] gap : gaps) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(gap[0]);
            if (gap[1] > gap[0]) {
                text.append(':').append(gap[1]);
            }
        }
        return text.toString();
    }

    private static List<long[]> merged(long[][] ranges) {
        long[][] sorted = ranges.clone();
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new long[] {range[0], range[1]});
            }
        }
        return merged;
    }

    /** The message number of the first UID at or above {@code uid} (size + 1 when none). */
    private static int firstAtOrAbove(SelectedMailbox view, long uid) {
        int low = 1;
        int high = view.size();
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (view.bySequence(middle).uid() < uid) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
