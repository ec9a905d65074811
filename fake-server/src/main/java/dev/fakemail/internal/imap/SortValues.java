package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.HeaderIndex;
import dev.fakemail.internal.imap.mime.SortAddress;
import dev.fakemail.internal.store.StoredBytes;
import dev.fakemail.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What SORT and THREAD compare of one message, read from its header once (a stored message never changes, so a
 * session keeps these per UID while the mailbox stays selected). Text keys are already folded for
 * i;ascii-casemap (a-z upper-cased), the comparator RFC 5256 requires.
 */
final class SortValues {
    final long arrival;
    /** RFC 5256 §2.2: the Date field, or INTERNALDATE when it cannot be determined. */
    final long sent;
    final long size;
    final BaseSubject subject;
    final String subjectKey;
    final String from;
    final String to;
    final String cc;
    final String displayFrom;
    final String displayTo;
    /** The Message-ID's content without angle brackets, or null. */
    final String messageId;
    /** References, or else the first message ID of In-Reply-To (RFC 5256 §3, step 1.A). */
    final List<String> references;

    private SortValues(StoredMessage message) {
        byte[] raw = StoredBytes.of(message);
        HeaderIndex headers = HeaderIndex.parse(raw, 0, raw.length);
        arrival = message.internalDate().toInstant().toEpochMilli();
        sent = SentDate.parse(headers.value("Date"), arrival);
        size = message.size();
        subject = BaseSubject.of(headers.value("Subject"));
        subjectKey = subject.sortKey();
        from = fold(SortAddress.mailbox(headers.value("From")));
        to = fold(SortAddress.mailbox(headers.value("To")));
        cc = fold(SortAddress.mailbox(headers.value("Cc")));
        displayFrom = fold(SortAddress.display(headers.value("From")));
        displayTo = fold(SortAddress.display(headers.value("To")));
        List<String> ids = messageIds(headers.value("Message-ID"));
        messageId = ids.isEmpty() ? null : ids.get(0);
        List<String> refs = messageIds(headers.value("References"));
        if (refs.isEmpty()) {
            List<String> inReplyTo = messageIds(headers.value("In-Reply-To"));
            refs = inReplyTo.isEmpty() ? List.of() : List.of(inReplyTo.get(0));
        }
        references = refs;
    }

    static SortValues of(StoredMessage message) {
        return new SortValues(message);
    }

    /** i;ascii-casemap: only a-z fold, everything else compares as it is. */
    static String fold(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (folded == null) {
                    folded = new StringBuilder(text);
                }
                folded.setCharAt(i, (char) (c - 32));
            }
        }
        return folded == null ? text : folded.toString();
    }

    /** The {@code <id>} tokens of a field, contents only (white space inside dropped), in order. */
    static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(2);
        int from = 0;
        while (true) {
            int open = value.indexOf('<', from);
            if (open < 0) {
                return ids;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                return ids;
            }
            String id = value.substring(open + 1, close);
            if (id.indexOf(' ') >= 0 || id.indexOf('\t') >= 0) {
                id = id.replace(" ", "").replace("\t", "");
            }
            if (!id.isEmpty() && id.indexOf('<') < 0) {
                ids.add(id);
            }
            from = close + 1;
        }
    }
}
