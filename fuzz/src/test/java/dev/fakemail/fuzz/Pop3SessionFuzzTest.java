package dev.fakemail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.internal.pop3.MaildropLocks;
import dev.fakemail.internal.pop3.Pop3Session;
import dev.fakemail.internal.pop3.Pop3Settings;
import dev.fakemail.internal.store.InMemoryMailStore;
import java.util.List;

/**
 * A POP3 session fed arbitrary client bytes: every response starts "+OK", "-ERR" or "+ " (a SASL challenge),
 * the lines of a multi-line response follow its "+OK" and end with ".", the session ends once its input does,
 * and it leaves the maildrop unlocked for the next one.
 */
class Pop3SessionFuzzTest {
    private static final Pop3Settings SETTINGS = new Pop3Settings("mx.test", SessionHarness.USERS, false, 20);

    @FuzzTest(maxDuration = "8s")
    void anyClientBytesGetWellFormedResponses(byte[] input) {
        InMemoryMailStore store = SessionHarness.storeWithMail();
        MaildropLocks locks = new MaildropLocks();
        byte[] written = SessionHarness.run(input,
                connection -> new Pop3Session(SETTINGS, store, locks, connection), "POP3");
        List<String> lines = SessionHarness.crlfLines(written, "POP3");
        if (lines.isEmpty() || !lines.get(0).startsWith("+OK ")) {
            throw new AssertionError("no +OK greeting first: " + lines);
        }
        boolean inBody = false;
        boolean afterOk = false;
        for (String line : lines) {
            if (inBody) {
                inBody = !line.equals(".");
                continue;
            }
            if (line.startsWith("+OK") || line.startsWith("-ERR") || line.startsWith("+ ")) {
                afterOk = line.startsWith("+OK");
                continue;
            }
            if (!afterOk) {
                throw new AssertionError("neither a status line nor part of a multi-line +OK response: "
                        + SessionHarness.shown(line) + " in " + lines);
            }
            inBody = !line.equals(".");
            afterOk = false;
        }
        if (inBody) {
            throw new AssertionError("output ends inside a multi-line response: " + lines);
        }
        byte[] next = SessionHarness.run("USER bob@example.test\r\nPASS x\r\nQUIT\r\n".getBytes(),
                connection -> new Pop3Session(SETTINGS, store, locks, connection), "POP3");
        if (!new String(next).contains("+OK maildrop locked and ready")) {
            throw new AssertionError("the next session cannot lock the maildrop: " + new String(next));
        }
    }
}
