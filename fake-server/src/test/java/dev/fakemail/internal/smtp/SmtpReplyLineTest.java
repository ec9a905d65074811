package dev.fakemail.internal.smtp;

import static dev.fakemail.internal.smtp.SmtpScript.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.net.MemoryTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reply that quotes the client stays one line: control characters the client put in a command (a bare CR
 * is legal inside a line as the framing reads it) come back as '?'. Found by SmtpSessionFuzzTest.
 */
class SmtpReplyLineTest {

    @Test
    void aBareCrInAnEchoedParameterDoesNotBreakTheReplyLine() {
        SmtpScript script = new SmtpScript();
        String replies = script.run(new MemoryTransport(List.of(bytes(
                "EHLO c\r\nMAIL FROM:<> X\rRS\u0001ET\r\nQUIT\r\n"))));
        assertThat(replies).endsWith(""
                + "250 HELP\r\n"
                + "501 5.5.4 Syntax: bad parameter 'X?RS?ET'\r\n"
                + "221 2.0.0 mx.test Bye\r\n");
    }
}
