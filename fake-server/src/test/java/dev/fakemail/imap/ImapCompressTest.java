package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * COMPRESS=DEFLATE (RFC 4978) over a plain socket: the OK in clear, then raw DEFLATE both ways (RFC 4978 §5's
 * example exchange), [COMPRESSIONACTIVE] for a second COMPRESS, and a fault's byte cut-off counted on the
 * compressed octets: {@code disconnect-after 40} lets exactly 40 compressed octets through, which inflate to the
 * start of the FETCH response.
 */
@Timeout(60)
class ImapCompressTest {
    private FakeMailServer server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    @BeforeEach
    void start() throws Exception {
        server = FakeMailServer.builder().build().start();
        ImapSupport.deliver(server, "bob@example.test", ImapSupport.message("First", "one ".repeat(200)));
        socket = new Socket(server.imap().host(), server.imap().port());
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        plainLine();
        send("a0 LOGIN bob@example.test x\r\n");
        while (!plainLine().startsWith("a0 ")) {
            // the CAPABILITY before the OK
        }
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        server.stop();
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String plainLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private void sendCompressed(String text) throws IOException {
        deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4096];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        out.flush();
    }

    /** Reads and inflates until the decompressed text holds a line starting with {@code tag}. */
    private String compressedUntilTagged(String tag) throws IOException, DataFormatException {
        StringBuilder text = new StringBuilder();
        byte[] wire = new byte[4096];
        byte[] plain = new byte[65536];
        while (!text.toString().contains("\r\n" + tag + " ") && !text.toString().startsWith(tag + " ")) {
            int read = in.read(wire);
            if (read < 0) {
                throw new IOException("closed; so far: " + text);
            }
            inflater.setInput(wire, 0, read);
            int n;
            while ((n = inflater.inflate(plain)) > 0) {
                text.append(new String(plain, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    @Test
    void afterTheOkInClearBothDirectionsAreDeflate() throws Exception {
        send("a1 COMPRESS DEFLATE\r\n");
        assertThat(plainLine()).isEqualTo("a1 OK DEFLATE active\r\n");
        sendCompressed("a2 NOOP\r\n");
        assertThat(compressedUntilTagged("a2")).isEqualTo("a2 OK NOOP completed\r\n");
        sendCompressed("a3 SELECT INBOX\r\na4 FETCH 1 (BODY.PEEK[TEXT])\r\n"); // pipelined
        String fetched = compressedUntilTagged("a4");
        assertThat(fetched).contains("a3 OK [READ-WRITE] SELECT completed\r\n",
                "* 1 FETCH (BODY[TEXT] {802}\r\n" + "one ".repeat(200) + "\r\n)\r\na4 OK FETCH completed\r\n");
        sendCompressed("a5 COMPRESS DEFLATE\r\n");
        assertThat(compressedUntilTagged("a5")).isEqualTo("a5 NO [COMPRESSIONACTIVE] DEFLATE is already active\r\n");
        sendCompressed("a6 COMPRESS GZIP\r\n");
        assertThat(compressedUntilTagged("a6")).isEqualTo(
                "a6 BAD unknown compression mechanism GZIP (DEFLATE is the one)\r\n");
    }

    @Test
    void aByteCutOffCountsTheCompressedOctetsOnTheWire() throws Exception {
        server.faults().addText("imap FETCH -> disconnect-after 40");
        send("a1 COMPRESS DEFLATE\r\n");
        assertThat(plainLine()).isEqualTo("a1 OK DEFLATE active\r\n");
        sendCompressed("a2 SELECT INBOX\r\n");
        compressedUntilTagged("a2");
        sendCompressed("a3 FETCH 1 (BODY.PEEK[TEXT])\r\n");
        byte[] wire = in.readAllBytes(); // until the server closes
        assertThat(wire).hasSize(40);
        inflater.setInput(wire);
        byte[] plain = new byte[65536];
        int n = inflater.inflate(plain);
        String start = new String(plain, 0, n, StandardCharsets.ISO_8859_1);
        assertThat(start).isNotEmpty();
        assertThat(("* 1 FETCH (BODY[TEXT] {802}\r\n" + "one ".repeat(200) + "\r\n)\r\na3 OK FETCH completed\r\n"))
                .startsWith(start);
    }
}
