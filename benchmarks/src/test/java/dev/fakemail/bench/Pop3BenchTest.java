package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakemail.FakeMailServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the POP3 part of the benchmark honest: its client, run against an in-process fakemail exactly as the
 * benchmark runs it (on 200 messages instead of 10,000), passes every check and reads back exactly what was
 * stored; its reader un-stuffs correctly wherever the reads split the stream; and its checks do fail against
 * a server that gets sizes or stuffing wrong.
 */
class Pop3BenchTest {
    private static final int MESSAGES = 200;
    private static final int SIZE = 2 * 1024;

    @Test
    void aSessionOverTheMaildropPassesEveryCheckAndReadsBackWhatWasStored() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            Pop3Section.fill(server, MESSAGES, SIZE);
            Pop3BenchSession session = new Pop3BenchSession(
                    new InetSocketAddress(server.pop3().address(), server.pop3().port()), Pop3Section.USER,
                    MESSAGES, SIZE, 16);

            // Twice: the maildrop is left as it was, and the second login is never refused as [IN-USE].
            for (int run = 0; run < 2; run++) {
                Pop3BenchSession.Timings timings = session.run(true);

                assertThat(timings.problems()).isEmpty();
                assertThat(timings.ok()).isTrue();
                assertThat(timings.statOctets()).isEqualTo((long) MESSAGES * SIZE);
                assertThat(List.of(timings.connectMillis(), timings.loginMillis(), timings.statMillis(),
                        timings.listMillis(), timings.uidlMillis(), timings.retrTotalMillis(),
                        timings.retrMedianMicros(), timings.retrP99Micros(), timings.retrMaxMicros(),
                        timings.pipelinedTotalMillis(), timings.quitMillis()))
                        .allSatisfy(value -> assertThat(value).isNotNaN().isPositive());
                assertThat(timings.retrMedianMicros()).isLessThanOrEqualTo(timings.retrP99Micros());
                assertThat(timings.retrP99Micros()).isLessThanOrEqualTo(timings.retrMaxMicros());
                assertThat(timings.contents()).hasSize(MESSAGES);
                for (int number = 1; number <= MESSAGES; number++) {
                    assertThat(timings.contents().get(number - 1)).isEqualTo(Pop3Section.message(number, SIZE));
                }
            }
            assertThat(server.store().mailbox(Pop3Section.USER, "INBOX").orElseThrow().size()).isEqualTo(MESSAGES);
        }
    }

    @Test
    void theBenchmarkSectionRunsAndReportsOk() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--sections", "pop3", "--pop3-messages", "50",
                "--pop3-sessions", "2", "--pop3-batch", "7"});
        assertThat(options.sections).containsExactly(BenchOptions.Section.POP3);

        Pop3Section.Result result = Pop3Section.run(options);
        StringBuilder report = new StringBuilder();
        Pop3Section.table(result, report);

        assertThat(result.ok()).isTrue();
        assertThat(result.warmup()).hasSize(1);
        assertThat(result.measured()).hasSize(2);
        assertThat(report.toString()).contains("| LIST (50 lines) |", "Check: **ok** in all 3 sessions")
                .doesNotContain("n/a", "FAILED");
    }

    @Test
    void theSinkPassesTheSameChecksAndTheSectionReportsItsColumns() throws Exception {
        try (Pop3SinkServer sink = new Pop3SinkServer(MESSAGES, SIZE, false)) {
            Pop3BenchSession.Timings timings =
                    new Pop3BenchSession(sink.address(), Pop3Section.USER, MESSAGES, SIZE, 16).run(true);

            assertThat(timings.problems()).isEmpty();
            for (int number = 1; number <= MESSAGES; number++) {
                assertThat(timings.contents().get(number - 1)).isEqualTo(Pop3Section.message(number, SIZE));
            }
        }
        BenchOptions options = BenchOptions.parse(new String[] {"--sections", "pop3", "--sink", "--pop3-messages", "20",
                "--pop3-sessions", "1", "--pop3-warmup", "0"});
        Pop3Section.Result result = Pop3Section.run(options);
        StringBuilder report = new StringBuilder();
        Pop3Section.table(result, report);

        assertThat(result.ok()).isTrue();
        assertThat(result.sink().measured()).hasSize(1);
        assertThat(report.toString())
                .contains("| Sink median | ÷ sink |", "Check: **ok** in all 2 sessions (fakemail's")
                .doesNotContain("n/a");
    }

    @Test
    void theSinkOnVirtualThreadsPassesTheChecksToo() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        try (Pop3SinkServer sink = new Pop3SinkServer(MESSAGES, SIZE, true)) {
            Pop3BenchSession.Timings timings =
                    new Pop3BenchSession(sink.address(), Pop3Section.USER, MESSAGES, SIZE, 16).run(false);

            assertThat(timings.problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 2 * 1024, 2 * 1024 + 1, 2 * 1024 + 2, 100 * 1024})
    void messagesHaveTheExactSizeAndLinesThatNeedStuffing(int size) {
        byte[] message = Pop3Section.message(42, size);

        assertThat(message).hasSize(size);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n").contains("\r\n.\r\n", "\r\n..\r\n", "\r\n.a line")
                .doesNotContain("\n\n").doesNotContain("\r\r");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(Pop3Section.message(43, size)).hasSize(size).isNotEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 7, 11, 64, 65_536})
    void theReaderUnstuffsWhereverTheReadsSplitTheStream(int bufferSize) throws IOException {
        String content = ".\r\n..\r\n...\r\n.x\r\nx.\r\n\r\nplain line\r\n.\r\r\n";
        String stuffed = "..\r\n...\r\n....\r\n..x\r\nx.\r\n\r\nplain line\r\n..\r\r\n";
        String wire = "+OK 38 octets\r\n" + stuffed + ".\r\n" + "+OK\r\n" + "+OK 0 octets\r\n.\r\n-ERR no\r\n";
        Pop3Wire reader = new Pop3Wire(new OneOctetAtATime(wire.getBytes(StandardCharsets.US_ASCII)),
                OutputStream.nullOutputStream(), bufferSize, () -> { });
        Pop3Wire.Bytes received = new Pop3Wire.Bytes(4);

        assertThat(reader.readStatus()).isTrue();
        assertThat(reader.statusNumber(0)).isEqualTo(content.length());
        assertThat(reader.readMultiline(received)).isEqualTo(content.length());
        assertThat(new String(received.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(content);
        assertThat(reader.readStatus()).isTrue();
        assertThat(reader.statusNumber(0)).isEqualTo(-1);
        assertThat(reader.readStatus()).isTrue();
        assertThat(reader.readMultiline(null)).isZero();
        assertThat(reader.readStatus()).isFalse();
        assertThat(reader.lastLine()).isEqualTo("-ERR no");
    }

    @Test
    void theChecksPassAgainstACorrectScriptedServer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SIZE, true)) {
            Pop3BenchSession.Timings timings = new Pop3BenchSession(server.address(), "u", 3, SIZE, 2).run(false);

            assertThat(timings.problems()).isEmpty();
        }
    }

    @Test
    void theChecksCatchAServerThatDoesNotStuff() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SIZE, false)) {
            Pop3BenchSession.Timings timings = new Pop3BenchSession(server.address(), "u", 3, SIZE, 2).run(false);

            assertThat(timings.ok()).isFalse();
            assertThat(timings.problems()).isNotEmpty();
        }
    }

    @Test
    void theChecksCatchRetrNotDeliveringItsListSize() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SIZE + 1, true)) {
            // -1: the session does not know the stored size, so only LIST against RETR can catch it.
            Pop3BenchSession.Timings timings = new Pop3BenchSession(server.address(), "u", 3, -1, 2).run(false);

            assertThat(timings.problems()).anySatisfy(problem -> assertThat(problem)
                    .startsWith("RETR lock-step: 3 of 3 messages have the wrong size"));
            assertThat(timings.problems()).anySatisfy(problem -> assertThat(problem)
                    .startsWith("RETR pipelined: 3 of 3 messages have the wrong size"));
        }
    }

    @Test
    void theChecksCatchAListThatDisagreesWithWhatWasStored() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SIZE + 1, true)) {
            Pop3BenchSession.Timings timings = new Pop3BenchSession(server.address(), "u", 3, SIZE, 2).run(false);

            assertThat(timings.problems()).anySatisfy(problem -> assertThat(problem)
                    .isEqualTo("LIST: message 1 has 2049 octets, 2048 were stored"));
        }
    }

    /** A stream that hands out one octet per read, the worst case for a reader's buffer handling. */
    private static final class OneOctetAtATime extends ByteArrayInputStream {
        OneOctetAtATime(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] target, int offset, int length) {
            return super.read(target, offset, Math.min(1, length));
        }
    }

    /**
     * A minimal POP3 server for one connection with 3 benchmark messages: it claims {@code listSize} octets per
     * message in STAT, LIST and RETR's status, and byte-stuffs the content or (wrongly) not.
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        ScriptedServer(int listSize, boolean stuff) throws IOException {
            thread = new Thread(() -> serve(listSize, stuff), "scripted-pop3");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
        }

        private void serve(int listSize, boolean stuff) {
            try (Socket socket = listener.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                write(out, "+OK scripted\r\n");
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("USER") || line.startsWith("PASS")) {
                        write(out, "+OK\r\n");
                    } else if (line.equals("STAT")) {
                        write(out, "+OK 3 " + 3 * listSize + "\r\n");
                    } else if (line.equals("LIST")) {
                        write(out, "+OK\r\n1 " + listSize + "\r\n2 " + listSize + "\r\n3 " + listSize + "\r\n.\r\n");
                    } else if (line.equals("UIDL")) {
                        write(out, "+OK\r\n1 a\r\n2 b\r\n3 c\r\n.\r\n");
                    } else if (line.startsWith("RETR ")) {
                        int number = Integer.parseInt(line.substring(5));
                        String message = new String(Pop3Section.message(number, SIZE), StandardCharsets.US_ASCII);
                        String body = stuff ? ("\r\n" + message).replace("\r\n.", "\r\n..").substring(2) : message;
                        write(out, "+OK " + listSize + " octets\r\n" + body + ".\r\n");
                    } else if (line.equals("QUIT")) {
                        write(out, "+OK bye\r\n");
                        return;
                    } else {
                        write(out, "-ERR unknown\r\n");
                    }
                }
            } catch (IOException e) {
                // the test's client went away
            }
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(5_000);
        }
    }
}
