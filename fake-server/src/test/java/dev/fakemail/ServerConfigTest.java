package dev.fakemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void idleTimeoutsFollowEachProtocolsRfcUnlessConfigured() {
        ServerConfig defaults = FakeMailServer.builder().build().config();
        assertThat(defaults.smtpIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.pop3IdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        ServerConfig configured = FakeMailServer.builder().idleTimeout(Duration.ofSeconds(3)).build().config();
        assertThat(configured.smtpIdleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(configured.pop3IdleTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void defaultsSuitTests() {
        ServerConfig config = FakeMailServer.builder().build().config();
        assertThat(config.bindAddress().isLoopbackAddress()).isTrue();
        assertThat(config.smtpPort()).isZero();
        assertThat(config.pop3Port()).isZero();
        assertThat(config.smtpsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.pop3sPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.hasFixedUsers()).isFalse();
        assertThat(config.maxMessageSize()).isEqualTo(ServerConfig.DEFAULT_MAX_MESSAGE_SIZE);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> FakeMailServer.builder().smtpPort(70000))
                .hasMessage("smtpPort must be 0..65535 or OFF (-1), got 70000");
        assertThatThrownBy(() -> FakeMailServer.builder().maxLineLength(100))
                .hasMessageContaining("maxLineLength must be at least 512");
        assertThatThrownBy(() -> FakeMailServer.builder().bindAddress("no such host.invalid"))
                .hasMessageContaining("bind address 'no such host.invalid'");
        assertThatThrownBy(() -> FakeMailServer.builder().hostname("bad host\r\nX: y"))
                .hasMessageContaining("hostname must be a plain host name");
    }
}
