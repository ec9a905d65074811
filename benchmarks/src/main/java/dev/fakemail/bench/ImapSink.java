package dev.fakemail.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** The ceiling: answers each command with the exact bytes fakemail sent for it (tags rewritten). */
final class ImapSink implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    ImapSink(Map<String, byte[]> replies) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(replies), "imap-sink");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** One connection after the other, until the benchmark closes the sink. */
    private void serve(Map<String, byte[]> replies) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket, replies);
            } catch (IOException ignored) {
                // this connection (or the benchmark) is over
            }
        }
    }

    private static void converse(Socket socket, Map<String, byte[]> replies) throws IOException {
        socket.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        OutputStream out = socket.getOutputStream();
        out.write("* OK sink ready\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String text;
        while ((text = command(in)) != null) {
            String tag = text.substring(0, text.indexOf(' '));
            String command = text.substring(tag.length() + 1);
            byte[] recorded = replies.get(command);
            if (recorded == null) {
                out.write((tag + " OK done\r\n").getBytes(StandardCharsets.US_ASCII));
            } else {
                // recorded replies start with a CR LF and end with "<tag> OK ...": keep the body as sent
                int lastLine = recorded.length - 2;
                while (lastLine > 0 && recorded[lastLine - 1] != '\n') {
                    lastLine--;
                }
                out.write(recorded, 2, lastLine - 2);
                out.write((tag + " OK done\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            if (command.equals("LOGOUT")) {
                return;
            }
        }
    }

    /** One command line; a LITERAL+ literal ({n+}) in it is read and skipped. Null at the end of the stream. */
    private static String command(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(--end);
            }
            int open = line.lastIndexOf("{");
            if (end > 3 && line.charAt(end - 1) == '}' && line.charAt(end - 2) == '+' && open > 0) {
                long length = Long.parseLong(line.substring(open + 1, end - 2));
                in.skipNBytes(length);
                line.setLength(open); // the command as far as its literal; the rest of the line follows
                continue;
            }
            return line.toString().trim();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
