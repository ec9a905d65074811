package dev.fakemail.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reply's line count is the number of lines its transcript gets, before and after its lines were split once. */
class ReplyLinesTest {
    @ParameterizedTest
    @ValueSource(strings = {"250 2.0.0 Ok\r\n", "250-localhost\r\n250-PIPELINING\r\n250 SIZE 100\r\n", "+OK",
        "a\r\nb", "\r\n\r\n"})
    void theCountMatchesTheLinesOfAShortReplyBeforeAndAfterItsLinesAreKept(String text) {
        assertCountMatchesLines(Reply.text(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 400})
    void theCountMatchesTheLinesOfALongReply(int lines) {
        assertCountMatchesLines(Reply.text("* 1 EXISTS\r\n".repeat(lines)));
    }

    private static void assertCountMatchesLines(Reply reply) {
        int before = reply.lineCount();
        List<String> lines = new ArrayList<>();
        reply.forEachLine(lines::add);
        assertThat(before).isEqualTo(lines.size());
        assertThat(reply.lineCount()).isEqualTo(lines.size());
    }
}
