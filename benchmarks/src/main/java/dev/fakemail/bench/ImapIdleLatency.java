package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * IDLE push latency: an IMAP client idles on INBOX while SMTP delivers to it over one connection; each sample is
 * the time from the final dot sent to the {@code * n EXISTS} line read (the delivery, the store event, the
 * pusher's write and the wire). The SMTP reply is read after the EXISTS, so it does not delay the measurement.
 */
final class ImapIdleLatency {
    private static final String USER = "idle@bench.test";
    private static final int WARM_UP = 200;

    private ImapIdleLatency() {
    }

    /** Returns {p50, p99} in milliseconds. */
    static double[] measure(FakeMailServer server, int samples) throws IOException {
        server.repository().inbox(USER);
        try (Socket imap = new Socket(server.imap().address(), server.imap().port());
                Socket smtp = new Socket(server.smtp().address(), server.smtp().port())) {
            imap.setTcpNoDelay(true);
            smtp.setTcpNoDelay(true);
            imap.setSoTimeout(30_000);
            smtp.setSoTimeout(30_000);
            BufferedReader imapIn = new BufferedReader(new InputStreamReader(imap.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream imapOut = imap.getOutputStream();
            imapIn.readLine();
            send(imapOut, "a1 LOGIN " + USER + " x\r\na2 SELECT INBOX\r\na3 IDLE\r\n");
            while (!imapIn.readLine().startsWith("+ ")) {
                // the LOGIN and SELECT responses
            }
            BufferedReader smtpIn = new BufferedReader(new InputStreamReader(smtp.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream smtpOut = smtp.getOutputStream();
            smtpIn.readLine();
            send(smtpOut, "EHLO bench.test\r\n");
            while (smtpIn.readLine().startsWith("250-")) {
                // the EHLO lines
            }
            double[] times = new double[samples];
            byte[] body = ("Subject: idle\r\n\r\n" + ("x".repeat(76) + "\r\n").repeat(26) + ".\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = -WARM_UP; i < samples; i++) {
                send(smtpOut, "MAIL FROM:<bench@bench.test>\r\nRCPT TO:<" + USER + ">\r\nDATA\r\n");
                expect(smtpIn.readLine(), "250");
                expect(smtpIn.readLine(), "250");
                expect(smtpIn.readLine(), "354");
                long start = System.nanoTime();
                smtpOut.write(body);
                smtpOut.flush();
                String line;
                do {
                    line = imapIn.readLine();
                } while (!line.endsWith(" EXISTS"));
                double millis = (System.nanoTime() - start) / 1e6;
                expect(smtpIn.readLine(), "250");
                if (i >= 0) {
                    times[i] = millis;
                }
            }
            Arrays.sort(times);
            return new double[] {times[samples / 2], times[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)]};
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(String line, String code) throws IOException {
        if (line == null || !line.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + line);
        }
    }
}
