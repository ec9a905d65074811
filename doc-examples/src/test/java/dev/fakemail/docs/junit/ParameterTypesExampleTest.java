package dev.fakemail.docs.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.Endpoint;            // fakemail-server
import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.ProtocolName;        // SMTP, SMTPS, POP3, POP3S, IMAP, IMAPS
import dev.fakemail.junit.FakeMailTest;  // fakemail-junit
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.junit.MailEndpoint;
import dev.fakemail.junit.MailServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/junit.md, "@FakeMailTest": the parameter types and the packages the docs name for them. */
@FakeMailTest
class ParameterTypesExampleTest {
    @Test
    void everyParameterReceivesTheSameServer(FakeMailServer server, MailControl control, Endpoint smtp,
            @MailEndpoint(ProtocolName.POP3) Endpoint pop3, MailClientSettings settings) {
        assertThat(control).isSameAs(server);
        assertThat(smtp).isEqualTo(server.smtp());
        assertThat(pop3).isEqualTo(server.pop3());
        assertThat(settings.jakartaMailProperties()).containsEntry("mail.smtp.port", String.valueOf(smtp.port()));
    }

    @Nested
    class WithAServerField {
        @MailServer
        FakeMailServer mail = FakeMailServer.builder().user("shop", "secret").build();

        @Test
        void theFieldsServerIsStartedAndInjected(FakeMailServer server) {
            assertThat(server).isSameAs(mail);
            assertThat(mail.isRunning()).isTrue();
        }
    }
}
