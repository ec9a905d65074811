package dev.fakemail.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read timeouts of plain sockets kept by the watcher instead of SO_TIMEOUT (which makes the JDK read in
 * non-blocking mode, three system calls per idle read): reads block, the timeout still ends them, the output
 * stays usable for the last words, and a TLS socket keeps SO_TIMEOUT.
 */
class ReadTimeoutsTest {
    private ServerSocket server;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void connect() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        accepted = server.accept();
    }

    @AfterEach
    void close() throws Exception {
        accepted.close();
        client.close();
        server.close();
    }

    @Test
    void aPlainSocketReadsWithoutSoTimeoutAndStillTimesOutWithItsOutputOpen() throws Exception {
        SocketTransport transport = new SocketTransport(accepted);
        transport.setReadTimeout(300);
        assertThat(accepted.getSoTimeout()).as("no SO_TIMEOUT: blocking reads").isZero();
        assertThat(transport.readTimeout()).isEqualTo(300);
        InputStream in = transport.input();

        client.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[64];
        assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(7); // data within the timeout is read as ever

        long start = System.nanoTime();
        assertThatThrownBy(() -> in.read(buffer, 0, buffer.length)).isInstanceOf(SocketTimeoutException.class);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).as("waited for the timeout, not much longer").isBetween(250L, 5_000L);
        assertThatThrownBy(() -> in.read(buffer, 0, 1)).as("timed out for good")
                .isInstanceOf(SocketTimeoutException.class);

        OutputStream out = transport.output();
        out.write("421 idle\r\n".getBytes(StandardCharsets.US_ASCII)); // the last words still go out
        out.flush();
        client.setSoTimeout(5_000);
        byte[] got = client.getInputStream().readNBytes(10);
        assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("421 idle\r\n");
        transport.close();
    }

    @Test
    void aTlsSocketKeepsSoTimeoutAsItsEngineReadsTheSocketItself() throws Exception {
        Socket tls = javax.net.ssl.SSLContext.getDefault().getSocketFactory()
                .createSocket(accepted, null, accepted.getPort(), true);
        SocketTransport transport = new SocketTransport(tls);
        transport.setReadTimeout(250);
        assertThat(tls.getSoTimeout()).isEqualTo(250);
        assertThat(transport.readTimeout()).isEqualTo(250);
    }

    @Test
    void aLongerTimeoutSetDuringAReadAndZeroForEverAreHonoured() throws Exception {
        SocketTransport transport = new SocketTransport(accepted);
        transport.setReadTimeout(0);
        InputStream in = transport.input();
        Thread sender = writeLater(client, 700, 'x');
        assertThat(in.read()).as("0 waits for ever").isEqualTo('x');
        sender.join();

        transport.setReadTimeout(200);
        transport.setReadTimeout(60_000); // the stall path lengthens it; the shorter one must not fire
        Thread late = writeLater(client, 600, 'y');
        assertThat(in.read()).isEqualTo('y');
        late.join();
        transport.close();
    }

    /** Writes one octet from the client after a pause, on a thread of its own. */
    private static Thread writeLater(Socket client, long delayMillis, int octet) {
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                client.getOutputStream().write(octet);
            } catch (Exception ignored) {
                // the read waiting for it fails and says so
            }
        });
        writer.start();
        return writer;
    }
}
