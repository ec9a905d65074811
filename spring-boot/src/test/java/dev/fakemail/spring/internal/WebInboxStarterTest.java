package dev.fakemail.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import org.junit.jupiter.api.Test;

/** fakemail-web is optional: without it, webInbox = true fails with the dependency to add. */
class WebInboxStarterTest {
    @Test
    void aMissingWebModuleIsNamedWithTheFix() {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            assertThatThrownBy(() -> WebInboxStarter.start(server, "dev.fakemail.web.NotOnThisClassPath"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("@AutoConfigureFakeMail(webInbox = true) needs the web inbox on the test class path."
                            + " Fix: add the test dependency dev.fakemail:fakemail-web, or remove webInbox = true.");
            assertThat(server.isRunning()).as("the caller stops it").isTrue();
        }
    }
}
