package dev.fakemail.spring;

import static dev.fakemail.junit.ExpectedMail.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.MailAssertions;
import dev.fakemail.web.WebInbox;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** webInbox = true: the web inbox runs beside the context's server, shows its mail, and is a bean. */
@SpringBootTest(classes = MailApplication.class)
@AutoConfigureFakeMail(webInbox = true)
class WebInboxTest {
    @Autowired
    WebInbox inbox;

    @Autowired
    FakeMailServer mail;

    @Autowired
    MailApplication.WelcomeMailer mailer;

    @Test
    void theWebInboxShowsTheServersMail() throws IOException, InterruptedException {
        mailer.welcome("web@example.test");
        MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("web@example.test"));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(inbox.uri().resolve("/api/messages"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("web@example.test");
        assertThat(inbox.uri().getHost()).isEqualTo("127.0.0.1");
    }
}
