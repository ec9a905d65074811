package dev.fakemail.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A one-connection server on loopback that sends fixed bytes, then closes, and records what it received. */
final class ScriptedPeer implements AutoCloseable {
    private final ServerSocket listener;
    private final CompletableFuture<String> received = new CompletableFuture<>();

    /** Sends {@code script} right after the accept; keeps reading until the client closes (or closes at once). */
    ScriptedPeer(String script, boolean closeAfterScript) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(script, closeAfterScript), "scripted-peer");
        thread.setDaemon(true);
        thread.start();
    }

    Dial dial() {
        return Dial.to(InetAddress.getLoopbackAddress().getHostAddress(), listener.getLocalPort());
    }

    /** What the client sent before it closed (or before the peer closed). */
    String received() throws Exception {
        return received.get(10, TimeUnit.SECONDS);
    }

    private void serve(String script, boolean closeAfterScript) {
        try (Socket socket = listener.accept()) {
            socket.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            if (!closeAfterScript) {
                socket.setSoTimeout(10_000);
                InputStream stream = socket.getInputStream();
                for (int b; (b = stream.read()) >= 0; ) {
                    in.write(b);
                }
            }
            received.complete(in.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            received.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
