package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    @Test
    void displayNamesAreJoinedWordsWithEncodedWordsAsSent() {
        assertThat(to("John  Q. Public <jqp@x.test>")).isEqualTo("((\"John Q. Public\" NIL \"jqp\" \"x.test\"))");
        assertThat(to("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>"))
                .isEqualTo("((\"=?ISO-8859-1?Q?Andr=E9?= Pirard\" NIL \"PIRARD\" \"vm1.ulg.ac.be\"))");
        // as Dovecot writes names "for humans": a name with quotes goes out as a literal
        assertThat(to("\"Giant; \\\"Big\\\" Box\" <sysservices@example.net>"))
                .isEqualTo("(({16}\r\nGiant; \"Big\" Box NIL \"sysservices\" \"example.net\"))");
        assertThat(to("\"\" <a@x.test>")).isEqualTo("((NIL NIL \"a\" \"x.test\"))");
    }

    @Test
    void commentsAreDroppedButACommentAfterABareAddressIsTheName() {
        assertThat(to("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>"))
                .isEqualTo("((\"Pete\" NIL \"pete\" \"silly.test\"))");
        assertThat(to("jdoe@example.test (John Doe)")).isEqualTo("((\"John Doe\" NIL \"jdoe\" \"example.test\"))");
    }

    @Test
    void sourceRoutesBecomeTheAdl() {
        assertThat(to("Route <@relay1.test,@relay2.test:user@dest.test>"))
                .isEqualTo("((\"Route\" \"@relay1.test,@relay2.test\" \"user\" \"dest.test\"))");
    }

    @Test
    void groupsAreBracketedByGroupStartAndEnd() {
        assertThat(to("undisclosed-recipients:;")).isEqualTo("((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))");
        assertThat(to("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, x@y.test")).isEqualTo(
                "((NIL NIL \"A Group\" NIL)(\"Ed Jones\" NIL \"c\" \"a.test\")(NIL NIL \"joe\" \"where.test\")"
                        + "(\"John\" NIL \"jdoe\" \"one.test\")(NIL NIL NIL NIL)(NIL NIL \"x\" \"y.test\"))");
        assertThat(to("open: a@b.test")).isEqualTo("((NIL NIL \"open\" NIL)(NIL NIL \"a\" \"b.test\")(NIL NIL NIL NIL))");
    }

    @Test
    void missingPartsOfAnAddressAreFilledAsDovecotDoes() {
        assertThat(to("root")).isEqualTo("((NIL NIL \"root\" \"MISSING_DOMAIN\"))");
        assertThat(to("<@x.test>")).isEqualTo("((NIL NIL \"MISSING_MAILBOX\" \"x.test\"))");
        assertThat(to(",,")).isEqualTo("NIL");
    }

    @Test
    void quotedLocalPartsAndDomainLiterals() {
        assertThat(to("\"john doe\"@example.test, x@[192.0.2.1]"))
                .isEqualTo("((NIL NIL \"john doe\" \"example.test\")(NIL NIL \"x\" \"[192.0.2.1]\"))");
    }
}
