package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Isolated inboxes over the JSON API: create, route, read, wait, faults, delete, and the refusals. */
@Timeout(60)
class InboxesApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void anInboxCreatedOverHttpGetsOnlyItsMailAndEveryRouteActsOnItWithTheInboxParameter() throws Exception {
        HttpResponse<String> created = inbox.http().post("/api/inboxes", "{\"tag\":\"job42\",\"idleTimeout\":\"10m\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode job = Http.parse(created.body());
        assertThat(job.get("id").asText()).isEqualTo("job42");
        assertThat(job.get("route").asText()).isEqualTo("tag");
        assertThat(job.get("idleTimeout").asText()).isEqualTo("PT10M");
        assertThat(job.get("howToReach").asText()).contains("bob+job42@example.test");
        assertThat(job.get("mailboxLogin").asText()).isEqualTo("job42/<user>");

        send("bob+job42@example.test", "for the job");
        send("alice@example.test", "for the rest");

        assertThat(subjects(inbox.http().json("/api/messages?inbox=job42"))).containsExactly("for the job");
        assertThat(subjects(inbox.http().json("/api/messages"))).containsExactly("for the rest");
        assertThat(subjects(inbox.http().json("/api/messages?inbox=default"))).containsExactly("for the rest");
        assertThat(inbox.http().json("/api/sessions?inbox=job42").get("sessions")).hasSize(1);
        assertThat(inbox.http().json("/api/inboxes/job42").get("messages").asInt()).isEqualTo(1);
        assertThat(inbox.http().json("/api/inboxes").get("inboxes")).hasSize(1);
    }

    @Test
    void aWaitOnAnInboxReturnsWhenItsMailArrivesAndNotForOtherMail() throws Exception {
        inbox.http().post("/api/inboxes", "{\"recipientDomain\":\"ci.test\",\"id\":\"ci\"}");
        CompletableFuture<HttpResponse<String>> waiting = inbox.http().client().sendAsync(
                inbox.http().request("/api/wait?inbox=ci&timeout=20s").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        send("bob@example.test", "not this one");
        send("bob@ci.test", "this one");

        JsonNode result = Http.parse(waiting.get().body());
        assertThat(result.get("messages")).hasSize(1);
        assertThat(result.get("messages").get(0).get("subject").asText()).isEqualTo("this one");
    }

    @Test
    void faultRulesAddedForAnInboxFireOnlyOnItsSessions() throws Exception {
        inbox.http().post("/api/inboxes", "{\"tag\":\"faulty\"}");
        HttpResponse<String> added = inbox.http().post("/api/faults?inbox=faulty",
                "{\"text\":\"smtp rcpt * -> reply 451 4.3.0 \\\"inbox fault\\\"\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        Endpoint smtp = inbox.mail().smtp();

        assertThat(RawSmtp.rcptReply(smtp, "bob@example.test")).startsWith("250");
        assertThat(RawSmtp.rcptReply(smtp, "bob+faulty@example.test")).startsWith("451 4.3.0 inbox fault");

        assertThat(inbox.http().json("/api/faults?inbox=faulty").get("rules").get(0).get("hits").asInt()).isEqualTo(1);
        assertThat(inbox.http().json("/api/faults").get("rules")).isEmpty();
    }

    @Test
    void deletingAnInboxDropsItsMailAndLaterRequestsNamingItAreNotFound() throws Exception {
        inbox.http().post("/api/inboxes", "{\"header\":{\"name\":\"X-Run\",\"value\":\"7\"},\"id\":\"run7\"}");
        inbox.http().json("/api/messages?inbox=run7");
        assertThat(inbox.http().delete("/api/inboxes/run7").statusCode()).isEqualTo(204);

        HttpResponse<String> gone = inbox.http().get("/api/messages?inbox=run7");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.error(gone)).startsWith("no inbox with id run7");
        assertThat(inbox.http().delete("/api/inboxes/run7").statusCode()).isEqualTo(404);
        assertThat(inbox.http().get("/api/inboxes/run7").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                  | 400 give exactly one route: recipientDomain, tag, login or header
            {"tag":"a","login":"b"}             | 400 give exactly one route: recipientDomain, tag, login or header
            {"tag":7}                           | 400 tag must be a string
            """)
    void badRequestsAreRefusedWithTheReason(String json, String refusal) {
        assertThat(refusal(json)).isEqualTo(refusal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"tag":"a","colour":"red"}          | 400 unknown field 'colour'
            {"tag":"a","id":"../x"}             | 400 an inbox id is 1 to 64
            {"tag":"a","idleTimeout":"soon"}    | 400 idleTimeout:
            [1,2                                | 400 inbox JSON:
            {"header":{"name":"X-A"}}           | 400 header:
            """)
    void badRequestsAreRefusedWithAReasonThatStartsSo(String json, String refusal) {
        assertThat(refusal(json)).startsWith(refusal);
    }

    @Test
    void aTakenRouteOrIdIsAConflict() {
        assertThat(inbox.http().post("/api/inboxes", "{\"tag\":\"a\"}").statusCode()).isEqualTo(201);
        assertThat(refusal("{\"tag\":\"A\"}")).isEqualTo("409 inbox a already routes by tag a");
        assertThat(refusal("{\"login\":\"x\",\"id\":\"a\"}")).isEqualTo("409 inbox id already taken: a");
    }

    private String refusal(String json) {
        HttpResponse<String> response = inbox.http().post("/api/inboxes", json);
        return response.statusCode() + " " + Http.error(response);
    }

    private void send(String to, String subject) throws Exception {
        Endpoint smtp = inbox.mail().smtp();
        RawSmtp.send(smtp.host(), smtp.port(), "app@example.test", to,
                "From: app@example.test\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n");
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(message -> subjects.add(message.get("subject").asText()));
        return subjects;
    }
}
