package dev.fakemail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pop3SmokeTest {
    @Test
    void readsWhatSmtpDelivered() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            try (Socket smtp = new Socket("127.0.0.1", server.smtp().port())) {
                smtp.getOutputStream().write(("EHLO x\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<bob@example.test>\r\n"
                        + "DATA\r\n").getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.UTF_8));
                while (!in.readLine().startsWith("354")) {
                    // greeting, EHLO, MAIL, RCPT
                }
                smtp.getOutputStream().write("Subject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("250 2.0.0");
            }
            try (Socket pop = new Socket("127.0.0.1", server.pop3().port())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(pop.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = pop.getOutputStream();
                assertThat(in.readLine()).startsWith("+OK fakemail POP3 server ready <");
                out.write("USER bob@example.test\r\nPASS x\r\nSTAT\r\nRETR 1\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("+OK send PASS");
                assertThat(in.readLine()).isEqualTo("+OK maildrop locked and ready, 1 messages");
                long size = server.messages().get(0).size();
                assertThat(in.readLine()).isEqualTo("+OK 1 " + size);
                assertThat(in.readLine()).isEqualTo("+OK " + size + " octets");
                String line;
                StringBuilder body = new StringBuilder();
                while (!(line = in.readLine()).equals(".")) {
                    body.append(line).append('\n');
                }
                assertThat(body.toString()).startsWith("Return-Path: <a@example.test>\n").endsWith("Subject: hi\n\n..dot\n");
            }
        }
    }
}
