package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * BINARY (RFC 3516) and STATUS=SIZE (RFC 8438) with exact bytes: decoded parts, partials, BINARY.SIZE, literal8
 * for content with NUL both ways, [UNKNOWN-CTE], and the size of a mailbox in STATUS and LIST-STATUS.
 */
class ImapBinaryAndStatusSizeTest extends ImapSupport.LoggedInBob {
    static final String MULTIPART = "From: Alice <alice@example.test>\r\n"
            + "Subject: parts\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
            + "\r\n"
            + "--b\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "SGVsbG8g\r\nd29ybGQh\r\n"
            + "--b\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Transfer-Encoding: Quoted-Printable\r\n"
            + "\r\n"
            + "caf=C3=A9 =\r\nau lait  \r\nfin\r\n"
            + "--b\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: x-uuencode\r\n"
            + "\r\n"
            + "begin 644 x\r\n"
            + "--b--\r\n";

    @Override
    void beforeLogin() {
        ImapSupport.deliver(server, ImapSupport.BOB, MULTIPART);
    }

    @Test
    void binaryDecodesBase64AndQuotedPrintableWithPartialsAndSizes() throws Exception {
        imap.command("a1", "EXAMINE INBOX");
        assertThat(imap.command("a2", "FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])")).isEqualTo(
                "* 1 FETCH (BINARY.SIZE[1] 12 BINARY[1] {12}\r\nHello world!)\r\na2 OK FETCH completed\r\n");
        // "=\r\n" joins lines, "=C3=A9" is é, white space before a line end goes (RFC 2045 §6.7)
        imap.exchange("""
                C: a3 FETCH 1 (BINARY.PEEK[2] BINARY.SIZE[2])
                S: * 1 FETCH (BINARY[2] {18}
                S: café au lait
                S: fin BINARY.SIZE[2] 18)
                S: a3 OK FETCH completed
                C: a4 UID FETCH 1 (BINARY.PEEK[2]<6.7>)
                S: * 1 FETCH (UID 1 BINARY[2]<6> {7}
                S: au lait)
                S: a4 OK FETCH completed
                """);
        String body = imap.command("a5", "FETCH 1 (BODY.PEEK[])");
        String binary = imap.command("a6", "FETCH 1 (BINARY.PEEK[])");
        assertThat(binary).isEqualTo(body.replace("BODY[]", "BINARY[]").replace("a5 OK", "a6 OK"));
        assertThat(imap.command("a7", "FETCH 1 (BINARY.SIZE[])")).isEqualTo(
                "* 1 FETCH (BINARY.SIZE[] " + MULTIPART.length() + ")\r\na7 OK FETCH completed\r\n");
        assertThat(imap.command("a8", "FETCH 1 (BINARY.PEEK[9])")).isEqualTo(
                "* 1 FETCH (BINARY[9] NIL)\r\na8 OK FETCH completed\r\n");
    }

    @Test
    void anEncodingThatCannotBeUndoneFailsTheFetchAndSyntaxErrorsAreBad() throws Exception {
        imap.command("a1", "SELECT INBOX");
        assertThat(imap.command("a2", "FETCH 1 (FLAGS BINARY[3])")).isEqualTo(
                "a2 NO [UNKNOWN-CTE] UID 1 has a part whose Content-Transfer-Encoding cannot be decoded\r\n");
        assertThat(imap.command("a3", "FETCH 1 (FLAGS)")).isEqualTo(
                "* 1 FETCH (FLAGS (\\Recent))\r\na3 OK FETCH completed\r\n"); // the failed FETCH set no \Seen
        imap.exchange("""
                C: a4 FETCH 1 BINARY[1.HEADER]
                S: a4 BAD BINARY takes a part number only, not [1.HEADER]
                C: a5 FETCH 1 BINARY.SIZE[1]<0.3>
                S: a5 BAD BINARY.SIZE takes no partial
                C: a6 FETCH 1 BINARY[1]
                S: * 1 FETCH (BINARY[1] {12}
                S: Hello world! FLAGS (\\Recent \\Seen))
                S: a6 OK FETCH completed
                """);
    }

    @Test
    void aLiteral8AppendKeepsItsNulsForBinaryAndStoresBase64ForBody() throws Exception {
        byte[] content = {0, '-', (byte) 0xe4, '\r', '\n'};
        String header = "From: a@example.test\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n";
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(content);
        imap.sendLine("a1 APPEND INBOX ~{" + message.size() + "}");
        assertThat(imap.response()).isEqualTo("+ Ready for literal data\r\n");
        imap.sendBytes(message.toByteArray());
        imap.sendBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(imap.untilTagged("a1")).startsWith("a1 OK [APPENDUID ");
        imap.command("a2", "EXAMINE INBOX");
        String expectedStored = header.replace("binary", "base64") + "AC3kDQo=";
        assertThat(imap.command("a3", "FETCH 2 (BODY.PEEK[] BINARY.SIZE[1])")).isEqualTo("* 2 FETCH (BODY[] {"
                + expectedStored.length() + "}\r\n" + expectedStored + " BINARY.SIZE[1] 5)\r\na3 OK FETCH completed\r\n");
        imap.sendLine("a4 FETCH 2 (BINARY.PEEK[1])");
        assertThat(imap.response()).isEqualTo("* 2 FETCH (BINARY[1] ~{5}\r\n");
        byte[] rest = imap.readExactly(content.length + 3);
        assertThat(rest).isEqualTo(new byte[] {0, '-', (byte) 0xe4, '\r', '\n', ')', '\r', '\n'});
        assertThat(imap.response()).isEqualTo("a4 OK FETCH completed\r\n");
        // LITERAL+ form, and a message without binary parts is stored as sent
        imap.sendLine("a5 APPEND INBOX (\\Seen) ~{11+}");
        imap.sendLine("Subject: x");
        assertThat(imap.untilTagged("a5")).contains("a5 OK [APPENDUID ");
    }

    @Test
    void statusSizeIsTheOctetsOfAllMessages() throws Exception {
        String small = "Subject: s\r\n\r\nhi\r\n";
        ImapSupport.deliver(server, ImapSupport.BOB, small);
        int size = MULTIPART.length() + small.length();
        // RFC 8438's example: STATUS blurdybloop (UIDNEXT MESSAGES SIZE)
        assertThat(imap.command("a1", "STATUS INBOX (UIDNEXT MESSAGES SIZE)")).isEqualTo(
                "* STATUS \"INBOX\" (UIDNEXT 3 MESSAGES 2 SIZE " + size + ")\r\na1 OK STATUS completed\r\n");
        assertThat(imap.command("a2", "LIST \"\" (INBOX Drafts) RETURN (STATUS (SIZE))")).isEqualTo(
                "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n* STATUS \"INBOX\" (SIZE " + size + ")\r\n"
                        + "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"\r\n* STATUS \"Drafts\" (SIZE 0)\r\n"
                        + "a2 OK LIST completed\r\n");
    }
}
