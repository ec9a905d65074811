package dev.fakemail.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.RawSmtp;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The web inbox, found by reflection in the optional fakemail-web module (a test dependency here). */
class WebInboxLauncherTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsTheInboxOfTheServerAndStopsItOnClose() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            RawSmtp.send(mail.smtp(), "shop@example.test", "bob@example.test", "Seen in the browser");
            WebInboxLauncher.Started started = new WebInboxLauncher(WebInboxLauncher.WEB_INBOX_CLASS).start(mail);

            assertThat(started.url()).matches("http://127\\.0\\.0\\.1:\\d+/");
            HttpResponse<String> messages = get(started.url() + "api/messages");
            assertThat(messages.statusCode()).isEqualTo(200);
            assertThat(messages.body()).contains("Seen in the browser");

            started.inbox().close();
            assertThatThrownBy(() -> get(started.url() + "api/health")).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void withoutTheWebModuleTheMessageSaysWhatToAdd() {
        try (FakeMailServer mail = FakeMailServer.builder().build()) {
            assertThatThrownBy(() -> new WebInboxLauncher("dev.fakemail.web.NotThere").start(mail))
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("@FakeMailTest(webInbox = true) needs the web inbox on the test class path. Fix: add"
                            + " the test dependency dev.fakemail:fakemail-web, or remove webInbox = true.");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
