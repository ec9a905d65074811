package dev.fakemail.internal.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * The SMTP command line and MAIL FROM / RCPT TO path parsers over arbitrary bytes: a command always parses
 * (unknown verbs included), and a path either parses or throws {@link MailPath.SyntaxException} with a reason;
 * a parsed path the handlers accept, written back in angle brackets, parses to the same address.
 */
class SmtpCommandFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void commandLinesAndPathsParseOrSayWhy(byte[] line) {
        SmtpCommand command = SmtpCommand.parse(line);
        if (!command.name().equals(command.name().toUpperCase(Locale.ROOT))) {
            throw new AssertionError("verb not upper case: " + command.name());
        }
        command.transcriptText();
        command.faultArgument();
        for (String keyword : new String[] {"FROM", "TO"}) {
            MailPath path;
            try {
                path = MailPath.parse(command.argument(), keyword);
            } catch (MailPath.SyntaxException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("syntax error without a reason for " + command.argument());
                }
                continue;
            }
            if (!MailPath.isValidMailbox(path.address())) {
                continue; // refused by the MAIL and RCPT handlers (the unbracketed form lets '>' through to here)
            }
            String again;
            try {
                again = MailPath.parse(keyword + ":<" + path.address() + ">", keyword).address();
            } catch (MailPath.SyntaxException e) {
                throw new AssertionError("parsed address '" + path.address() + "' does not parse again: "
                        + e.getMessage());
            }
            if (!again.equals(path.address())) {
                throw new AssertionError("address '" + path.address() + "' parses again as '" + again + "'");
            }
        }
    }
}
