package dev.fakemail.internal.net;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framing layer over arbitrary bytes and reads: the same reads over the same bytes give the same frames
 * however the bytes arrive (all at once, or cut in pieces; only complete data is compared, since the session
 * drops the rest), and dot-terminated data that completes within its
 * limits is exactly the input up to CR LF "." CR LF with the stuffed dots removed.
 */
class FrameReaderFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void framesDoNotDependOnHowTheBytesArrive(FuzzedDataProvider data) throws IOException {
        int pieceSize = data.consumeInt(1, 40);
        int[] reads = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = data.consumeInt(0, 2);
        }
        int maxLength = data.consumeInt(1, 300);
        byte[] input = data.consumeRemainingAsBytes();

        List<String> whole = frames(new ByteArrayInputStream(input), reads, maxLength, input);
        List<String> pieces = frames(MemoryTransport.inPiecesOf(input, pieceSize).input(), reads, maxLength, input);
        if (!whole.equals(pieces)) {
            throw new AssertionError("in pieces of " + pieceSize + ": " + pieces + " but at once: " + whole);
        }
    }

    private static List<String> frames(InputStream in, int[] reads, int maxLength, byte[] input) throws IOException {
        FrameReader reader = new FrameReader(in, () -> { });
        List<String> frames = new ArrayList<>();
        int consumed = 0;
        for (int read : reads) {
            switch (read) {
                case 0 -> {
                    try {
                        byte[] line = reader.readLine(maxLength);
                        frames.add(line == null ? "end" : "line " + Arrays.toString(line));
                    } catch (FrameReader.LineTooLongException e) {
                        frames.add("too long");
                    }
                }
                case 1 -> {
                    GrowableBytes sink = new GrowableBytes();
                    FrameReader.DotResult result = reader.readDotTerminated(sink, maxLength * 4L, maxLength);
                    byte[] data = Arrays.copyOf(sink.array(), sink.length());
                    // Only complete data is kept: what reached the sink of data that was too large, had a line too
                    // long or was cut off by the end of the stream is dropped by the session, and may differ.
                    frames.add("data " + result + (result == FrameReader.DotResult.COMPLETE
                            ? " " + Arrays.toString(data) : ""));
                    if (result == FrameReader.DotResult.COMPLETE && consumed == 0) {
                        byte[] expected = unstuffed(input);
                        if (!Arrays.equals(data, expected)) {
                            throw new AssertionError("data " + Arrays.toString(data) + " but dot-unstuffing gives "
                                    + Arrays.toString(expected));
                        }
                    }
                }
                default -> {
                    GrowableBytes sink = new GrowableBytes();
                    boolean complete = reader.readExactly(maxLength, sink, maxLength / 2);
                    frames.add("exactly " + complete + " " + Arrays.toString(Arrays.copyOf(sink.array(),
                            sink.length())));
                }
            }
            consumed++;
        }
        return frames;
    }

    /** RFC 5321 §4.5.2 the slow way: lines up to the first "." line, each losing one leading dot. */
    private static byte[] unstuffed(byte[] input) {
        GrowableBytes out = new GrowableBytes();
        int lineStart = 0;
        boolean afterCrLf = true;
        while (lineStart < input.length) {
            int lf = lineStart;
            while (lf < input.length && input[lf] != '\n') {
                lf++;
            }
            int end = Math.min(lf + 1, input.length);
            boolean dotFirst = afterCrLf && input[lineStart] == '.';
            if (dotFirst && end - lineStart == 3 && input[lineStart + 1] == '\r' && lf < input.length) {
                return Arrays.copyOf(out.array(), out.length());
            }
            int from = dotFirst ? lineStart + 1 : lineStart;
            out.write(input, from, end - from);
            afterCrLf = lf < input.length && lf > lineStart && input[lf - 1] == '\r';
            lineStart = end;
        }
        throw new AssertionError("reported COMPLETE, but the input has no end-of-data line");
    }
}
