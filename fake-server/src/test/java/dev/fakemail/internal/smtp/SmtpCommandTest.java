package dev.fakemail.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.smtp.SmtpCommand.Verb;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpCommandTest {
    /** The verb and name are what upper-casing the first word with Locale.ROOT and looking it up gives. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MAIL FROM:<a@example.test>|MAIL|MAIL|FROM:<a@example.test>",
            "mail FROM:<a@example.test>|MAIL|MAIL|FROM:<a@example.test>",
            "rCpT TO:<b@example.test>|RCPT|RCPT|TO:<b@example.test>",
            "data|DATA|DATA|''",
            "StartTLS|STARTTLS|STARTTLS|''",
            // U+0131 (dotless i) upper-cases to I, so this is MAIL; U+0130 (dotted capital I) stays, so it is not
            "MA\u0131L FROM:<a@example.test>|MAIL|MAIL|FROM:<a@example.test>",
            "MA\u0130L FROM:<a@example.test>|UNKNOWN|MA\u0130L|FROM:<a@example.test>",
            "x-foo bar|UNKNOWN|X-FOO|bar",
            "DAT|UNKNOWN|DAT|''",
            "DATA2|UNKNOWN|DATA2|''",
            "QUITS now|UNKNOWN|QUITS|now",
            "Q@IT|UNKNOWN|Q@IT|''",
            "'' x|UNKNOWN|''|x"})
    void readsTheVerbOfTheFirstWordInAnyCase(String line, Verb verb, String name, String argument) {
        SmtpCommand command = SmtpCommand.parse(unescape(line).getBytes(StandardCharsets.UTF_8));

        assertThat(command.verb()).isEqualTo(verb);
        assertThat(command.name()).isEqualTo(unescape(name));
        assertThat(command.argument()).isEqualTo(argument);
    }

    private static String unescape(String text) {
        return text.replace("\\u0131", "\u0131").replace("\\u0130", "\u0130").replace("''", "");
    }
}
