package dev.fakemail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.internal.smtp.SmtpSession;
import dev.fakemail.internal.smtp.SmtpSettings;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.ReceivedMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP session fed arbitrary client bytes: every reply line is "ddd" then space or hyphen, a multi-line
 * reply keeps one code and ends with its space line, the session ends once its input does, and every
 * message in the store was acknowledged with "250 ... queued as" its id.
 */
class SmtpSessionFuzzTest {
    private static final Pattern REPLY_LINE = Pattern.compile("([2-5][0-9][0-9])([ -])[^\\r\\n]*");
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9]+)");
    // Small limits, so that the fuzzer reaches "too long" and "too large" with short inputs.
    private static final SmtpSettings SETTINGS = new SmtpSettings("mx.test", 4096, 5, 512, 256, 20, false, false,
            SessionHarness.USERS, SessionHarness.CLOCK);

    @FuzzTest(maxDuration = "8s")
    void anyClientBytesGetWellFormedRepliesAndNoUnacknowledgedMail(byte[] input) {
        InMemoryMailStore store = new InMemoryMailStore(SessionHarness.CLOCK);
        byte[] written = SessionHarness.run(input, connection -> new SmtpSession(SETTINGS, store, connection), "SMTP");
        List<String> lines = SessionHarness.crlfLines(written, "SMTP");
        if (lines.isEmpty() || !lines.get(0).startsWith("220 ")) {
            throw new AssertionError("no 220 greeting first: " + lines);
        }
        Set<Long> acknowledged = new HashSet<>();
        String openCode = null;
        for (String line : lines) {
            Matcher reply = REPLY_LINE.matcher(line);
            if (!reply.matches()) {
                throw new AssertionError("not an SMTP reply line: " + SessionHarness.shown(line));
            }
            if (openCode != null && !openCode.equals(reply.group(1))) {
                throw new AssertionError("multi-line reply changes its code at " + SessionHarness.shown(line));
            }
            openCode = reply.group(2).equals("-") ? reply.group(1) : null;
            Matcher queued = QUEUED.matcher(line);
            if (queued.lookingAt()) {
                acknowledged.add(Long.parseLong(queued.group(1)));
            }
        }
        if (openCode != null) {
            throw new AssertionError("output ends inside a multi-line " + openCode + " reply");
        }
        for (ReceivedMessage message : store.received()) {
            if (!acknowledged.contains(message.id())) {
                throw new AssertionError("message " + message.id() + " stored without its 250: " + lines);
            }
        }
    }
}
