package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.md5Hex;
import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testsupport.DotStuffing.onlyCrLfLineEnds;
import static dev.fakemail.testsupport.DotStuffing.unstuffedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.Pop3Conversation;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 1939 over a raw socket, byte for byte: the §10 example session, exact octet counts, byte-stuffing in
 * RETR and TOP, CR LF conversion of messages stored with bare LF, and pipelined commands.
 */
@Timeout(60)
class Pop3RawProtocolTest extends ServerPerTest {

    private Pop3Conversation connect() throws Exception {
        return Clients.openPop3(server);
    }

    /** A message of exactly {@code size} octets with CR LF line ends. */
    static String messageOfSize(int size, String subject) {
        String header = "Subject: " + subject + "\r\n\r\n";
        int fill = size - header.length() - 2;
        if (fill < 0) {
            throw new IllegalArgumentException("size too small");
        }
        String message = header + "x".repeat(fill) + "\r\n";
        assertThat(message.getBytes(StandardCharsets.US_ASCII)).hasSize(size);
        return message;
    }

    @Test
    void rfc1939Section10ExampleSessionByteForByte() throws Exception {
        // The RFC's own example digest: proves the test's MD5 is the APOP digest of RFC 1939 §7.
        assertThat(md5Hex("<1896.697170952@dbc.mtview.ca.us>tanstaaf")).isEqualTo("c4c9334bac560ecc979e58001b3e22fb");

        start(FakeMailServer.builder().hostname("dbc.mtview.ca.us").user("mrose", "tanstaaf"));
        String first = messageOfSize(120, "first");
        String second = messageOfSize(200, "second");
        deliver(server, "mrose", first);
        deliver(server, "mrose", second);

        try (Pop3Conversation pop = connect()) {
            assertThat(pop.greeting()).matches("\\+OK fakemail POP3 server ready <[!-~&&[^<>@]]+@dbc\\.mtview\\.ca\\.us>");
            String digest = md5Hex(pop.banner() + "tanstaaf");

            pop.expectReplies(
                    "APOP mrose " + digest, "+OK maildrop locked and ready, 2 messages",
                    "STAT", "+OK 2 320");
            assertThat(pop.multiLineText("LIST")).isEqualTo("+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n");
            assertThat(pop.multiLineText("RETR 1")).isEqualTo("+OK 120 octets\r\n" + first + ".\r\n");
            assertThat(pop.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            assertThat(pop.multiLineText("RETR 2")).isEqualTo("+OK 200 octets\r\n" + second + ".\r\n");
            pop.expectReplies(
                    "DELE 2", "+OK message 2 deleted",
                    "QUIT", "+OK fakemail POP3 server signing off (0 messages left)");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(inbox(server, "mrose")).isEmpty();
        assertThat(server.messages()).as("the received-message log keeps what SMTP accepted").hasSize(2);
    }

    @Test
    void everyGreetingHasItsOwnTimestamp() throws Exception {
        start(FakeMailServer.builder());
        try (Pop3Conversation a = connect(); Pop3Conversation b = connect()) {
            assertThat(a.banner()).isNotEqualTo(b.banner());
            assertThat(a.banner()).matches("<[!-~&&[^<>]]+@[!-~&&[^<>]]+>");
        }
    }

    @Test
    void linesStartingWithDotAreByteStuffedInRetrAndTop() throws Exception {
        start(FakeMailServer.builder());
        String stored = "Subject: dots\r\n\r\n.leading\r\n..two\r\n.\r\n\r\nend\r\n";
        deliver(server, "bob@example.test", stored);
        int size = stored.length();

        try (Pop3Conversation pop = connect()) {
            pop.expectReplies(
                    "USER bob@example.test", "+OK send PASS",
                    "PASS secret", "+OK maildrop locked and ready, 1 messages",
                    "LIST 1", "+OK 1 " + size);

            byte[] retr = pop.multiLineCommand("RETR 1");
            assertThat(new String(retr, StandardCharsets.US_ASCII)).isEqualTo("+OK " + size + " octets\r\n"
                    + "Subject: dots\r\n\r\n..leading\r\n...two\r\n..\r\n\r\nend\r\n.\r\n");
            assertThat(unstuffedContent(retr)).isEqualTo(stored.getBytes(StandardCharsets.US_ASCII));

            assertThat(pop.multiLineText("TOP 1 0"))
                    .isEqualTo("+OK top of message follows\r\nSubject: dots\r\n\r\n.\r\n");
            assertThat(pop.multiLineText("TOP 1 1"))
                    .isEqualTo("+OK top of message follows\r\nSubject: dots\r\n\r\n..leading\r\n.\r\n");
            assertThat(pop.multiLineText("TOP 1 3"))
                    .isEqualTo("+OK top of message follows\r\nSubject: dots\r\n\r\n..leading\r\n...two\r\n..\r\n.\r\n");
            // An empty body line counts as a line (RFC 1939 §7: "n lines of the message body").
            assertThat(pop.multiLineText("TOP 1 4"))
                    .isEqualTo("+OK top of message follows\r\nSubject: dots\r\n\r\n..leading\r\n...two\r\n..\r\n\r\n.\r\n");
            String all = "+OK top of message follows\r\n" + new String(retr, StandardCharsets.US_ASCII)
                    .substring(("+OK " + size + " octets\r\n").length());
            assertThat(pop.multiLineText("TOP 1 1000")).isEqualTo(all);
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void messageStoredWithBareLfIsSentWithCrLfAndCountedSo() throws Exception {
        start(FakeMailServer.builder());
        byte[] stored = "Subject: lf\n\n.dot\nline two\n\nlast line without end".getBytes(StandardCharsets.US_ASCII);
        String sent = "Subject: lf\r\n\r\n.dot\r\nline two\r\n\r\nlast line without end\r\n";
        int octets = sent.length();
        deliver(server, "bob@example.test", stored);
        String second = "Subject: crlf\r\n\r\nbody\r\n";
        deliver(server, "bob@example.test", second);

        try (Pop3Conversation pop = connect()) {
            pop.command("USER bob@example.test");
            pop.command("PASS x");
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 " + (octets + second.length()));
            assertThat(pop.multiLineText("LIST"))
                    .isEqualTo("+OK 2 messages\r\n1 " + octets + "\r\n2 " + second.length() + "\r\n.\r\n");
            byte[] retr = pop.multiLineCommand("RETR 1");
            assertThat(new String(retr, StandardCharsets.US_ASCII)).isEqualTo("+OK " + octets + " octets\r\n"
                    + "Subject: lf\r\n\r\n..dot\r\nline two\r\n\r\nlast line without end\r\n.\r\n");
            assertThat(unstuffedContent(retr)).hasSize(octets);
            assertThat(pop.multiLineText("TOP 1 1"))
                    .isEqualTo("+OK top of message follows\r\nSubject: lf\r\n\r\n..dot\r\n.\r\n");
        }
    }

    static Stream<Arguments> storedShapes() {
        String bigBody = ".dot line\r\n..two dots\r\nplain line of text\r\n".repeat(8_000); // ~ 350 KB
        return Stream.of(
                Arguments.of("CRLF", "Subject: a\r\n\r\nbody\r\n"),
                Arguments.of("bare LF", "Subject: a\n\nbody\n"),
                Arguments.of("mixed line ends", "Subject: a\r\nX: b\n\r\nline\nline\r\n.\n"),
                Arguments.of("no final line end", "Subject: a\r\n\r\nbody"),
                Arguments.of("header only", "Subject: a\r\n"),
                Arguments.of("empty lines only", "\r\n\n\r\n"),
                Arguments.of("dot lines everywhere", ".\r\n..\r\n...\n.x\r\n\r\n.\n."),
                Arguments.of("empty message", ""),
                Arguments.of("big with dots", "Subject: big\r\n\r\n" + bigBody),
                Arguments.of("big with bare LF", ("Subject: big\n\n" + bigBody).replace("\r\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedShapes")
    void listSizeEqualsWhatRetrDeliversAfterUnstuffing(String shape, String stored) throws Exception {
        start(FakeMailServer.builder());
        deliver(server, "bob@example.test", stored);
        String expected = toCrLf(stored);

        try (Pop3Conversation pop = connect()) {
            pop.command("USER bob@example.test");
            pop.command("PASS x");
            String list = pop.command("LIST 1");
            long size = Long.parseLong(list.substring("+OK 1 ".length()));
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + size);
            byte[] retr = pop.multiLineCommand("RETR 1");
            assertThat(new String(retr, 0, Math.min(retr.length, 40), StandardCharsets.US_ASCII))
                    .startsWith("+OK " + size + " octets\r\n");
            byte[] content = unstuffedContent(retr);
            assertThat(content.length).as("octets RETR delivered vs LIST").isEqualTo(size);
            assertThat(onlyCrLfLineEnds(content)).as("CR LF line ends only").isTrue();
            assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    /** What a stored message must look like on the wire: every line ended by CR LF. */
    private static String toCrLf(String stored) {
        if (stored.isEmpty()) {
            return "";
        }
        String crlf = stored.replace("\r\n", "\n").replace("\n", "\r\n");
        return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder() throws Exception {
        start(FakeMailServer.builder());
        String one = "Subject: one\r\n\r\n.first\r\n";
        String two = "Subject: two\r\n\r\nsecond\r\n";
        deliver(server, "bob@example.test", one);
        deliver(server, "bob@example.test", two);
        try (Pop3Conversation pop = connect()) {
            pop.send("CAPA\r\nUSER bob@example.test\r\nPASS x\r\nSTAT\r\nLIST\r\nUIDL 2\r\nRETR 1\r\nTOP 2 0\r\n"
                    + "DELE 1\r\nLIST 1\r\nSTAT\r\nRSET\r\nNOOP\r\nUIDL\r\nQUIT\r\n");
            assertThat(new String(pop.multiLine(), StandardCharsets.US_ASCII))
                    .startsWith("+OK Capability list follows\r\n").contains("\r\nPIPELINING\r\n");
            assertThat(pop.line()).isEqualTo("+OK send PASS");
            assertThat(pop.line()).isEqualTo("+OK maildrop locked and ready, 2 messages");
            assertThat(pop.line()).isEqualTo("+OK 2 " + (one.length() + two.length()));
            assertThat(new String(pop.multiLine(), StandardCharsets.US_ASCII)).isEqualTo(
                    "+OK 2 messages\r\n1 " + one.length() + "\r\n2 " + two.length() + "\r\n.\r\n");
            String uidl2 = pop.line();
            assertThat(uidl2).matches("\\+OK 2 [!-~]{1,70}");
            String uid2 = uidl2.substring("+OK 2 ".length());
            assertThat(new String(pop.multiLine(), StandardCharsets.US_ASCII))
                    .isEqualTo("+OK " + one.length() + " octets\r\nSubject: one\r\n\r\n..first\r\n.\r\n");
            assertThat(new String(pop.multiLine(), StandardCharsets.US_ASCII))
                    .isEqualTo("+OK top of message follows\r\nSubject: two\r\n\r\n.\r\n");
            assertThat(pop.line()).isEqualTo("+OK message 1 deleted");
            assertThat(pop.line()).isEqualTo("-ERR message 1 already deleted");
            assertThat(pop.line()).isEqualTo("+OK 1 " + two.length());
            assertThat(pop.line()).isEqualTo("+OK maildrop has 2 messages (" + (one.length() + two.length()) + " octets)");
            assertThat(pop.line()).isEqualTo("+OK");
            assertThat(new String(pop.multiLine(), StandardCharsets.US_ASCII))
                    .matches("\\+OK 2 messages\r\n1 [!-~]{1,70}\r\n2 " + java.util.regex.Pattern.quote(uid2)
                            + "\r\n\\.\r\n");
            assertThat(pop.line()).isEqualTo("+OK fakemail POP3 server signing off (2 messages left)");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(inbox(server, "bob@example.test")).hasSize(2);
    }

    @Test
    void commandsAreCaseInsensitiveAndPasswordKeepsItsSpaces() throws Exception {
        start(FakeMailServer.builder().user("carol", " pass word "));
        deliver(server, "carol", "Subject: s\r\n\r\nb\r\n");
        try (Pop3Conversation pop = connect()) {
            pop.expectReplies(
                    "user carol", "+OK send PASS",
                    "pass pass word", "-ERR [AUTH] invalid user name or password",
                    "uSeR carol", "+OK send PASS",
                    "PaSs  pass word ", "+OK maildrop locked and ready, 1 messages",
                    "stat", "+OK 1 " + "Subject: s\r\n\r\nb\r\n".length());
            assertThat(pop.multiLineText("list")).startsWith("+OK 1 messages\r\n");
            assertThat(pop.command("quit")).startsWith("+OK");
        }
    }

    @Test
    void quitInAuthorizationStateSignsOffWithoutTouchingTheMaildrop() throws Exception {
        start(FakeMailServer.builder());
        deliver(server, "bob@example.test", "Subject: s\r\n\r\nb\r\n");
        try (Pop3Conversation pop = connect()) {
            assertThat(pop.command("QUIT")).isEqualTo("+OK fakemail POP3 server signing off");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(inbox(server, "bob@example.test")).hasSize(1);
    }

    @Test
    void commandsEndedByBareLfAreAcceptedToo() throws Exception {
        start(FakeMailServer.builder());
        deliver(server, "bob@example.test", "Subject: s\r\n\r\nb\r\n");
        try (Pop3Conversation pop = connect()) {
            pop.send("USER bob@example.test\nPASS x\nSTAT\nQUIT\n");
            assertThat(pop.line()).isEqualTo("+OK send PASS");
            assertThat(pop.line()).isEqualTo("+OK maildrop locked and ready, 1 messages");
            assertThat(pop.line()).isEqualTo("+OK 1 " + "Subject: s\r\n\r\nb\r\n".length());
            assertThat(pop.line()).startsWith("+OK fakemail POP3 server signing off");
        }
    }
}
