package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.fault.FaultHandle;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/faults} over real HTTP, and the rules it adds changing what a real SMTP client gets. */
class FaultsApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox(builder -> builder.faultSeed(-2711141144497245059L));

    @Test
    void ruleAddedInJsonChangesTheSmtpReplyAndShowsItsHits() throws Exception {
        HttpResponse<String> added = postJson("""
                {"protocol":"smtp","trigger":{"type":"command","verb":"RCPT","match":"bob@*"},
                 "effect":{"type":"reply","code":451,"status":"4.3.0","text":"Try again later"},
                 "budget":{"type":"times","count":1}}""");

        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode rule = Http.parse(added.body()).get("added").get(0);
        assertThat(rule.get("text").asText()).isEqualTo("smtp RCPT bob@* -> reply 451 4.3.0 \"Try again later\" times 1");
        assertThat(rcptReply("bob@example.test")).isEqualTo("451 4.3.0 Try again later");
        assertThat(rcptReply("bob@example.test")).isEqualTo("250 2.1.5 Ok");

        JsonNode plan = inbox.http().json("api/faults");
        assertThat(plan.get("seed").isTextual()).as("a string, which JavaScript cannot round").isTrue();
        assertThat(plan.get("seed").asText()).isEqualTo("-2711141144497245059");
        assertThat(plan.get("rules").get(0).get("hits").asLong()).isEqualTo(1);
        assertThat(plan.get("rules").get(0).get("occurrences").asLong()).isEqualTo(2);
        assertThat(plan.get("rules").get(0).get("rule").get("effect").get("code").asInt()).isEqualTo(451);
    }

    @Test
    void textFormAndArraysAddRulesAndDeleteRemovesThem() {
        assertThat(postJson("{\"text\": \"smtp connect -> delay 10ms; pop3 RETR -> throttle 2000\"}").statusCode())
                .isEqualTo(201);
        assertThat(postJson("[{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"data-end\"},"
                + "\"effect\":{\"type\":\"disconnect\"}}]").statusCode()).isEqualTo(201);
        assertThat(inbox.mail().faults().rules()).extracting(handle -> handle.rule().toText())
                .containsExactly("smtp connect -> delay 10ms", "pop3 RETR -> throttle 2000", "smtp data-end -> disconnect");

        long first = inbox.mail().faults().rules().get(0).id();
        assertThat(inbox.http().send(deleteRequest("api/faults/" + first)).statusCode()).isEqualTo(204);
        assertThat(inbox.http().send(deleteRequest("api/faults/" + first)).statusCode()).isEqualTo(404);
        assertThat(inbox.mail().faults().rules()).hasSize(2);
        assertThat(inbox.http().send(deleteRequest("api/faults")).statusCode()).isEqualTo(204);
        assertThat(inbox.mail().faults().rules()).isEmpty();
    }

    @Test
    void malformedRulesGetA400NamingTheProblemAndAddNothing() {
        HttpResponse<String> unknownEffect = postJson("{\"text\": \"smtp rcpt * -> replay 451\"}");
        assertThat(unknownEffect.statusCode()).isEqualTo(400);
        assertThat(Http.error(unknownEffect)).contains("unknown effect 'replay'");

        HttpResponse<String> badField = postJson("{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"connect\"},"
                + "\"effect\":{\"type\":\"reply\",\"code\":\"451\",\"text\":\"x\"}}");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(Http.error(badField)).isEqualTo("fault rule JSON: effect.code: expected a number, was \"451\"");

        HttpResponse<String> halfGood = postJson("[{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"connect\"},"
                + "\"effect\":{\"type\":\"disconnect\"}}, {\"protocol\":\"smtp\"}]");
        assertThat(halfGood.statusCode()).isEqualTo(400);
        assertThat(postJson("{not json").statusCode()).isEqualTo(400);
        assertThat(inbox.mail().faults().rules()).isEmpty();
    }

    @Test
    void hitsAndRuleChangesArriveAsServerSentEvents() throws Exception {
        try (EventStream events = new EventStream(inbox.web().uri())) {
            events.next("ready", Duration.ofSeconds(10));
            FaultHandle rule = inbox.mail().faults().smtp(dev.fakemail.fault.Trigger.rcptTo("*"))
                    .reply(550, "5.1.1", "No such user here");
            rcptReply("carol@example.test");

            JsonNode hit = events.next("fault", Duration.ofSeconds(10)).data();
            assertThat(hit.get("ruleId").asLong()).isEqualTo(rule.id());
            assertThat(hit.get("protocol").asText()).isEqualTo("smtp");
            assertThat(hit.get("description").asText()).isEqualTo("smtp RCPT -> reply 550 5.1.1 \"No such user here\"");

            inbox.http().send(deleteRequest("api/faults/" + rule.id()));
            events.next("faults", Duration.ofSeconds(10));
        }
    }

    private HttpResponse<String> postJson(String body) {
        return inbox.http().send(inbox.http().request("api/faults").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest deleteRequest(String path) {
        return inbox.http().request(path).DELETE().build();
    }

    private String rcptReply(String recipient) throws Exception {
        return RawSmtp.rcptReply(inbox.mail().smtp(), recipient);
    }
}
