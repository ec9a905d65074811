package dev.fakemail.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.Pop3Conversation;
import dev.fakemail.testsupport.SmtpConversation;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real jar with the user's certificate: clients that trust only that certificate get through. */
@Timeout(60)
class StandaloneTlsIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final String[] TLS_LISTENERS = Listeners.on("smtp", "smtps", "pop3s").args();

    @TempDir
    static Path dir;
    static Path keyStore;
    static Path certPem;
    static Path keyPem;
    static X509Certificate certificate;
    static SSLContext trustingOurs;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = TestCertificates.keyStore(dir, "server", "RSA");
        certPem = TestCertificates.certificatePem(keyStore, dir.resolve("cert.pem"));
        keyPem = TestCertificates.pkcs1Pem(keyStore, dir.resolve("key.pem"));
        certificate = TestCertificates.certificate(keyStore);
        trustingOurs = TestCertificates.trusting(certificate);
    }

    @Test
    void pemFilesFromTheEnvironmentServeStartTlsSmtpsAndPop3s() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of("FAKEMAIL_TLS_CERT", certPem.toString(),
                "FAKEMAIL_TLS_KEY", keyPem.toString()), TLS_LISTENERS)) {
            fakemail.awaitStdout("^fakemail: tls certificate CN=localhost \\(expires \\d{4}-\\d\\d-\\d\\d\\) from "
                    + Pattern.quote(certPem.toString()) + "$", STARTUP);
            int smtp = port(fakemail, "smtp");
            int smtps = port(fakemail, "smtps");
            int pop3s = port(fakemail, "pop3s");
            fakemail.awaitStdout("^fakemail: ready$", SHORT);

            try (SmtpConversation session = Smtp.open(Dial.to("127.0.0.1", smtp).trusting(trustingOurs))) {
                assertThat(TestCertificates.served(session.startTls())).isEqualTo(certificate);
                session.expect("EHLO client.example.test", "250");
                Smtp.sendIn(session, "alice@example.test", "bob@example.test", "Over STARTTLS");
            }
            try (SmtpConversation session = SmtpConversation.open(Dial.to("127.0.0.1", smtps).trusting(trustingOurs).implicitTls())) {
                assertThat(TestCertificates.served(session.tlsSession())).isEqualTo(certificate);
                session.expect("EHLO client.example.test", "250");
                Smtp.sendIn(session, "alice@example.test", "bob@example.test", "Over SMTPS");
            }
            assertThat(pop3sGreeting(pop3s, trustingOurs)).startsWith("+OK");

            fakemail.awaitStdout("^fakemail: received #1 .* \"Over STARTTLS\"", SHORT);
            fakemail.awaitStdout("^fakemail: received #2 .* \"Over SMTPS\"", SHORT);
        }
    }

    @Test
    void aKeyStoreFromFlagsIsServedAndTheBuiltInCertificateNoLonger() throws Exception {
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), StandaloneProcess.args(TLS_LISTENERS,
                "--tls-keystore", keyStore.toString(), "--tls-keystore-password", TestCertificates.PASSWORD))) {
            fakemail.awaitStdout("^fakemail: tls certificate CN=localhost \\(expires .*\\) from "
                    + Pattern.quote(keyStore.toString()) + "$", STARTUP);
            int smtps = port(fakemail, "smtps");

            try (SmtpConversation session = SmtpConversation.open(Dial.to("127.0.0.1", smtps).trusting(trustingOurs).implicitTls())) {
                assertThat(TestCertificates.served(session.tlsSession())).isEqualTo(certificate);
            }
        }
        try (StandaloneProcess fakemail = StandaloneProcess.start(Map.of(), TLS_LISTENERS)) {
            fakemail.awaitStdout("^fakemail: tls certificate: the built-in self-signed one for localhost$", STARTUP);
            int smtps = port(fakemail, "smtps");

            // The check above means something only if a client trusting our certificate refuses another one.
            assertThatThrownBy(() -> SmtpConversation.open(Dial.to("127.0.0.1", smtps).trusting(trustingOurs).implicitTls()).close())
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aWrongPasswordOrAForeignKeyPrintsOneLineAndExitsWith2() throws Exception {
        assertThat(StandaloneProcess.refusal(Map.of("FAKEMAIL_TLS_KEYSTORE", keyStore.toString(),
                "FAKEMAIL_TLS_KEYSTORE_PASSWORD", "wrong")))
                .isEqualTo("fakemail: FAKEMAIL_TLS_KEYSTORE_PASSWORD: wrong password for '" + keyStore + "'");
        Path otherStore = TestCertificates.keyStore(dir, "other", "EC");
        Path otherKey = TestCertificates.pkcs8Pem(otherStore, dir.resolve("other-key.pem"));
        assertThat(StandaloneProcess.refusal(Map.of(), "--tls-cert", certPem.toString(), "--tls-key",
                otherKey.toString())).isEqualTo("fakemail: --tls-key: '" + otherKey
                + "' does not match the certificate in '" + certPem + "' (an EC key for an RSA certificate)");
    }

    private static int port(StandaloneProcess fakemail, String listener) throws InterruptedException {
        return Integer.parseInt(fakemail.awaitStdout("^fakemail: " + listener
                + " listening on 127\\.0\\.0\\.1:(\\d+)$", STARTUP).group(1));
    }

    private static String pop3sGreeting(int port, SSLContext trust) throws Exception {
        try (Pop3Conversation pop = Pop3Conversation.open(Dial.to("127.0.0.1", port).trusting(trust).implicitTls())) {
            assertThat(TestCertificates.served(pop.tlsSession())).isEqualTo(certificate);
            return pop.greeting();
        }
    }
}
