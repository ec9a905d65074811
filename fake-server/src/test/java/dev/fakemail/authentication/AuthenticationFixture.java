package dev.fakemail.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.ExternalClient;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server with a fake zone, a way to send it exact bytes over SMTP, and dkimpy as an independent signer. */
final class AuthenticationFixture implements AutoCloseable {
    final FakeZone zone = FakeZone.create();
    final FakeMailServer server;

    AuthenticationFixture() {
        server = FakeMailServer.builder().smtpPort(0).zone(zone).build().start();
    }

    AuthenticationFixture(java.time.Clock clock) {
        server = FakeMailServer.builder().smtpPort(0).zone(zone).clock(clock).build().start();
    }

    static String message(String from, String subject, String body) {
        return "From: " + from + "\r\nTo: someone@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@shop.test>\r\n\r\n" + body;
    }

    /** Sends the message over SMTP exactly as given (it must end with CR LF and need no dot-stuffing). */
    ReceivedMessage send(String helo, String mailFrom, String message) throws IOException {
        assertThat(message).endsWith("\r\n");
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to("127.0.0.1", server.smtp().port()), helo)) {
            smtp.expect("MAIL FROM:<" + mailFrom + ">", "250");
            smtp.expect("RCPT TO:<someone@example.test>", "250");
            String reply = smtp.data(message.substring(0, message.length() - 2));
            assertThat(reply).startsWith("250");
            long id = Long.parseLong(reply.strip().replaceAll(".* ", ""));
            return server.message(id).orElseThrow();
        }
    }

    AuthenticationResults sendAndCheck(String helo, String mailFrom, String message) throws IOException {
        return send(helo, mailFrom, message).authentication().orElseThrow();
    }

    /** dkimpy (Debian's python3-dkim) signs the message; returns the signed message. */
    static String dkimpy(DkimKey key, String domain, String selector, String canon, String headers, String message,
            boolean length) throws IOException, InterruptedException {
        Path keyFile = Files.createTempFile("dkim", ".key");
        try {
            Files.writeString(keyFile, key.algorithm().startsWith("ed25519") ? key.ed25519PrivateKeyBase64()
                    : key.privateKeyPem());
            List<String> command = new ArrayList<>(List.of(python(),
                    ExternalClient.CLIENTS.resolve("python/dkim_sign.py").toString(), keyFile.toString(), domain,
                    selector, key.algorithm(), canon, headers));
            if (length) {
                command.add("length");
            }
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(message.getBytes(StandardCharsets.UTF_8));
            }
            byte[] signed = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dkimpy finished").isTrue();
            assertThat(process.exitValue()).as("dkimpy's exit status").isZero();
            String result = new String(signed, StandardCharsets.UTF_8);
            assertThat(result).startsWith("DKIM-Signature:").endsWith(message);
            return result;
        } finally {
            Files.deleteIfExists(keyFile);
        }
    }

    /** Debian's python3 has Debian's python3-dkim; another python3 first on the PATH (pyenv) may not. */
    private static String python() {
        if (Files.isExecutable(Path.of("/usr/bin/python3"))
                && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/dkim"))) {
            return "/usr/bin/python3";
        }
        ExternalClient.require("python3", "apt-get install python3-dkim python3-nacl");
        return "python3";
    }

    @Override
    public void close() {
        server.close();
    }
}
