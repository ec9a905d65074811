package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@FakeMailTest
class FakeMailExtensionTest {
    private static FakeMailServer previous;

    @Test
    void injectsARunningServerThatCapturesMail(FakeMailServer server, MailControl control) throws Exception {
        assertThat(server.isRunning()).isTrue();
        assertThat(control).isSameAs(server);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(server.smtp().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("shop@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.test"));
        message.setSubject("Reset your password");
        message.setText("Click the link");
        Transport.send(message);

        List<ReceivedMessage> received = control.await(MailQuery.to("bob@example.test"), Duration.ofSeconds(10));
        assertThat(received).extracting(ReceivedMessage::subject).containsExactly("Reset your password");
        assertThat(received.get(0).text()).isEqualTo("Click the link\r\n");
    }

    @Test
    void eachTestGetsAFreshServerAndThePreviousOneIsStopped(FakeMailServer server) {
        assertThat(server.messages()).isEmpty();
        if (previous != null) {
            assertThat(previous).isNotSameAs(server);
            assertThat(previous.isRunning()).isFalse();
        }
        previous = server;
    }

    @Test
    void secondTestForTheFreshnessCheck(FakeMailServer server) {
        eachTestGetsAFreshServerAndThePreviousOneIsStopped(server);
    }
}
