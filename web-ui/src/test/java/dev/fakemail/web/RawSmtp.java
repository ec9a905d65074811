package dev.fakemail.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one message over a raw SMTP socket and checks every reply code. */
final class RawSmtp {
    private RawSmtp() {
    }

    static void send(String host, int port, String from, String to, String data) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.example.test", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            command(out, in, data.replace("\n", "\r\n") + "\r\n.", "250");
            command(out, in, "QUIT", "221");
        }
    }

    /** The reply to one RCPT TO after HELO and MAIL FROM (what a fault rule on RCPT changes). */
    static String rcptReply(dev.fakemail.Endpoint smtp, String recipient) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("HELO client.test\r\nMAIL FROM:<shop@example.test>\r\nRCPT TO:<" + recipient + ">\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            in.readLine();
            in.readLine();
            String reply = in.readLine();
            out.write("QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return reply;
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return;
            }
        }
    }
}
