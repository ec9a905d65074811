package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {
    private static final String ALL_NIL = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";

    /** The address list of a message whose only header is {@code To: value}. */
    private static String to(String value) {
        String env = envelope("To: " + value + "\r\n\r\nbody\r\n");
        String prefix = "(NIL NIL NIL NIL NIL ";
        assertThat(env).startsWith(prefix).endsWith(" NIL NIL NIL NIL)");
        return env.substring(prefix.length(), env.length() - " NIL NIL NIL NIL)".length());
    }

    @Test
    void aMessageWithoutHeadersHasAnAllNilEnvelope() {
        assertThat(envelope("\r\nonly a body\r\n")).isEqualTo(ALL_NIL);
        assertThat(envelope("")).isEqualTo(ALL_NIL);
        assertThat(envelope("X-Other: 1\r\n\r\n")).isEqualTo(ALL_NIL);
    }

    @Test
    void emptyFieldsAreEmptyStringsButEmptyAddressListsAreNil() {
        assertThat(envelope("Subject:\r\nDate: \r\nTo:\r\nMessage-ID:   \r\nIn-Reply-To:\r\n\r\n"))
                .isEqualTo("(\"\" \"\" NIL NIL NIL NIL NIL NIL \"\" \"\")");
    }

    @Test
    void senderAndReplyToDefaultToFromWhenAbsentOrEmpty() {
        assertThat(envelope("From: a@x.test\r\nSender:\r\n\r\n")).isEqualTo(
                "(NIL NIL ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"a\" \"x.test\")) "
                        + "NIL NIL NIL NIL NIL)");
        assertThat(envelope("From: a@x.test\r\nSender: s@x.test\r\nReply-To: r@x.test\r\nCc: c@x.test\r\n"
                + "Bcc: b@x.test\r\n\r\n")).isEqualTo(
                "(NIL NIL ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"s\" \"x.test\")) ((NIL NIL \"r\" \"x.test\")) "
                        + "NIL ((NIL NIL \"c\" \"x.test\")) ((NIL NIL \"b\" \"x.test\")) NIL NIL)");
    }

    @Test
    void foldedValuesAreUnfoldedKeepingTheFoldingWhitespaceAndTrimmed() {
        assertThat(envelope("Subject: first\r\n second\r\nIn-Reply-To: <a@b>\r\n <c@d>\r\n\r\n"))
                .isEqualTo("(NIL \"first second\" NIL NIL NIL NIL NIL NIL \"<a@b> <c@d>\" NIL)");
        // the subject is "for humans": whitespace runs collapse to one space, and a changed subject is a literal
        assertThat(envelope("Subject:   first\r\n\tsecond \r\n  third  \r\n\r\n"))
                .isEqualTo("(NIL {18}\r\nfirst second third NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndTheLastOccurrenceWinsAsInDovecot() {
        assertThat(envelope("SUBJECT: one\r\nsubject: two\r\nmessage-id: <m@x>\r\n\r\n"))
                .isEqualTo("(NIL \"two\" NIL NIL NIL NIL NIL NIL NIL \"<m@x>\")");
        assertThat(envelope("Subject : spaced name\r\n\r\n")).isEqualTo("(NIL \"spaced name\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void quotesAndBackslashesAreEscapedAndEightBitBytesMakeALiteral() {
        assertThat(envelope("Subject: say \"hi\" \\o/\r\n\r\n"))
                .isEqualTo("(NIL {12}\r\nsay \"hi\" \\o/ NIL NIL NIL NIL NIL NIL NIL NIL)");
        assertThat(envelope("Message-ID: <\"q\"@x>\r\n\r\n"))
                .isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL \"<\\\"q\\\"@x>\")");
        // "Grüße" in raw UTF-8: 7 octets, sent as a literal, bytes unchanged
        assertThat(envelope("Subject: Gr\u00c3\u00bc\u00c3\u009fe\r\n\r\n"))
                .isEqualTo("(NIL {7}\r\nGr\u00c3\u00bc\u00c3\u009fe NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void bareLineFeedsWork() {
        assertThat(envelope("Subject: a\n b\nFrom: x@y.test\n\nbody\n")).isEqualTo(
                "(NIL \"a b\" ((NIL NIL \"x\" \"y.test\")) ((NIL NIL \"x\" \"y.test\")) ((NIL NIL \"x\" \"y.test\")) "
                        + "NIL NIL NIL NIL NIL)");
    }

    /** A To: value and the address list the envelope gives for it, as Dovecot writes it. */
    static Stream<Arguments> addressLists() {
        return Stream.of(
                // display names are joined words, with encoded words as sent
                arguments("John  Q. Public <jqp@x.test>", "((\"John Q. Public\" NIL \"jqp\" \"x.test\"))"),
                arguments("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
                        "((\"=?ISO-8859-1?Q?Andr=E9?= Pirard\" NIL \"PIRARD\" \"vm1.ulg.ac.be\"))"),
                // names go out "for humans": a name with quotes goes out as a literal
                arguments("\"Giant; \\\"Big\\\" Box\" <sysservices@example.net>",
                        "(({16}\r\nGiant; \"Big\" Box NIL \"sysservices\" \"example.net\"))"),
                arguments("\"\" <a@x.test>", "((NIL NIL \"a\" \"x.test\"))"),
                // comments are dropped, but a comment after a bare address is the name
                arguments("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
                        "((\"Pete\" NIL \"pete\" \"silly.test\"))"),
                arguments("jdoe@example.test (John Doe)", "((\"John Doe\" NIL \"jdoe\" \"example.test\"))"),
                // a source route becomes the adl
                arguments("Route <@relay1.test,@relay2.test:user@dest.test>",
                        "((\"Route\" \"@relay1.test,@relay2.test\" \"user\" \"dest.test\"))"),
                // groups are bracketed by a group start and a group end
                arguments("undisclosed-recipients:;",
                        "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"),
                arguments("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, x@y.test",
                        "((NIL NIL \"A Group\" NIL)(\"Ed Jones\" NIL \"c\" \"a.test\")(NIL NIL \"joe\" \"where.test\")"
                                + "(\"John\" NIL \"jdoe\" \"one.test\")(NIL NIL NIL NIL)(NIL NIL \"x\" \"y.test\"))"),
                arguments("open: a@b.test", "((NIL NIL \"open\" NIL)(NIL NIL \"a\" \"b.test\")(NIL NIL NIL NIL))"),
                // missing parts of an address are filled as Dovecot does
                arguments("root", "((NIL NIL \"root\" \"MISSING_DOMAIN\"))"),
                arguments("<@x.test>", "((NIL NIL \"MISSING_MAILBOX\" \"x.test\"))"),
                arguments(",,", "NIL"),
                // quoted local parts and domain literals
                arguments("\"john doe\"@example.test, x@[192.0.2.1]",
                        "((NIL NIL \"john doe\" \"example.test\")(NIL NIL \"x\" \"[192.0.2.1]\"))"));
    }

    @ParameterizedTest(name = "To: {0}")
    @MethodSource("addressLists")
    void addressList(String to, String addresses) {
        assertThat(to(to)).isEqualTo(addresses);
    }
}
