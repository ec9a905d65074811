package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.Endpoint;
import dev.fakemail.testing.ServerPerTest;
import dev.fakemail.testsupport.ManualClock;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail (Jakarta Mail) meets the scripted faults: the exceptions and return codes an application sees. */
@Timeout(60)
class SmtpFaultAngusMailTest extends ServerPerTest {

    private static Properties properties(Endpoint endpoint, int timeoutMillis) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", endpoint.host());
        properties.put("mail.smtp.port", String.valueOf(endpoint.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", String.valueOf(timeoutMillis));
        properties.put("mail.smtp.localhost", "client.test");
        return properties;
    }

    private Session session() {
        return Session.getInstance(properties(server.smtp(), 10_000));
    }

    private static MimeMessage message(Session session, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("alice@example.test");
        message.setRecipients(RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("Hello from Angus.\r\n");
        return message;
    }

    private static SMTPAddressFailedException addressFailure(SendFailedException failure) {
        Exception next = failure.getNextException();
        while (next != null) {
            if (next instanceof SMTPAddressFailedException address) {
                return address;
            }
            next = next instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        throw new AssertionError("no SMTPAddressFailedException in " + failure, failure);
    }

    @Test
    void rcptFaultGives451ThenTheRetrySucceeds() throws Exception {
        FaultHandle handle = start(builder()).faults().smtp(Trigger.rcptTo("bob@*")).times(1)
                .reply(451, "4.3.0", "Try again later");
        Session session = session();

        SendFailedException failure = catchThrowableOfType(
                () -> Transport.send(message(session, "bob@example.test", "first try")), SendFailedException.class);
        assertThat(failure).isNotNull();
        SMTPAddressFailedException address = addressFailure(failure);
        assertThat(address.getReturnCode()).isEqualTo(451);
        assertThat(address.getAddress().getAddress()).isEqualTo("bob@example.test");
        assertThat(address.getMessage()).contains("451 4.3.0 Try again later");
        assertThat(server.messages()).isEmpty();

        Transport.send(message(session, "bob@example.test", "second try"));
        assertThat(server.messages()).hasSize(1);
        assertThat(server.messages().get(0).subject()).isEqualTo("second try");
        assertThat(handle.hits()).isEqualTo(1);
    }

    @Test
    void permanentRecipeGivesAnAddressFailureWith550() {
        start(builder()).faults().add(FaultRecipes.noSuchUser("nobody@*"));
        Session session = session();
        SendFailedException failure = catchThrowableOfType(
                () -> Transport.send(message(session, "nobody@example.test", "x")), SendFailedException.class);
        assertThat(addressFailure(failure).getReturnCode()).isEqualTo(550);
        assertThat(failure.getInvalidAddresses()).extracting(Object::toString).containsExactly("nobody@example.test");
    }

    @Test
    void connectRefusalGivesAMessagingException() {
        start(builder()).faults().add(FaultRecipes.refuseConnections(Protocol.SMTP));
        Session session = session();
        Throwable thrown = catchThrowable(() -> Transport.send(message(session, "bob@example.test", "x")));
        assertThat(thrown).isInstanceOf(MessagingException.class);
        assertThat(thrown.getMessage()).contains("421");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void stallMakesTheClientTimeOut() {
        start(builder()).faults().smtp(Trigger.mailFrom("*")).stall();
        Session session = Session.getInstance(properties(server.smtp(), 1_000));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> Transport.send(message(session, "bob@example.test", "x")));
        long elapsed = millisSince(start);
        assertThat(thrown).isInstanceOf(MessagingException.class);
        assertThat(causes(thrown)).as("a read timeout somewhere in the chain of " + thrown)
                .anyMatch(cause -> cause instanceof SocketTimeoutException);
        assertThat(elapsed).isGreaterThanOrEqualTo(900).isLessThan(8_000);
        assertThat(server.messages()).isEmpty();
    }

    private static java.util.List<Throwable> causes(Throwable thrown) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            if (t instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != t.getCause()) {
                chain.addAll(causes(messaging.getNextException()));
            }
        }
        return chain;
    }

    @Test
    void endOfDataRefusalGivesASendFailedExceptionWithItsCode() {
        start(builder()).faults().smtp(Trigger.endOfData()).reply(554, "5.7.1", "Message rejected as spam");
        Session session = session();
        SMTPSendFailedException failure = catchThrowableOfType(
                () -> Transport.send(message(session, "bob@example.test", "spam")), SMTPSendFailedException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getReturnCode()).isEqualTo(554);
        assertThat(failure.getMessage()).contains("554 5.7.1 Message rejected as spam");
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).isEmpty();
    }

    @Test
    void endOfDataDisconnectLeavesTheSenderInDoubtAndTheMessageUnacknowledged() {
        start(builder()).faults().smtp(Trigger.endOfData()).disconnect();
        Session session = session();
        Throwable thrown = catchThrowable(() -> Transport.send(message(session, "bob@example.test", "in doubt")));
        assertThat(thrown).isInstanceOf(MessagingException.class);
        assertThat(server.messages()).isEmpty();
        assertThat(server.unacknowledged()).hasSize(1);
        assertThat(server.unacknowledged().get(0).subject()).isEqualTo("in doubt");
    }

    @Test
    void disconnectAfterTheDataReplyStillCountsAsSent() throws Exception {
        start(builder()).faults().smtp(Trigger.afterReply("DATA")).disconnect();
        Session session = session();
        // Angus got its 250; the failed QUIT afterwards is not an error for the application.
        Transport.send(message(session, "bob@example.test", "sent"));
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void slowServerWithinTheClientTimeoutStillDelivers() throws Exception {
        start(builder()).faults().smtp(Trigger.anyCommand()).delay(Duration.ofMillis(50));
        Transport.send(message(session(), "bob@example.test", "slow"));
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void greylistingThenRetryAfterTheWindow() throws Exception {
        ManualClock clock = new ManualClock();
        start(builder().clock(clock)).faults().add(FaultRecipes.greylisting(Duration.ofMinutes(5)));
        Session session = session();
        SendFailedException failure = catchThrowableOfType(
                () -> Transport.send(message(session, "bob@example.test", "grey")), SendFailedException.class);
        assertThat(addressFailure(failure).getReturnCode()).isEqualTo(451);
        assertThat(addressFailure(failure).getMessage()).contains("451 4.7.1 Greylisted, please try again in 300 seconds");
        clock.advance(Duration.ofMinutes(5));
        Transport.send(message(session, "bob@example.test", "grey"));
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void authenticationFaultGivesAuthenticationFailedException() throws Exception {
        start(builder().user("bob@example.test", "secret").user("alice@example.test", "secret")).faults()
                .smtp(Trigger.authentication("*", "bob@*")).reply(535, "5.7.8", "Authentication credentials invalid");
        Properties properties = properties(server.smtp(), 10_000);
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        Session session = Session.getInstance(properties);

        Throwable thrown = catchThrowable(() ->
                Transport.send(message(session, "carol@example.test", "x"), "bob@example.test", "secret"));
        assertThat(thrown).isInstanceOf(AuthenticationFailedException.class);
        assertThat(thrown.getMessage()).contains("535 5.7.8 Authentication credentials invalid");

        Transport.send(message(session, "carol@example.test", "from alice"), "alice@example.test", "secret");
        assertThat(server.messages()).hasSize(1);
        assertThat(server.messages().get(0).envelope().authenticatedUser()).contains("alice@example.test");
    }

    @Test
    void capabilityRulesChangeWhatAngusSees() throws Exception {
        start(builder()).faults().smtp(Trigger.capabilities()).hide("PIPELINING", "AUTH PLAIN");
        server.faults().smtp(Trigger.capabilities()).advertise("SIZE 1000");
        try (SMTPTransport transport = (SMTPTransport) session().getTransport("smtp")) {
            transport.connect();
            assertThat(transport.supportsExtension("PIPELINING")).isFalse();
            assertThat(transport.supportsExtension("8BITMIME")).isTrue();
            assertThat(transport.getExtensionParameter("SIZE")).isEqualTo("1000");
            assertThat(transport.getExtensionParameter("AUTH")).isEqualTo("LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
        }
    }
}
