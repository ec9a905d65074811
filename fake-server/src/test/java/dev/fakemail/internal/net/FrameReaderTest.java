package dev.fakemail.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.internal.net.FrameReader.DotResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static FrameReader reader(MemoryTransport transport) {
        return new FrameReader(transport.input(), () -> { });
    }

    /** One way of reading a frame into a sink; it returns the reader's verdict. */
    private interface FrameRead {
        Object read(FrameReader reader, GrowableBytes sink) throws IOException;
    }

    /** Reads one frame into a fresh sink: the verdict, the frame kept, and the next line "NEXT" are as expected. */
    private static void assertFrameThenNext(FrameReader reader, FrameRead read, Object verdict, String frame)
            throws IOException {
        GrowableBytes sink = new GrowableBytes();
        assertThat(read.read(reader, sink)).isEqualTo(verdict);
        assertThat(sink.toArrayWithPrefix(new byte[0])).asString().isEqualTo(frame);
        assertThat(reader.readLine(100)).asString().isEqualTo("NEXT");
    }

    @Test
    void linesEndAtCrLfOrBareLfAtEveryBufferBoundary() throws IOException {
        byte[] input = bytes("first\r\nsecond\nthird\r\n");
        for (int size = 1; size <= input.length; size++) {
            FrameReader reader = reader(MemoryTransport.inPiecesOf(input, size));
            assertThat(reader.readLine(100)).asString().isEqualTo("first");
            assertThat(reader.readLine(100)).asString().isEqualTo("second");
            assertThat(reader.readLine(100)).asString().isEqualTo("third");
            assertThat(reader.readLine(100)).isNull();
        }
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneMoreOctetIsTooLong() throws IOException {
        String fits = "x".repeat(8) + "\r\n"; // 10 octets with CR LF
        String tooLong = "y".repeat(9) + "\r\n";
        for (int size = 1; size <= 12; size++) {
            FrameReader reader = reader(MemoryTransport.inPiecesOf(bytes(fits + tooLong + "ok\r\n"), size));
            assertThat(reader.readLine(10)).asString().isEqualTo("x".repeat(8));
            assertThatThrownBy(() -> reader.readLine(10)).isInstanceOf(FrameReader.LineTooLongException.class);
            assertThat(reader.readLine(10)).asString().isEqualTo("ok");
        }
    }

    @Test
    void aHugeLineIsSkippedWithoutBeingBuffered() throws IOException {
        byte[] input = bytes("z".repeat(5_000_000) + "\r\nNOOP\r\n");
        FrameReader reader = reader(MemoryTransport.inPiecesOf(input, 65536));
        assertThatThrownBy(() -> reader.readLine(1000)).isInstanceOf(FrameReader.LineTooLongException.class);
        assertThat(reader.readLine(1000)).asString().isEqualTo("NOOP");
    }

    @Test
    void anUnfinishedLineAtEndOfStreamIsNotACommand() throws IOException {
        assertThat(reader(MemoryTransport.inPiecesOf(bytes("QUIT"), 2)).readLine(100)).isNull();
    }

    @Test
    void dotTerminatedDataAtEverySplit() throws IOException {
        byte[] input = bytes("a\r\n..b\r\n.c\r\n\r\n.\r\nNEXT\r\n");
        for (int offset = 0; offset <= input.length; offset++) {
            assertFrameThenNext(reader(MemoryTransport.splitAt(input, offset)),
                    (reader, sink) -> reader.readDotTerminated(sink, 1000, 1000), DotResult.COMPLETE,
                    "a\r\n.b\r\nc\r\n\r\n");
        }
    }

    @Test
    void dataThatIsTooLargeIsReadToItsEndAndDropped() throws IOException {
        FrameReader reader = reader(MemoryTransport.inPiecesOf(bytes("0123456789\r\n0123456789\r\n.\r\nNEXT\r\n"), 5));
        GrowableBytes sink = new GrowableBytes();
        assertThat(reader.readDotTerminated(sink, 15, 1000)).isEqualTo(DotResult.TOO_LARGE);
        assertThat(sink.length()).isLessThanOrEqualTo(15);
        assertThat(reader.readLine(100)).asString().isEqualTo("NEXT");
    }

    @Test
    void aTooLongTextLineIsReportedAfterTheEndOfData() throws IOException {
        FrameReader reader = reader(MemoryTransport.inPiecesOf(bytes("short\r\n" + "w".repeat(20) + "\r\n.\r\nNEXT\r\n"), 3));
        assertThat(reader.readDotTerminated(new GrowableBytes(), 1000, 10)).isEqualTo(DotResult.LINE_TOO_LONG);
        assertThat(reader.readLine(100)).asString().isEqualTo("NEXT");
    }

    @Test
    void dataCutShortIsEndOfStream() throws IOException {
        FrameReader reader = reader(MemoryTransport.inPiecesOf(bytes("Subject: x\r\n\r\nhalf"), 4));
        assertThat(reader.readDotTerminated(new GrowableBytes(), 1000, 1000)).isEqualTo(DotResult.END_OF_STREAM);
    }

    @Test
    void exactByteFramesKeepOnlyWhatWasAskedFor() throws IOException {
        byte[] input = bytes("0123456789NEXT\r\n");
        for (int size = 1; size <= input.length; size++) {
            assertFrameThenNext(reader(MemoryTransport.inPiecesOf(input, size)),
                    (reader, sink) -> reader.readExactly(10, sink, 4), true, "0123");
        }
        assertThat(reader(MemoryTransport.inPiecesOf(bytes("abc"), 1)).readExactly(10, new GrowableBytes(), 10)).isFalse();
    }

    @Test
    void pendingRepliesAreFlushedOnlyBeforeTheReaderWouldBlock() throws IOException {
        AtomicInteger flushes = new AtomicInteger();
        InputStream in = MemoryTransport.inPiecesOf(bytes("A\r\nB\r\nC\r\n"), 100).input();
        FrameReader reader = new FrameReader(in, flushes::incrementAndGet);
        reader.readLine(100);
        reader.readLine(100);
        reader.readLine(100);
        assertThat(flushes).hasValue(1); // three pipelined commands, one read, one flush
        assertThat(reader.readLine(100)).isNull();
        assertThat(flushes).hasValue(2);
    }

    /** About 150 KB of 100-octet lines, every seventh stuffed with a leading dot, and the same data unstuffed. */
    private static String[] bulkDataAndUnstuffed() {
        StringBuilder wire = new StringBuilder();
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            String dot = i % 7 == 3 ? "." : "";
            String line = dot + String.format("%05d", i) + "x".repeat(93) + "\r\n";
            wire.append(dot).append(line);
            kept.append(line);
        }
        return new String[] {wire.append(".\r\nNEXT\r\n").toString(), kept.toString()};
    }

    @Test
    void bulkDataIsReadWholeWhateverTheReadsDeliver() throws IOException {
        String[] data = bulkDataAndUnstuffed();
        for (int piece : new int[] {16 * 1024, 16 * 1024 - 1, 65_536, 65_536 + 7, 100_001, 1_000_000, 4093}) {
            assertFrameThenNext(reader(MemoryTransport.inPiecesOf(bytes(data[0]), piece)),
                    (reader, sink) -> reader.readDotTerminated(sink, 1_000_000, 1000), DotResult.COMPLETE, data[1]);
            assertFrameThenNext(reader(MemoryTransport.inPiecesOf(bytes(data[0].replace(".\r\nNEXT\r\n", "NEXT\r\n")),
                    piece)), (reader, sink) -> reader.readExactly(data[0].length() - 9, sink, 1_000_000), true,
                    data[0].substring(0, data[0].length() - 9));
        }
    }

    @Test
    void theBufferGrowsOnlyForAMessageBiggerThanIt() throws IOException {
        List<Integer> asked = new ArrayList<>();
        String smallMessage = "Subject: small\r\n\r\n" + ("z".repeat(500) + "\r\n").repeat(2) + ".\r\n";
        InputStream wire = MemoryTransport.inPiecesOf(bytes("NOOP\r\n".repeat(10_000) + smallMessage.repeat(100)
                + bulkDataAndUnstuffed()[0]), 1_000_000).input();
        FrameReader reader = new FrameReader(new BlockInputStream() {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                asked.add(length);
                return wire.read(target, offset, length);
            }
        }, () -> { });
        for (int i = 0; i < 10_000; i++) {
            assertThat(reader.readLine(100)).asString().isEqualTo("NOOP");
        }
        assertThat(asked).hasSizeGreaterThan(3).containsOnly(16 * 1024); // commands filled the buffer: no growth
        asked.clear();
        for (int i = 0; i < 100; i++) {
            assertThat(reader.readDotTerminated(new GrowableBytes(), 1_000_000, 1000)).isEqualTo(DotResult.COMPLETE);
        }
        assertThat(asked).hasSizeGreaterThan(3).containsOnly(16 * 1024); // so did small pipelined messages
        asked.clear();
        assertThat(reader.readDotTerminated(new GrowableBytes(), 1_000_000, 1000)).isEqualTo(DotResult.COMPLETE);
        assertThat(asked).hasSizeGreaterThan(2).contains(65_536).doesNotContain(16 * 1024 + 1);
        assertThat(reader.readLine(100)).asString().isEqualTo("NEXT");
    }

    @Test
    void randomDataMatchesASimpleUnstuffer() throws IOException {
        Random random = new Random(20261206);
        for (int round = 0; round < 300; round++) {
            int maxLineLength = 20 + random.nextInt(30);
            StringBuilder wire = new StringBuilder();
            StringBuilder kept = new StringBuilder();
            boolean tooLong = false;
            for (int line = random.nextInt(60); line > 0; line--) {
                StringBuilder text = new StringBuilder();
                for (int length = random.nextInt(maxLineLength + 3); length > 0; length--) {
                    text.append(".ab\n".charAt(random.nextInt(4))); // dots anywhere, bare LFs inside a line
                }
                String content = text.toString();
                wire.append(content.startsWith(".") ? "." : "").append(content).append("\r\n");
                kept.append(content).append("\r\n");
                int longest = 0;
                for (String piece : (content + "\r\n").split("(?<=\n)")) {
                    longest = Math.max(longest, piece.length());
                }
                tooLong |= longest > maxLineLength;
            }
            wire.append(".\r\nNEXT\r\n");
            int piece = 1 + random.nextInt(40);
            DotResult expected = tooLong ? DotResult.LINE_TOO_LONG : DotResult.COMPLETE;
            FrameReader reader = reader(MemoryTransport.inPiecesOf(bytes(wire.toString()), piece));
            GrowableBytes sink = new GrowableBytes();
            assertThat(reader.readDotTerminated(sink, 1_000_000, maxLineLength)).as("round %d", round).isEqualTo(expected);
            if (!tooLong) {
                assertThat(sink.toArrayWithPrefix(new byte[0])).as("round %d", round).asString()
                        .isEqualTo(kept.toString());
            }
            assertThat(reader.readLine(100)).as("round %d", round).asString().isEqualTo("NEXT");
        }
    }
}
