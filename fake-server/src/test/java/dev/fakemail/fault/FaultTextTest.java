package dev.fakemail.fault;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.testing.FaultRuleSamples;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTextTest {
    private static final Effect NO = new Effect.Disconnect();

    private static FaultRule rule(Trigger trigger, Effect effect) {
        return new FaultRule(Protocol.SMTP, trigger, effect);
    }

    @ParameterizedTest
    @MethodSource({"dev.fakemail.testing.FaultRuleSamples#everyKindOfRule",
        "dev.fakemail.testing.FaultRuleSamples#awkwardRules"})
    void formattedRulesReadBackEqual(FaultRule rule) {
        String text = FaultText.format(rule);
        assertThat(FaultText.parse(text)).as(text).isEqualTo(rule);
        assertThat(FaultText.format(FaultText.parse(text))).isEqualTo(text);
        assertThat(FaultText.parseAll(text + "; " + text)).containsExactly(rule, rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "smtp rcpt bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1",
        "smtp connect -> reply-disconnect 421 4.7.0 \"Too many connections\"",
        "pop3 RETR 2 -> throttle 1000",
        "smtp data-end -> disconnect probability 0.3",
        "smtp capabilities -> hide PIPELINING \"AUTH PLAIN\"",
        "smtp capabilities -> advertise \"SIZE 1000\"",
        "smtp rcpt * -> greylist 5m",
        "smtp mail * -> rate-limit 10/1m",
        "smtp * -> delay 200ms..2s",
        "smtp connect -> stall next-connection",
        "smtp auth PLAIN bob -> reply 535 5.7.8 \"Bad credentials\"",
        "pop3 after RETR 1 -> reset occurrence 2",
        "smtp data-line \"Subject: *\" -> delay lognormal 100ms 0.5",
        "smtp ehlo -> delay 3s session 12",
        "imap uid fetch 1:* -> disconnect",
        "imap after uid store -> untagged \"OK [ALERT] Disk full\"",
        "imap literal APPEND -> reply 452 OVERQUOTA \"Full\"",
        "imap literal-end append -> disconnect",
        "imap idle -> expunge-elsewhere first",
        "imap idle -> reply 421 \"Server shutting down\"",
        "imap \"IDLE\" -> reply 451 \"busy\"",
        "imap NOOP -> expunge-elsewhere 3",
        "imap select -> new-uidvalidity",
        "imap APPEND -> quota storage=1M,messages=100"})
    void examplesParseAndAreInEveryKindOfRule(String line) {
        assertThat(FaultRuleSamples.everyKindOfRule()).contains(FaultText.parse(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "smtp rcpt bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1"
                + "| smtp RCPT bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1",
        "SMTP Rcpt * -> REPLY 451 \"x\" ALWAYS SERVER | smtp RCPT -> reply 451 \"x\"",
        "smtp \"AUTH\" -> reply 504 \"no\"         | smtp \"AUTH\" -> reply 504 \"no\"",
        "smtp rcpt \"*\" -> greylist 300000ms      | smtp RCPT -> greylist 5m",
        "smtp * -> delay 90000ms                   | smtp * -> delay 90s",
        "smtp * -> delay 1500ms                    | smtp * -> delay 1500ms",
        "smtp * -> delay PT5M                      | smtp * -> delay 5m",
        "smtp * -> delay pt36h                     | smtp * -> delay 36h",
        "smtp * -> delay 48h                       | smtp * -> delay 2d",
        "smtp * -> delay 0ms..0.5s                 | ",
        "smtp * -> delay PT0S..PT0.5S              | smtp * -> delay 0s..500ms",
        "smtp auth * * -> disconnect               | smtp auth -> disconnect",
        "smtp auth plain * -> disconnect           | smtp auth PLAIN -> disconnect",
        "smtp connect -> reply 250 \"a\" \"b\"     | smtp connect -> reply 250 a \"b\"",
        "smtp connect -> disconnect session 3 times 2 | smtp connect -> disconnect times 2 session 3",
        "smtp connect -> stall 1m probability 1.0 | smtp connect -> stall 1m probability 1",
        "smtp data-line -> disconnect              | smtp data-line -> disconnect",
        "smtp connect -> delay lognormal 1s 2      | smtp connect -> delay lognormal 1s 2",
        "imap Uid Fetch \"1:*\" -> reset         | imap UID FETCH 1:* -> reset",
        "imap \"UID FETCH\" -> reset             | imap UID FETCH -> reset",
        "imap literal * -> reset                   | imap literal -> reset",
        "imap SELECT -> untagged \"* OK [ALERT] hi\" | imap SELECT -> untagged \"OK [ALERT] hi\"",
        "imap NOOP -> expunge-elsewhere ALL        | imap NOOP -> expunge-elsewhere all"})
    void formatsCanonically(String input, String canonical) {
        if (canonical == null) {
            assertThatThrownBy(() -> FaultText.parse(input)).hasMessageContaining("bad duration '0.5s'");
        } else {
            assertThat(FaultText.format(FaultText.parse(input))).isEqualTo(canonical);
        }
    }

    @Test
    void valuesThatCannotGoOnTheWireAreRefusedByTheModel() {
        assertThatThrownBy(() -> Trigger.command(" ")).hasMessageContaining("a command verb is a word");
        assertThatThrownBy(() -> new Effect.Reply(450, "4.3.0 extra", "x", false)).hasMessageContaining("one word");
        assertThatThrownBy(() -> new Effect.Reply(450, "", "tab\there", false)).hasMessageContaining("control");
        assertThatThrownBy(() -> new Effect.HideCapabilities(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Effect.HideCapabilities(List.of(" "))).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Effect.Slice(1, ofSeconds(-5))).hasMessageContaining("0..30d");
        assertThatThrownBy(() -> new Effect.Stall(Duration.ZERO)).hasMessageContaining("1ms..30d");
        assertThatThrownBy(() -> new Effect.Greylist(ofSeconds(Long.MAX_VALUE))).hasMessageContaining("1ms..30d");
        assertThatThrownBy(() -> new Effect.RateLimit(1, ofMillis(-1))).hasMessageContaining("1ms..30d");
        assertThatThrownBy(() -> Scope.session(0)).hasMessageContaining("start at 1");
    }

    @Test
    void quotedTokensAreValuesNeverKeywords() {
        assertThat(FaultText.parse("smtp \"connect\" -> disconnect").trigger()).isEqualTo(Trigger.command("CONNECT"));
        assertThat(FaultText.parse("smtp capabilities -> hide \"times\" times 2").effect())
                .isEqualTo(new Effect.HideCapabilities(List.of("times")));
        assertThat(FaultText.parse("smtp mail \"->\" -> disconnect").trigger()).isEqualTo(Trigger.mailFrom("->"));
        assertThat(FaultText.parse("smtp data-line \"a\\\"b\\\\c d\\u00e9\" -> disconnect").trigger())
                .isEqualTo(Trigger.dataLine("a\"b\\c d\u00e9"));
        assertThatThrownBy(() -> FaultText.parse("smtp data-line \"a\\tb\" -> disconnect"))
                .hasMessageContaining("without control characters");
        assertThat(FaultText.format(rule(Trigger.command("AUTH"), NO))).isEqualTo("smtp \"AUTH\" -> disconnect");
        assertThat(FaultText.format(rule(Trigger.capabilities(), new Effect.HideCapabilities(List.of("times")))))
                .isEqualTo("smtp capabilities -> hide \"times\"");
    }

    @Test
    void parseAllSkipsCommentsAndSplitsAtSemicolonsOutsideQuotes() {
        String text = """
                # greylisting, then a slow server

                smtp rcpt * -> greylist 5m
                  # indented comment; smtp connect -> reset
                smtp connect -> reply 421 "busy; try later" times 1; smtp ehlo -> delay 3s;   ; # trailing comment
                pop3 RETR 2 -> throttle 1000\r
                """;
        assertThat(FaultText.parseAll(text)).containsExactly(
                rule(Trigger.rcptTo("*"), new Effect.Greylist(ofMinutes(5))),
                rule(Trigger.connect(), new Effect.Reply(421, "", "busy; try later", false))
                        .withBudget(Budget.times(1)),
                rule(Trigger.command("EHLO"), new Effect.Delay(new DelayDistribution.Fixed(ofSeconds(3)))),
                new FaultRule(Protocol.POP3, Trigger.command("RETR", "2"), new Effect.Throttle(1000)));
        assertThat(FaultText.parseAll("")).isEmpty();
        assertThat(FaultText.parseAll("# only a comment\n\n ; ")).isEmpty();
    }

    @Test
    void parseAllNamesTheLineOfAnError() {
        assertThatThrownBy(() -> FaultText.parseAll("smtp connect -> reset\n\nsmtp connect -> reset; smtp x -> oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rule 'smtp x -> oops' (line 3): unknown effect 'oops' (expected one of reply, "
                        + "reply-disconnect, delay, throttle, slice, stall, disconnect, reset, disconnect-after, "
                        + "greylist, rate-limit, hide, advertise, untagged, expunge-elsewhere, new-uidvalidity, quota; for dns: reply <RCODE>, truncate, delay, stall, disconnect)");
        // a line break ends an open quote, so the error stays on its line
        assertThatThrownBy(() -> FaultText.parseAll("smtp connect -> reply 421 \"open\nsmtp connect -> reset"))
                .hasMessage("fault rule 'smtp connect -> reply 421 \"open' (line 1): unterminated quote '\"open'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "smtpx connect -> disconnect | unknown protocol 'smtpx' (expected smtp, pop3, imap or dns)",
        "'' | empty rule (expected <protocol> <trigger> -> <effect>)",
        "smtp connect disconnect | missing '->' between the trigger and the effect",
        "smtp connect->disconnect | missing '->' between the trigger and the effect",
        "smtp -> disconnect | missing trigger before '->'",
        "smtp connect -> | missing effect after '->'",
        "smtp data_end -> disconnect | unknown trigger 'data_end' (expected connect, tls, capabilities, data-line, "
                + "data-end, auth, after <verb>, literal, literal-end, idle, a command verb or *)",
        "smtp connect now -> disconnect | unexpected 'now' in trigger 'connect now' (quote a pattern that holds "
                + "spaces)",
        "pop3 RETR 2 3 -> reset | unexpected '3' in trigger 'RETR 2 3' (quote a pattern that holds spaces)",
        "pop3 after -> reset | missing command verb after 'after' (e.g. after RETR)",
        "smtp rcpt x -> replay 451 | unknown effect 'replay' (expected one of reply, reply-disconnect, delay, "
                + "throttle, slice, stall, disconnect, reset, disconnect-after, greylist, rate-limit, hide, advertise, "
                + "untagged, expunge-elsewhere, new-uidvalidity, quota; for dns: reply <RCODE>, truncate, delay, stall, disconnect)",
        "smtp connect -> disconnect twice | unknown budget or scope 'twice' (expected always, times <n>, "
                + "occurrence <k>, probability <p>, next-connection or session <id>; quote a value that holds spaces)",
        "smtp capabilities -> advertise SIZE 1000 | unknown budget or scope '1000' (expected always, times <n>, "
                + "occurrence <k>, probability <p>, next-connection or session <id>; quote a value that holds spaces)",
        "smtp connect -> disconnect times 1 times 2 | a second budget 'times' (one is allowed)",
        "smtp connect -> disconnect session 1 next-connection | a second scope 'next-connection' (one is allowed)",
        "smtp connect -> throttle abc | bad number 'abc' for throttle (expected a whole number)",
        "smtp connect -> reply 4x1 \"x\" | bad number '4x1' for reply code (expected a whole number)",
        "smtp connect -> slice 99999999999 1s | number '99999999999' for slice size is out of range",
        "smtp connect -> disconnect probability 1/2 | bad number '1/2' for probability (expected a decimal number "
                + "such as 0.5)",
        "smtp connect -> delay 5x | bad duration '5x' for delay (expected e.g. 250ms, 2s, 5m, 1h, 1d or PT5M)",
        "smtp connect -> delay 1.5s | bad duration '1.5s' for delay (expected e.g. 250ms, 2s, 5m, 1h, 1d or PT5M)",
        "smtp connect -> delay 1s..x | bad duration 'x' for delay maximum (expected e.g. 250ms, 2s, 5m, 1h, 1d or "
                + "PT5M)",
        "smtp connect -> delay 99999999999999999d | duration '99999999999999999d' for delay is too long",
        "smtp connect -> delay | missing delay duration after 'delay'",
        "smtp connect -> disconnect times | missing count after 'times'",
        "smtp mail * -> rate-limit 10 | bad rate '10' for rate-limit (expected <count>/<duration>, e.g. 10/1m)",
        "smtp connect -> reply 421 \"oops | unterminated quote '\"oops'",
        "smtp connect -> reply 421 \"oops\\ | unterminated quote '\"oops\\'",
        "smtp connect -> reply 451 4.3.0 Try again | the reply text must be in double quotes, was 'Try' "
                + "(e.g. reply 451 4.3.0 \"Try again later\")",
        "smtp connect -> reply 451 | missing quoted reply text after '451'",
        "smtp data-line Subject:\"x\" -> reset | stray quote in 'Subject:\"x\"' (quote the whole value: \"...\")",
        "smtp data-line \"a\"b -> reset | missing space after '\"a\"'",
        "smtp data-line \"C:\\temp\\x\" -> reset | unknown escape '\\x' in '\"C:\\temp\\x\" -> reset' "
                + "(write \\\\ for a backslash)",
        "smtp data-line \"\\u12\" -> reset | bad escape '\\u12\" ' in '\"\\u12\" -> reset' (expected four hex digits)",
        "smtp connect -> reset; smtp connect -> reset | ';' separates rules (parse them with parseAll, or quote a "
                + "value that holds ';')",
        "smtp mail * -> greylist 5m | greylist works on the SMTP RCPT trigger (it needs the triplet)",
        "smtp connect -> reply 700 \"x\" | reply code must be 200..599, was 700",
        "smtp connect -> disconnect probability 1.5 | probability must be 0..1, was 1.5",
        "smtp connect -> disconnect times 0 | times must be at least 1, was 0",
        "smtp connect -> delay 2s..1s | max delay PT1S is below min PT2S",
        "smtp connect -> hide SIZE | hide/advertise effects need the 'capabilities' trigger",
        "smtp data-line x -> reply 554 \"no\" | a reply cannot be sent at this trigger (no command is waiting for "
                + "one); use disconnect, reset, stall or delay",
        "pop3 data-end -> reset | data-line and data-end triggers exist for SMTP only",
        "smtp idle -> reset | literal, literal-end and idle triggers exist for IMAP only",
        "pop3 RETR -> untagged \"OK x\" | untagged, expunge-elsewhere, new-uidvalidity and quota effects exist for IMAP only",
        "imap connect -> new-uidvalidity | untagged, expunge-elsewhere, new-uidvalidity and quota work at a command, after "
                + "or idle trigger",
        "imap idle -> reply 451 \"no\" | while idling only a 421 reply (* BYE) can be sent; to refuse the IDLE "
                + "command use the command trigger \"IDLE\" (quoted), for other lines the untagged effect",
        "imap APPEND -> quota 5 | quota takes full, off, storage=SIZE or messages=N (both: storage=1M,messages=100), "
                + "was '5'",
        "imap NOOP -> expunge-elsewhere 0 | expunge-elsewhere takes first, last, all or a message number, was '0'",
        "imap NOOP -> untagged \"*\" | an untagged response needs text after '*'",
        "imap idle x -> reset | unexpected 'x' in trigger 'idle x' (quote a pattern that holds spaces)"})
    void errorsNameTheProblemTheTokenAndTheRule(String line, String problem) {
        String rule = line.equals("''") ? "" : line;
        assertThatThrownBy(() -> FaultText.parse(rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rule '" + rule + "': " + problem);
    }

    @Test
    void errorMessagesCutVeryLongRules() {
        String rule = "smtp connect -> oops " + "x".repeat(1000);
        assertThatThrownBy(() -> FaultText.parse(rule))
                .hasMessageStartingWith("fault rule '" + rule.substring(0, 200) + "...': unknown effect 'oops'");
    }

    @Test
    void aRuleIsOneLine() {
        assertThatThrownBy(() -> FaultText.parse("smtp connect -> reset\nsmtp connect -> reset"))
                .hasMessageEndingWith(": a rule is one line (parse several with parseAll)");
        assertThat(FaultText.parse("  smtp connect -> reset\n")).isEqualTo(rule(Trigger.connect(), new Effect.Reset()));
    }

    @Test
    void faultRuleDelegatesToTheTextForm() {
        FaultRule rule = FaultRule.parse("smtp rcpt * -> greylist 5m");
        assertThat(rule.toText()).isEqualTo("smtp RCPT -> greylist 5m");
        assertThat(rule).hasToString("smtp RCPT -> greylist 5m");
    }
}
