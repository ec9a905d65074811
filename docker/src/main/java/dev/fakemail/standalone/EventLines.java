package dev.fakemail.standalone;

import dev.fakemail.fault.FaultHit;
import dev.fakemail.store.ReceivedMessage;
import java.util.List;
import java.util.Locale;

/** The one line printed per event, short enough to scan in {@code docker logs}. */
final class EventLines {
    /** Recipients shown before "and N more": a bulk send should not make a line scroll off. */
    private static final int SHOWN_RECIPIENTS = 3;
    private static final int SHOWN_SUBJECT = 80;

    private EventLines() {
    }

    /**
     * {@code received #12 from <a@x> to <b@y> "Subject" 2.1 KB}, and with a fake zone what its checks found:
     * {@code ... 2.1 KB spf=pass dkim=fail dmarc=pass}.
     */
    static String received(ReceivedMessage message) {
        return "received " + summary(message) + message.authentication()
                .map(checks -> " spf=" + checks.spf().result().keyword() + " dkim=" + checks.dkimResult().keyword()
                        + " dmarc=" + checks.dmarc().result().keyword())
                .orElse("");
    }

    /** {@code unacknowledged #13 from <a@x> to <b@y> "Subject" 2.1 KB: connection closed by a fault rule ...}. */
    static String unacknowledged(ReceivedMessage message) {
        return "unacknowledged " + summary(message)
                + message.unacknowledgedFate().map(fate -> ": " + printable(fate)).orElse("");
    }

    /** {@code fault #1 hit 2 in smtp session 7: smtp RCPT bob@* -> reply 451 4.3.0 "Try again later" times 2}. */
    static String faultHit(FaultHit hit) {
        return "fault #" + hit.ruleId() + " hit " + hit.hit() + " in " + hit.protocol().wireName() + " session "
                + hit.sessionId() + ": " + printable(hit.description());
    }

    /** Octets as people read them: 512 B, 2.1 KB, 3.4 MB (binary multiples, as the size limits are). */
    static String size(long octets) {
        if (octets < 1024) {
            return octets + " B";
        }
        double kib = octets / 1024.0;
        return kib < 1023.95 ? String.format(Locale.ROOT, "%.1f KB", kib) // what would round to 1024.0 KB is 1.0 MB
                : String.format(Locale.ROOT, "%.1f MB", kib / 1024);
    }

    private static String summary(ReceivedMessage message) {
        String subject = printable(message.subject());
        if (subject.length() > SHOWN_SUBJECT) {
            subject = subject.substring(0, SHOWN_SUBJECT) + "...";
        }
        return "#" + message.id() + " from <" + printable(message.envelope().mailFrom()) + "> to "
                + recipients(message.envelope().recipientAddresses()) + " \"" + subject + "\" " + size(message.size());
    }

    private static String recipients(List<String> addresses) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(addresses.size(), SHOWN_RECIPIENTS); i++) {
            text.append(i == 0 ? "" : ", ").append('<').append(printable(addresses.get(i))).append('>');
        }
        if (addresses.size() > SHOWN_RECIPIENTS) {
            text.append(" and ").append(addresses.size() - SHOWN_RECIPIENTS).append(" more");
        }
        return text.toString();
    }

    /** Control characters (a folded or hostile Subject) become spaces: one event stays one line. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
