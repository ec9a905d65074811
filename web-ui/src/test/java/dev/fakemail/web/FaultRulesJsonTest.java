package dev.fakemail.web;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.fault.Budget;
import dev.fakemail.fault.DelayDistribution;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import dev.fakemail.web.internal.FaultJsonText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON form of fault rules (moved from fake-server's FaultJsonTest with the codec). */
class FaultRulesJsonTest {
    private static final String CONNECT = "\"protocol\":\"smtp\",\"trigger\":{\"type\":\"connect\"}";
    /** One line of JSON, as the codec writes it (each backslash joins two lines). */
    private static final String RCPT_EXAMPLE = """
            {"protocol":"smtp",\
            "trigger":{"type":"command","verb":"RCPT","match":"bob@*"},\
            "effect":{"type":"reply","code":451,"status":"4.3.0","text":"Try again later","disconnect":false},\
            "budget":{"type":"times","count":1},\
            "scope":{"type":"server"}}""";

    static List<FaultRule> allRules() {
        return dev.fakemail.testing.FaultRuleSamples.allRules();
    }

    @ParameterizedTest
    @MethodSource("allRules")
    void rulesReadBackEqual(FaultRule rule) {
        String json = FaultRulesJson.format(rule);
        assertThat(FaultRulesJson.parse(json)).as(json).isEqualTo(rule);
        assertThat(FaultRulesJson.fromTree(FaultRulesJson.toTree(rule))).isEqualTo(rule);
        assertThat(FaultRulesJson.format(FaultRulesJson.parse(json))).isEqualTo(json);
        String text = rule.toText();
        assertThat(FaultRulesJson.parse(FaultRulesJson.format(FaultRule.parse(text))).toText()).isEqualTo(text);
    }

    @Test
    void readsAndWritesTheDocumentedExample() {
        FaultRule rule = new FaultRule(Protocol.SMTP, Trigger.rcptTo("bob@*"),
                new Effect.Reply(451, "4.3.0", "Try again later", false), Budget.times(1), Scope.server());
        assertThat(FaultRulesJson.parse(RCPT_EXAMPLE)).isEqualTo(rule);
        assertThat(FaultRulesJson.format(rule)).isEqualTo(RCPT_EXAMPLE);
        assertThat(FaultRulesJson.formatAll(List.of(rule))).isEqualTo("[" + RCPT_EXAMPLE + "]");
        assertThat(FaultRulesJson.parse(" \n" + RCPT_EXAMPLE + "\t")).isEqualTo(rule);
    }

    @Test
    void optionalPartsTakeTheirDefaults() {
        FaultRule rule = FaultRulesJson.parse("{\"protocol\":\"SMTP\",\"trigger\":{\"type\":\"command\",\"verb\":\"rcpt\"},"
                + "\"effect\":{\"type\":\"reply\",\"code\":451,\"text\":\"x\",\"status\":null}}");
        assertThat(rule).isEqualTo(new FaultRule(Protocol.SMTP, Trigger.rcptTo("*"),
                new Effect.Reply(451, "", "x", false)));
        assertThat(FaultRulesJson.parse("{" + CONNECT + ",\"effect\":{\"type\":\"stall\",\"closeAfter\":null}}").effect())
                .isEqualTo(new Effect.Stall(null));
        assertThat(FaultRulesJson.parse("{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"auth\"},"
                + "\"effect\":{\"type\":\"disconnect\"}}").trigger()).isEqualTo(Trigger.authentication("*", "*"));
    }

    @Test
    void durationsAreTextOrMilliseconds() {
        assertThat(effect("{\"type\":\"delay\",\"duration\":2500}"))
                .isEqualTo(new Effect.Delay(new DelayDistribution.Fixed(ofMillis(2500))));
        assertThat(effect("{\"type\":\"delay\",\"distribution\":\"uniform\",\"min\":\"PT0.2S\",\"max\":2000.0}"))
                .isEqualTo(new Effect.Delay(new DelayDistribution.Uniform(ofMillis(200), ofSeconds(2))));
        assertThat(effect("{\"type\":\"delay\",\"distribution\":\"LogNormal\",\"median\":\"1s\",\"sigma\":1}"))
                .isEqualTo(new Effect.Delay(new DelayDistribution.LogNormal(ofSeconds(1), 1)));
        assertThat(FaultRulesJson.format(new FaultRule(Protocol.SMTP, Trigger.rcptTo("*"),
                new Effect.Greylist(ofMillis(300_000))))).contains("\"window\":\"5m\"");
    }

    @Test
    void fromTreeTakesAnyKindOfNumber() {
        for (Number code : List.<Number>of(451, 451L, (short) 451, BigInteger.valueOf(451), new BigDecimal("451.00"),
                451.0, 451.0f)) {
            Map<String, Object> tree = FaultRulesJson.toTree(new FaultRule(Protocol.SMTP, Trigger.connect(),
                    new Effect.Reply(451, "", "x", false)));
            @SuppressWarnings("unchecked")
            Map<String, Object> effect = (Map<String, Object>) tree.get("effect");
            effect.put("code", code);
            assertThat(((Effect.Reply) FaultRulesJson.fromTree(tree).effect()).code()).as(code.getClass().getName())
                    .isEqualTo(451);
        }
    }

    @Test
    void toTreeIsPlainJavaValuesInOrder() {
        Map<String, Object> tree = FaultRulesJson.toTree(FaultRulesJson.parse(RCPT_EXAMPLE));
        assertThat(tree).isInstanceOf(LinkedHashMap.class).containsOnlyKeys("protocol", "trigger", "effect", "budget",
                "scope");
        assertThat(tree.get("effect")).isEqualTo(Map.of("type", "reply", "code", 451, "status", "4.3.0",
                "text", "Try again later", "disconnect", false));
        assertThat(tree.get("budget")).isEqualTo(Map.of("type", "times", "count", 1L));
        assertThat(FaultJsonText.write(tree)).isEqualTo(RCPT_EXAMPLE);
    }

    @Test
    void parseAllTakesOneObjectOrAnArray() {
        List<FaultRule> rules = allRules();
        assertThat(FaultRulesJson.parseAll(FaultRulesJson.formatAll(rules))).isEqualTo(rules);
        assertThat(FaultRulesJson.parseAll(RCPT_EXAMPLE)).containsExactly(FaultRulesJson.parse(RCPT_EXAMPLE));
        assertThat(FaultRulesJson.parseAll(" [ ] ")).isEmpty();
        assertThat(FaultRulesJson.formatAll(List.of())).isEqualTo("[]");
        assertThatThrownBy(() -> FaultRulesJson.parseAll("[" + RCPT_EXAMPLE + ",{" + CONNECT + ",\"effect\":{}}]"))
                .hasMessage("fault rule JSON: [1].effect.type is required");
        assertThatThrownBy(() -> FaultRulesJson.parseAll("[" + RCPT_EXAMPLE + ",3]"))
                .hasMessage("fault rule JSON: [1]: expected an object, was 3");
        assertThatThrownBy(() -> FaultRulesJson.parseAll("[{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"command\","
                + "\"verb\":\"MAIL\"},\"effect\":{\"type\":\"greylist\",\"window\":\"1m\"}}]"))
                .hasMessage("fault rule JSON: [0]: greylist works on the SMTP RCPT trigger (it needs the triplet)");
        assertThatThrownBy(() -> FaultRulesJson.parseAll("\"smtp connect -> reset\""))
                .hasMessage("fault rule JSON: expected an object or an array of objects, "
                        + "was \"smtp connect -> reset\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // syntax, bounded by the reader
        "'' | json at offset 0: unexpected end of input, expected a value",
        // shape
        "[] | expected an object, was an array",
        "{" + CONNECT + "} | effect is required",
        "{\"trigger\":{\"type\":\"connect\"},\"effect\":{\"type\":\"reset\"}} | protocol is required",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"budgt\":{}} | unknown field 'budgt' in the rule",
        "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"connect\",\"match\":\"x\"},\"effect\":{\"type\":\"reset\"}} "
                + "| unknown field 'match' in trigger",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"cod\":451,\"text\":\"x\"}} | unknown field 'cod' in effect",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"budget\":{\"type\":\"always\",\"count\":1}} "
                + "| unknown field 'count' in budget",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"scope\":{\"type\":\"server\",\"sessionId\":1}} "
                + "| unknown field 'sessionId' in scope",
        "{" + CONNECT + ",\"effect\":{\"type\":\"delay\",\"min\":\"1s\"}} | unknown field 'min' in effect",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"text\":\"x\"}} | effect.code is required",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":null,\"text\":\"x\"}} | effect.code is required",
        "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"command\"},\"effect\":{\"type\":\"reset\"}} "
                + "| trigger.verb is required",
        "{\"protocol\":\"smtp\",\"trigger\":{},\"effect\":{\"type\":\"reset\"}} | trigger.type is required",
        // types
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":\"451\",\"text\":\"x\"}} "
                + "| effect.code: expected a number, was \"451\"",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":451.5,\"text\":\"x\"}} "
                + "| effect.code: expected a whole number, was 451.5",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":4000000000,\"text\":\"x\"}} "
                + "| effect.code: number 4000000000 is out of range",
        "{" + CONNECT + ",\"effect\":{\"type\":\"throttle\",\"bytesPerSecond\":1e30}} "
                + "| effect.bytesPerSecond: number 1.0E30 is out of range",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":451,\"text\":7}} "
                + "| effect.text: expected a string, was 7",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":451,\"text\":\"x\",\"disconnect\":\"yes\"}} "
                + "| effect.disconnect: expected true or false, was \"yes\"",
        "{\"protocol\":5," + "\"trigger\":{\"type\":\"connect\"},\"effect\":{\"type\":\"reset\"}} "
                + "| protocol: expected a string, was 5",
        "{\"protocol\":\"smtp\",\"trigger\":\"connect\",\"effect\":{\"type\":\"reset\"}} "
                + "| trigger: expected an object, was \"connect\"",
        "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"capabilities\"},\"effect\":{\"type\":\"hide\","
                + "\"capabilities\":\"SIZE\"}} | effect.capabilities: expected an array of strings, was \"SIZE\"",
        "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"capabilities\"},\"effect\":{\"type\":\"hide\","
                + "\"capabilities\":[\"SIZE\",null]} } | effect.capabilities[1]: expected a string, was null",
        "{" + CONNECT + ",\"effect\":{\"type\":\"stall\",\"closeAfter\":true}} "
                + "| effect.closeAfter: expected a duration (\"2s\", \"PT2S\") or whole milliseconds, was true",
        "{" + CONNECT + ",\"effect\":{\"type\":\"stall\",\"closeAfter\":\"5 s\"}} "
                + "| effect.closeAfter: bad duration '5 s' (expected e.g. 250ms, 2s, 5m, 1h, 1d or PT5M)",
        "{" + CONNECT + ",\"effect\":{\"type\":\"stall\",\"closeAfter\":1.5}} "
                + "| effect.closeAfter: expected a whole number, was 1.5",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"budget\":{\"type\":\"probability\",\"probability\":\"1\"}} "
                + "| budget.probability: expected a number, was \"1\"",
        // unknown names
        "{\"protocol\":\"smtpx\",\"trigger\":{\"type\":\"connect\"},\"effect\":{\"type\":\"reset\"}} "
                + "| protocol: unknown protocol 'smtpx' (expected smtp, pop3, imap or dns)",
        "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"cmd\"},\"effect\":{\"type\":\"reset\"}} "
                + "| trigger.type: unknown trigger type 'cmd' (expected one of connect, command, after-reply, "
                + "data-line, data-end, tls, auth, capabilities, literal, literal-end, idle)",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply-disconnect\"}} | effect.type: unknown effect type "
                + "'reply-disconnect' (expected one of reply, delay, throttle, slice, stall, disconnect, reset, "
                + "disconnect-after, greylist, rate-limit, hide, advertise, untagged, expunge-elsewhere, "
                + "new-uidvalidity, quota, answer, truncate)",
        "{" + CONNECT + ",\"effect\":{\"type\":\"delay\",\"distribution\":\"normal\"}} "
                + "| effect.distribution: unknown distribution 'normal' (expected one of fixed, uniform, lognormal)",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"budget\":{\"type\":\"twice\"}} "
                + "| budget.type: unknown budget type 'twice' (expected one of always, times, occurrence, probability)",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"scope\":{\"type\":\"global\"}} "
                + "| scope.type: unknown scope type 'global' (expected one of server, session, next-connection)",
        // the records' own validation
        "{" + CONNECT + ",\"effect\":{\"type\":\"reply\",\"code\":700,\"text\":\"x\"}} "
                + "| effect: reply code must be 200..599, was 700",
        "{" + CONNECT + ",\"effect\":{\"type\":\"reset\"},\"budget\":{\"type\":\"times\",\"count\":0}} "
                + "| budget: times must be at least 1, was 0",
        "{" + CONNECT + ",\"effect\":{\"type\":\"delay\",\"distribution\":\"uniform\",\"min\":\"2s\",\"max\":\"1s\"}} "
                + "| effect: max delay PT1S is below min PT2S",
        "{" + CONNECT + ",\"effect\":{\"type\":\"greylist\",\"window\":\"1m\"}} "
                + "| greylist works on the SMTP RCPT trigger (it needs the triplet)"})
    void errorsNameTheField(String json, String problem) {
        String input = json.equals("''") ? "" : json;
        assertThatThrownBy(() -> FaultRulesJson.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rule JSON: " + problem);
    }

    /** Syntax errors: the offset as before, the wording Jackson's (fake-server's hand-written reader had its own). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"protocol":"smtp" "trigger":1}       | 19 | was expecting comma to separate Object entries
            {"protocol"}                          | 11 | was expecting a colon to separate field name and value
            {"protocol":"smtp"} x                 | 21 | Unrecognized token 'x'
            {"protocol":'smtp'}                   | 12 | Unexpected character (''' (code 39)): expected a valid value
            {"protocol":"smtp","protocol":"pop3"} | 29 | Duplicate field 'protocol'
            """)
    void syntaxErrorsNameTheOffset(String json, int offset, String problem) {
        assertThatThrownBy(() -> FaultRulesJson.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault rule JSON: json at offset " + offset + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void hostileInputGetsAClearError() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertThatThrownBy(() -> FaultRulesJson.parseAll(deep))
                .hasMessageMatching("fault rule JSON: json( at offset \\d+)?: nesting deeper than 32 levels");
        String huge = "{\"protocol\":\"" + "x".repeat(70_000) + "\"}";
        assertThatThrownBy(() -> FaultRulesJson.parse(huge))
                .hasMessage("fault rule JSON: json input too large: 70015 characters (at most 65536)");
        String longValue = "{\"protocol\":\"" + "x".repeat(100) + "\"}";
        assertThatThrownBy(() -> FaultRulesJson.parse(longValue))
                .hasMessageStartingWith("fault rule JSON: protocol: unknown protocol 'xxxx");
    }

    private static Effect effect(String effectJson) {
        return FaultRulesJson.parse("{" + CONNECT + ",\"effect\":" + effectJson + "}").effect();
    }
}
