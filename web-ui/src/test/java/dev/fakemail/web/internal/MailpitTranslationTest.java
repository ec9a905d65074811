package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.fault.FaultRule;
import dev.fakemail.web.internal.MailpitJson.ChaosTrigger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure translations behind the Mailpit routes: search syntax, chaos triggers as rules, Go's path cleaning. */
class MailpitTranslationTest {
    @Test
    void searchTermsBecomeOurs() {
        assertThat(MailpitSearch.parse("from:alice !subject:\"big sale\" -is:read has:attachments", null).query())
                .hasToString("from:\"alice\" -subject:\"big sale\" -is:read has:attachments");
        assertThat(MailpitSearch.parse("addressed:bob larger:10kb smaller:abc", null).query())
                .hasToString("to:\"bob\" larger:10kb \"smaller:abc\"");
        assertThat(MailpitSearch.parse("unknown:field \"two words\"", null).query())
                .hasToString("\"unknown:field\" \"two words\"");
        assertThat(MailpitSearch.parse("- !", null).query()).hasToString("\"-\" \"!\""); // alone: text, as Mailpit
        assertThat(MailpitSearch.parse("tag:x", null).matchesNothing()).isTrue();
        assertThat(MailpitSearch.parse("-tag:x", null).matchesNothing()).isFalse();
        assertThatThrownBy(() -> MailpitSearch.parse("reply-to:someone", null))
                .isInstanceOf(ApiException.class).hasMessageContaining("reply-to:someone");
        assertThatThrownBy(() -> MailpitSearch.parse("a", "Not/AZone")).isInstanceOf(ApiException.class);
    }

    @Test
    void datesAreReadInTheRequestsZone() {
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        assertThat(MailpitSearch.instant("2024-05-01", auckland)).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
        assertThat(MailpitSearch.instant("2024/05/01", ZoneOffset.UTC)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(MailpitSearch.instant("2024-05-01 10:30", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
        assertThat(MailpitSearch.instant("2024-05-01T10:30:00+02:00", auckland))
                .isEqualTo(Instant.parse("2024-05-01T08:30:00Z"));
        assertThat(MailpitSearch.instant("yesterday", ZoneOffset.UTC)).isNull();
        assertThat(MailpitSearch.parse("after:2024-05-01", "Pacific/Auckland").query())
                .hasToString("after:2024-04-30T12:00:00Z");
    }

    @Test
    void chaosTriggersBecomeFaultRules() {
        assertThat(FaultRule.parse(MailpitChaos.rule(0, new ChaosTrigger(451, 5))).toText())
                .isEqualTo("smtp MAIL -> reply 451 \"Chaos sender error\" probability 0.05");
        assertThat(FaultRule.parse(MailpitChaos.rule(1, new ChaosTrigger(550, 100))).toText())
                .isEqualTo("smtp RCPT -> reply 550 \"Chaos recipient error\"");
        assertThat(FaultRule.parse(MailpitChaos.rule(2, new ChaosTrigger(535, 50))).toText())
                .isEqualTo("smtp auth -> reply 535 \"Chaos authentication error\" probability 0.5");
    }

    @ParameterizedTest
    @CsvSource({
            "//view/1.txt,            /view/1.txt",
            "/api/v1/./messages,      /api/v1/messages",
            "/view/../../api/v1/info, /api/v1/info",
            "/api//v1/,               /api/v1/",
            "//evil.example/x,        /evil.example/x"})
    void pathsAreCleanedAsGoDoes(String path, String clean) {
        assertThat(MailpitRoutes.clean(path)).isEqualTo(clean);
    }

    @Test
    void pathsAreEncodedAsGoDoes() {
        assertThat(MailpitRoutes.encoded("/view/a\r\nb é%.txt")).isEqualTo("/view/a%0D%0Ab%20%C3%A9%25.txt");
    }

    @Test
    void headerNamesAreCanonicalAsInGo() {
        assertThat(MailpitMessages.canonical("MESSAGE-ID")).isEqualTo("Message-Id");
        assertThat(MailpitMessages.canonical("content-type")).isEqualTo("Content-Type");
        assertThat(MailpitMessages.canonical("x-mailer")).isEqualTo("X-Mailer");
    }
}
