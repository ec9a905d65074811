package dev.fakemail.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;

/**
 * A server-sent event stream read over a socket of its own, so that closing it really closes the connection
 * and the server drops the stream at once (the JDK HttpClient, cancelled, stops reading but keeps the connection
 * open). HTTP/1.0, so the body is plain lines up to the end of the connection, never chunked.
 */
final class EventStream implements AutoCloseable {
    private final Socket socket;
    private final Thread reader;

    private EventStream(Socket socket, BufferedReader in, Consumer<String> lines) {
        this.socket = socket;
        this.reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException closed) {
                // closed by us, or the server went away: the stream is over either way
            }
        }, "fakemail-client-events");
        reader.setDaemon(true);
    }

    /**
     * Connects and reads the response head; the lines of the body then go to the consumer on a thread of the
     * stream's own.
     *
     * @return the stream, or throws with the status when the server did not answer 200
     */
    static EventStream open(URI uri, String authorization, Duration timeout, Consumer<String> lines) throws IOException {
        boolean tls = uri.getScheme().equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String request = "GET " + target + " HTTP/1.0\r\nHost: " + uri.getRawAuthority().replaceFirst("^.*@", "")
                    + "\r\nAccept: text/event-stream\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null || !status.matches("HTTP/1\\.[01] 200( .*)?")) {
                throw new IOException("GET " + uri.getRawPath() + " answered " + status);
            }
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // the head: nothing in it changes how the lines are read
            }
            socket.setSoTimeout(0); // a quiet stream is fine: the server sends a comment every 15 seconds
            EventStream stream = new EventStream(socket, in, lines);
            stream.reader.start();
            return stream;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // closing is all we wanted
        }
    }
}
