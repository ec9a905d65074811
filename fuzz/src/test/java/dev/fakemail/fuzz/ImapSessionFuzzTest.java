package dev.fakemail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.internal.imap.ImapSession;
import dev.fakemail.internal.imap.ImapSettings;
import dev.fakemail.internal.store.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP session fed arbitrary client bytes (a user is logged in at the start of some seeds): the output is a
 * sequence of untagged ("* "), continuation ("+ ") and tagged ("tag OK|NO|BAD ") responses, each ending in
 * CR LF, with literals ({n} CR LF and n octets) exactly as long as announced; the session ends once its input does.
 */
class ImapSessionFuzzTest {
    private static final ImapSettings SETTINGS = new ImapSettings("mx.test", SessionHarness.USERS, false, 4096, 20,
            SessionHarness.CLOCK);
    private static final Pattern LITERAL_AT_END = Pattern.compile("~?\\{([0-9]+)\\}$");
    private static final Pattern TAGGED = Pattern.compile("[\\x21-\\x7e&&[^(){%*\"\\\\+]][\\x21-\\x7e&&[^(){%*\"\\\\]]*"
            + " (OK|NO|BAD)( .*)?", Pattern.DOTALL);

    @FuzzTest(maxDuration = "8s")
    void anyClientBytesGetWellFormedResponses(byte[] input) {
        InMemoryMailStore store = SessionHarness.storeWithMail();
        byte[] written = SessionHarness.run(input, connection -> new ImapSession(SETTINGS, store, connection), "IMAP");
        if (!startsWith(written, "* OK ") && !startsWith(written, "* PREAUTH ")) {
            throw new AssertionError("no greeting first: " + shown(written, 0));
        }
        int at = 0;
        while (at < written.length) {
            at = response(written, at);
        }
    }

    /** Checks the response starting at {@code start}, following its literals, and returns where the next starts. */
    private static int response(byte[] out, int start) {
        StringBuilder text = new StringBuilder();
        int at = start;
        while (true) {
            int lf = indexOf(out, (byte) '\n', at);
            if (lf < 0 || lf == at || out[lf - 1] != '\r') {
                throw new AssertionError("response line not ended by CR LF: " + shown(out, start));
            }
            String line = new String(out, at, lf - 1 - at, StandardCharsets.ISO_8859_1);
            if (line.indexOf('\r') >= 0) {
                throw new AssertionError("bare CR in a response line: " + shown(out, start));
            }
            text.append(line);
            at = lf + 1;
            Matcher literal = LITERAL_AT_END.matcher(line);
            if (!literal.find()) {
                break;
            }
            long size = Long.parseLong(literal.group(1));
            if (size > out.length - at) {
                throw new AssertionError("literal of " + size + " octets runs past the output: " + shown(out, start));
            }
            at += (int) size;
        }
        String response = text.toString();
        if (!response.startsWith("* ") && !response.startsWith("+ ") && !response.equals("+")
                && !TAGGED.matcher(response).matches()) {
            throw new AssertionError("neither untagged, continuation nor tagged: " + shown(out, start));
        }
        return at;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return new String(bytes, 0, Math.min(bytes.length, prefix.length()), StandardCharsets.ISO_8859_1)
                .equals(prefix);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String shown(byte[] out, int from) {
        return SessionHarness.shown(new String(out, from, Math.min(out.length - from, 300),
                StandardCharsets.ISO_8859_1));
    }
}
