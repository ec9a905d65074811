package dev.fakemail.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailPathTest {
    @Test
    void parsesPathAndParameters() throws Exception {
        MailPath path = MailPath.parse("FROM:<alice@example.test> size=123 BODY=8BITMIME SMTPUTF8", "FROM");
        assertThat(path.address()).isEqualTo("alice@example.test");
        assertThat(path.parameters()).containsExactly(
                java.util.Map.entry("SIZE", "123"), java.util.Map.entry("BODY", "8BITMIME"),
                java.util.Map.entry("SMTPUTF8", ""));
        assertThat(path.nonAscii()).isFalse();
    }

    @Test
    void toleratesWhatRealClientsSend() throws Exception {
        assertThat(MailPath.parse("from: <a@example.test>", "FROM").address()).isEqualTo("a@example.test");
        assertThat(MailPath.parse("TO:b@example.test", "TO").address()).isEqualTo("b@example.test");
        assertThat(MailPath.parse("TO:<@relay.test,@other.test:c@example.test>", "TO").address())
                .isEqualTo("c@example.test");
        assertThat(MailPath.parse("FROM:<>", "FROM").address()).isEmpty();
        assertThat(MailPath.parse("TO:<\"odd > name\"@example.test>", "TO").address())
                .isEqualTo("\"odd > name\"@example.test");
        assertThat(MailPath.parse("TO:<дмитрий@пример.example>", "TO").nonAscii()).isTrue();
    }

    @Test
    void refusesBrokenSyntax() {
        assertThatThrownBy(() -> MailPath.parse("FROM <a@example.test>", "FROM"))
                .hasMessage("MAIL FROM:<address>");
        assertThatThrownBy(() -> MailPath.parse("TO:<a@example.test", "TO"))
                .hasMessage("missing '>' after the address");
        assertThatThrownBy(() -> MailPath.parse("TO:<a@example.test> =x", "TO"))
                .hasMessage("bad parameter '=x'");
        assertThatThrownBy(() -> MailPath.parse("TO:<a@example.test> NOTIFY=NEVER notify=NEVER", "TO"))
                .hasMessage("parameter NOTIFY given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.test", "first.last+tag@sub.example.test", "\"quoted name\"@example.test",
            "user@[127.0.0.1]", "user@[IPv6:::1]", "user@[IPv6:2001:db8::1]", "user@[x-tag:anything]",
            "o'brien@example.test", "ü@bücher.example",
            "\"back\\\\slash \\\"quote\\\"\"@example.test"})
    void validMailboxes(String address) {
        assertThat(MailPath.isValidMailbox(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@example.test", "a@", "a b@example.test", ".a@example.test",
            "a..b@example.test", "a.@example.test", "a@example.test.", "a@.example.test", "a@example..test", "a@-example.test", "a@exa mple.test", "a@[]", "\"open@example.test",
            // found by SmtpCommandFuzzTest: the last quote escaped, so the quoted string never ends
            "\"\\\\\\\\\\\u0000\\\"@UTH", "\"ends in a backslash\\\"@example.test",
            "\"nul \\\u0000 escaped\"@example.test", "\"del \u007f\"@example.test",
            // also found by it: an address literal that is no address, and one with a '>' in it
            "f@[>]", "f@[mail.example.test]", "f@[x-tag:a>b]", "f@[IPv6:]", "\"\"@[O:<\"om]"})
    void invalidMailboxes(String address) {
        assertThat(MailPath.isValidMailbox(address)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aValidQuotedAddressParsesAgainInBrackets() throws Exception {
        String address = "\"back\\\\slash \\\"quote\\\"\"@example.test";
        assertThat(MailPath.parse("FROM:<" + address + ">", "FROM").address()).isEqualTo(address);
    }

    @Test
    void whitespaceAroundThePathAndTheParametersIsReadAsBeforeParsingByIndex() throws Exception {
        assertThat(MailPath.parse("TO:", "TO").address()).isEmpty();
        assertThat(MailPath.parse("TO:\t <a@example.test>  \t", "TO").parameters()).isEmpty();
        assertThat(MailPath.parse("TO:<a@example.test>  NOTIFY=NEVER  ", "TO").parameters())
                .containsExactly(java.util.Map.entry("NOTIFY", "NEVER"));
        assertThat(MailPath.parse("TO:a@example.test NOTIFY=NEVER", "TO").address()).isEqualTo("a@example.test");
        // an em space is white space to Java but not to trim(): the parameter keeps it and is refused, as before
        assertThatThrownBy(() -> MailPath.parse("TO:<a@example.test>\u2003X=1", "TO"))
                .hasMessage("bad parameter '\u2003X=1'");
        assertThatThrownBy(() -> MailPath.parse("TO", "TO")).hasMessage("RCPT TO:<address>");
        assertThatThrownBy(() -> MailPath.parse("TOO:<a@example.test>", "TO")).hasMessage("RCPT TO:<address>");
    }
}
