package dev.fakemail.standalone;

import static dev.fakemail.standalone.ParseOptions.assertRefused;
import static dev.fakemail.standalone.ParseOptions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.ProtocolName;
import dev.fakemail.ServerConfig;
import dev.fakemail.store.Retention;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandaloneOptionsTest {
    private static ServerConfig config(StandaloneOptions options) {
        return options.serverBuilder().build().config();
    }

    @Test
    void defaultsListenOnLoopbackOnTheUsualPorts() throws Exception {
        StandaloneOptions options = parse();
        ServerConfig config = config(options);

        assertThat(options.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(config.smtpPort()).isEqualTo(1025);
        assertThat(config.smtpsPort()).isEqualTo(1465);
        assertThat(config.pop3Port()).isEqualTo(1110);
        assertThat(config.pop3sPort()).isEqualTo(1995);
        assertThat(options.port(ProtocolName.POP3)).isEqualTo(StandaloneOptions.DEFAULT_POP3_PORT);
        assertThat(options.port(ProtocolName.POP3S)).isEqualTo(StandaloneOptions.DEFAULT_POP3S_PORT);
        assertThat(config.imapPort()).isEqualTo(1143);
        assertThat(config.imapsPort()).isEqualTo(1993);
        assertThat(options.webPort()).isEqualTo(8025);
        assertThat(config.hostname()).isEqualTo("localhost");
        assertThat(config.hasFixedUsers()).isFalse();
        assertThat(config.maxMessageSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(config.requireTls()).isFalse();
        assertThat(config.requireAuth()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.version()).isFalse();
    }

    @Test
    void flagsSetEverySetting() throws Exception {
        StandaloneOptions options = parse("--bind", "0.0.0.0", "--smtp-port", "2525", "--smtps-port=0",
                "--pop3-port", "2110", "--pop3s-port=off", "--web-port", "off", "--users", "alice:secret, bob:pa:ss",
                "--hostname", "mail.example.test", "--max-message-size", "10M", "--require-tls", "--require-auth");
        ServerConfig config = config(options);

        assertThat(config.bindAddress().isAnyLocalAddress()).isTrue();
        assertThat(config.smtpPort()).isEqualTo(2525);
        assertThat(config.smtpsPort()).isZero();
        assertThat(config.pop3Port()).isEqualTo(2110);
        assertThat(config.pop3sPort()).isEqualTo(ServerConfig.OFF);
        assertThat(options.webPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.users()).containsExactlyInAnyOrderEntriesOf(Map.of("alice", "secret", "bob", "pa:ss"));
        assertThat(config.hostname()).isEqualTo("mail.example.test");
        assertThat(config.maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.requireTls()).isTrue();
        assertThat(config.requireAuth()).isTrue();
    }

    @Test
    void environmentVariablesSetEverySetting() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of(), Map.of(
                "FAKEMAIL_BIND", "::1", "FAKEMAIL_SMTP_PORT", "off", "FAKEMAIL_SMTPS_PORT", "2465",
                "FAKEMAIL_WEB_PORT", "0", "FAKEMAIL_USERS", "carol:pw", "FAKEMAIL_HOSTNAME", "mx.example.test",
                "FAKEMAIL_MAX_MESSAGE_SIZE", "512k", "FAKEMAIL_REQUIRE_TLS", "yes", "FAKEMAIL_REQUIRE_AUTH", "1"));
        ServerConfig config = config(options);

        assertThat(options.bind()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(config.smtpPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.smtpsPort()).isEqualTo(2465);
        assertThat(options.webPort()).isZero();
        assertThat(config.users()).isEqualTo(Map.of("carol", "pw"));
        assertThat(config.hostname()).isEqualTo("mx.example.test");
        assertThat(config.maxMessageSize()).isEqualTo(512 * 1024);
        assertThat(config.requireTls()).isTrue();
        assertThat(config.requireAuth()).isTrue();
    }

    @Test
    void connectionLimitsComeFromFlagsAndVariables() throws Exception {
        assertThat(config(parse()).maxConnections()).isEqualTo(1000);
        assertThat(config(parse()).maxConnectionsPerClient()).isEqualTo(200);
        ServerConfig flags = config(parse("--max-connections", "300", "--max-connections-per-client=30"));
        assertThat(flags.maxConnections()).isEqualTo(300);
        assertThat(flags.maxConnectionsPerClient()).isEqualTo(30);
        ServerConfig env = config(StandaloneOptions.parse(List.of(),
                Map.of("FAKEMAIL_MAX_CONNECTIONS", "50", "FAKEMAIL_MAX_CONNECTIONS_PER_CLIENT", "5")));
        assertThat(env.maxConnections()).isEqualTo(50);
        assertThat(env.maxConnectionsPerClient()).isEqualTo(5);
    }

    @Test
    void retentionIsBoundedByDefaultAndConfigurable() throws Exception {
        assertThat(config(parse()).retention()).isEqualTo(new Retention(5_000, null));
        assertThat(config(parse("--max-messages", "200", "--max-age", "30m")).retention())
                .isEqualTo(new Retention(200, Duration.ofMinutes(30)));
        assertThat(config(parse("--max-messages=unlimited", "--max-age=7d")).retention())
                .isEqualTo(new Retention(Integer.MAX_VALUE, Duration.ofDays(7)));
        StandaloneOptions fromEnv = StandaloneOptions.parse(List.of(),
                Map.of("FAKEMAIL_MAX_MESSAGES", "10", "FAKEMAIL_MAX_AGE", "90s"));
        assertThat(config(fromEnv).retention()).isEqualTo(new Retention(10, Duration.ofSeconds(90)));
    }

    @Test
    void imapQuotaIsOffByDefaultAndTakesSizeAndMessages() throws Exception {
        assertThat(config(parse()).imapQuotaStorage()).isEqualTo(Long.MAX_VALUE);
        assertThat(config(parse()).imapQuotaMessages()).isEqualTo(Long.MAX_VALUE);
        ServerConfig both = config(parse("--imap-quota", "10M,500"));
        assertThat(both.imapQuotaStorage()).isEqualTo(10L * 1024 * 1024);
        assertThat(both.imapQuotaMessages()).isEqualTo(500);
        ServerConfig storageOnly = config(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_IMAP_QUOTA", "512K")));
        assertThat(storageOnly.imapQuotaStorage()).isEqualTo(512L * 1024);
        assertThat(storageOnly.imapQuotaMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(config(parse("--imap-quota=off")).imapQuotaStorage()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void imapRev2IsAdvertisedUnlessSwitchedOff() throws Exception {
        assertThat(config(parse()).imapRev2()).isTrue();
        assertThat(config(parse("--imap-rev2", "false")).imapRev2()).isFalse();
        assertThat(config(parse("--imap-rev2=true")).imapRev2()).isTrue();
        assertThat(config(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_IMAP_REV2", "false"))).imapRev2())
                .isFalse();
    }

    @Test
    void dnsIsOffByDefaultAndServesTheZoneFileWhenAPortIsGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(config(parse()).dnsPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config(parse()).zone()).isEmpty();
        java.nio.file.Path zoneFile = dir.resolve("shop.zone");
        java.nio.file.Files.writeString(zoneFile, "$ORIGIN shop.test.\n@ 300 IN MX 10 mx\nmx 300 IN A 127.0.0.1\n");
        ServerConfig config = config(parse("--dns-port", "0", "--dns-zone", zoneFile.toString()));
        assertThat(config.dnsPort()).isZero();
        assertThat(config.zone().orElseThrow().records()).hasSize(2);
        assertThat(config(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_DNS_PORT", "1053"))).dnsPort())
                .isEqualTo(1053);
        assertThatThrownBy(() -> parse("--dns-zone", dir.resolve("missing.zone").toString()))
                .hasMessageStartingWith("--dns-zone: cannot read zone file ");
        java.nio.file.Files.writeString(zoneFile, "x IN A not-an-address\n");
        assertThatThrownBy(() -> parse("--dns-zone", zoneFile.toString()))
                .hasMessageStartingWith("--dns-zone: zone file " + zoneFile);
    }

    @Test
    void isolatedInboxesExpireAfterThirtyIdleMinutesByDefaultOrTheGivenTime() throws Exception {
        assertThat(config(parse()).inboxIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config(parse("--inbox-idle-timeout", "2h")).inboxIdleTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(config(StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_INBOX_IDLE_TIMEOUT", "90s")))
                .inboxIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    /** Refusals worded in full: of flags, or of one environment variable given as NAME=value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--max-connections 0      | --max-connections: '0' is not a positive number of connections",
            "FAKEMAIL_MAX_CONNECTIONS_PER_CLIENT=many | FAKEMAIL_MAX_CONNECTIONS_PER_CLIENT: 'many' is not a positive "
                    + "number of connections",
            "--max-messages 0         | --max-messages: '0' is not a positive number of messages (or unlimited)",
            "FAKEMAIL_MAX_AGE=soon    | FAKEMAIL_MAX_AGE: 'soon' is not a duration like 90s, 30m, 12h or 7d (or off)",
            "--imap-quota 10M,lots    | --imap-quota: '10M,lots' is not a quota like 100M or 100M,5000 (octets, "
                    + "suffix K, M or G, and messages) or off",
            "--imap-rev2 maybe        | --imap-rev2: 'maybe' is not true or false",
            "--dns-port 1025          | --dns-port: port 1025 is already taken by --smtp-port",
            "--inbox-idle-timeout off | --inbox-idle-timeout: 'off' is not a duration like 90s, 30m or 12h (an inbox "
                    + "idle timeout cannot be off)",
    })
    void refusalsAreWordedInFull(String given, String message) {
        String[] env = given.split("=", 2);
        assertThatThrownBy(() -> {
            if (given.startsWith("--")) {
                parse(given.split(" "));
            } else {
                StandaloneOptions.parse(List.of(), Map.of(env[0], env[1]));
            }
        }).hasMessage(message);
    }

    @Test
    void environmentVariablesSetThePop3Ports() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of(),
                Map.of("FAKEMAIL_POP3_PORT", "off", "FAKEMAIL_POP3S_PORT", "2995"));

        assertThat(config(options).pop3Port()).isEqualTo(ServerConfig.OFF);
        assertThat(config(options).pop3sPort()).isEqualTo(2995);
        assertThat(options.port(ProtocolName.POP3)).isEqualTo(ServerConfig.OFF);
        assertThat(options.port(ProtocolName.POP3S)).isEqualTo(2995);

        options = StandaloneOptions.parse(List.of(), Map.of("FAKEMAIL_POP3_PORT", "0", "FAKEMAIL_POP3S_PORT", "Off"));
        assertThat(config(options).pop3Port()).isZero();
        assertThat(config(options).pop3sPort()).isEqualTo(ServerConfig.OFF);
    }

    @Test
    void pop3FlagsWinOverTheirEnvironmentVariables() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of("--pop3-port", "3110", "--pop3s-port=0"),
                Map.of("FAKEMAIL_POP3_PORT", "4110", "FAKEMAIL_POP3S_PORT", "off"));

        assertThat(config(options).pop3Port()).isEqualTo(3110);
        assertThat(config(options).pop3sPort()).isZero();
    }

    @Test
    void flagsWinOverEnvironmentVariables() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of("--smtp-port", "3025", "--require-tls=false"),
                Map.of("FAKEMAIL_SMTP_PORT", "4025", "FAKEMAIL_REQUIRE_TLS", "true", "FAKEMAIL_WEB_PORT", "9025"));

        assertThat(config(options).smtpPort()).isEqualTo(3025);
        assertThat(config(options).requireTls()).isFalse();
        assertThat(options.webPort()).isEqualTo(9025);
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of(),
                Map.of("FAKEMAIL_USERS", "", "FAKEMAIL_SMTP_PORT", "  ", "UNRELATED", "x"));

        assertThat(config(options).hasFixedUsers()).isFalse();
        assertThat(config(options).smtpPort()).isEqualTo(1025);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--smtp-port nonsense        | --smtp-port: 'nonsense' is not a port (0..65535, 0 for a free port, or off)",
            "--smtps-port=65536          | --smtps-port: '65536' is not a port",
            "--web-port -1               | --web-port: '-1' is not a port",
            "--pop3-port nonsense        | --pop3-port: 'nonsense' is not a port (0..65535, 0 for a free port, or off)",
            "--pop3-port 1e3             | --pop3-port: '1e3' is not a port",
            "--pop3s-port=65536          | --pop3s-port: '65536' is not a port",
            "--pop3s-port=               | --pop3s-port: '' is not a port",
            "--bind 999.1.1.1            | --bind: '999.1.1.1' is not an IP address or a known host name",
            "--users alice               | --users: entry 'alice' is not USER:PASSWORD",
            "--users alice:              | --users: entry 'alice:' is not USER:PASSWORD",
            "--users :pw                 | --users: entry ':pw' is not USER:PASSWORD",
            "--users a:1,a:2             | --users: user 'a' is listed twice",
            "--hostname bad/name         | --hostname: 'bad/name' is not a plain host name",
            "--max-message-size 0        | --max-message-size: '0' is not a positive size",
            "--max-message-size 9999999999999G | --max-message-size: '9999999999999G' is not a positive size",
            "--max-message-size lots     | --max-message-size: 'lots' is not a positive size",
            "--require-tls=maybe         | --require-tls: 'maybe' is not true or false",
            "--smtp-port                 | --smtp-port needs a value (N|off)",
            "--pop3-port                 | --pop3-port needs a value (N|off)",
            "--pop3s-port --pop3-port 0  | --pop3s-port needs a value (N|off)",
            "--pop3-ports 1              | unknown option '--pop3-ports' (see --help)",
            "--users --require-tls       | --users needs a value (USER:PASSWORD,...)",
            "--smtp-ports 1              | unknown option '--smtp-ports' (see --help)",
            "-p 1                        | unknown option '-p' (see --help)",
            "1025                        | unexpected argument '1025'",
            "--smtp-port 2000 --web-port 2000 | --web-port: port 2000 is already taken by --smtp-port",
            "--pop3-port 2000 --smtp-port 2000 | --pop3-port: port 2000 is already taken by --smtp-port",
            "--pop3s-port 3000 --pop3-port 3000 | --pop3s-port: port 3000 is already taken by --pop3-port",
            "--web-port 1995             | --web-port: port 1995 is already taken by --pop3s-port",
            "--smtps-port 1110           | --pop3-port: port 1110 is already taken by --smtps-port",
    })
    void badFlagsAreReportedByName(String args, String message) {
        assertRefused(args, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAKEMAIL_SMTP_PORT   | nonsense | FAKEMAIL_SMTP_PORT: 'nonsense' is not a port",
            "FAKEMAIL_POP3_PORT   | pop      | FAKEMAIL_POP3_PORT: 'pop' is not a port",
            "FAKEMAIL_POP3S_PORT  | 99999    | FAKEMAIL_POP3S_PORT: '99999' is not a port",
            "FAKEMAIL_POP3_PORT   | 1025     | FAKEMAIL_POP3_PORT: port 1025 is already taken by --smtp-port",
            "FAKEMAIL_BIND        | [nope    | FAKEMAIL_BIND: '[nope' is not an IP address",
            "FAKEMAIL_REQUIRE_AUTH| sure     | FAKEMAIL_REQUIRE_AUTH: 'sure' is not true or false",
            "FAKEMAIL_USERS       | x        | FAKEMAIL_USERS: entry 'x' is not USER:PASSWORD",
    })
    void badEnvironmentVariablesAreReportedByName(String name, String value, String message) {
        assertThatThrownBy(() -> StandaloneOptions.parse(List.of(), Map.of(name.strip(), value.strip())))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void aFlagFixesABadEnvironmentVariable() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(List.of("--smtp-port", "0"),
                Map.of("FAKEMAIL_SMTP_PORT", "nonsense"));

        assertThat(config(options).smtpPort()).isZero();
    }

    @Test
    void zeroPortsMayRepeatAndOffIsCaseInsensitive() throws Exception {
        StandaloneOptions options = parse("--smtp-port", "0", "--smtps-port", "0", "--pop3-port", "0",
                "--pop3s-port", "0", "--imap-port", "off", "--imaps-port", "off", "--web-port", "OFF");

        assertThat(config(options).smtpPort()).isZero();
        assertThat(config(options).smtpsPort()).isZero();
        assertThat(config(options).pop3Port()).isZero();
        assertThat(config(options).pop3sPort()).isZero();
        assertThat(options.webPort()).isEqualTo(ServerConfig.OFF);
    }

    @Test
    void helpAndVersionSkipValidation() throws Exception {
        assertThat(StandaloneOptions.parse(List.of("--help"), Map.of("FAKEMAIL_SMTP_PORT", "x")).help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
        assertThat(parse("--version").version()).isTrue();
    }

    @Test
    void usageNamesEveryFlagVariableAndDefault() {
        String usage = StandaloneOptions.usage();

        for (Setting setting : Setting.values()) {
            assertThat(usage).contains(setting.flag(), setting.env(), "default " + setting.defaultValue());
        }
        assertThat(usage).contains("--help", "--version", "--smtp-port N|off", "env FAKEMAIL_SMTP_PORT, default 1025",
                "--pop3-port N|off", "env FAKEMAIL_POP3_PORT, default 1110",
                "--pop3s-port N|off", "env FAKEMAIL_POP3S_PORT, default 1995", "POP3");
    }

    @Test
    void toStringShowsUsersButNeverPasswords() throws Exception {
        assertThat(parse("--users", "alice:topsecret").toString()).contains("alice").doesNotContain("topsecret");
        assertThat(parse("--pop3-port", "off").toString()).contains("pop3=-1", "pop3s=1995");
    }
}
