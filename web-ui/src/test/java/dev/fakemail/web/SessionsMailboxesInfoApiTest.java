package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session transcripts, mailboxes (as POP3 sees them) and server info, over real HTTP. */
@Timeout(60)
class SessionsMailboxesInfoApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox(builder -> builder.smtpsPort(0));

    @Test
    void sessionsListNewestFirstAndShowTheirTranscriptAndMessages() throws Exception {
        RawSmtp.send(inbox.mail().smtp().host(), inbox.mail().smtp().port(), "alice@example.test", "bob@example.test",
                "Subject: via raw smtp\n\nhi\n");
        ReceivedMessage message = inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10)).get(0);
        awaitEndedSessions(1);

        JsonNode list = inbox.http().json("/api/sessions");
        JsonNode entry = list.get("sessions").get(0);
        JsonNode detail = inbox.http().json("/api/sessions/" + entry.get("id").asLong());

        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(entry.get("protocol").asText()).isEqualTo("SMTP");
        assertThat(entry.get("client").asText()).startsWith("127.0.0.1:");
        assertThat(entry.get("ended").asBoolean()).isTrue();
        assertThat(detail.get("messageIds").toString()).isEqualTo("[" + message.id() + "]");
        JsonNode lines = detail.get("transcript");
        assertThat(lines.get(0).get("direction").asText()).isEqualTo("S");
        assertThat(lines.get(0).get("text").asText()).startsWith("220 ");
        assertThat(lines.findValuesAsText("text")).contains("MAIL FROM:<alice@example.test>");
        assertThat(lines.findValuesAsText("direction")).contains("C", "S");
        assertThat(inbox.http().json("/api/messages/" + message.id()).get("sessionId").asLong())
                .isEqualTo(entry.get("id").asLong());
    }

    @Test
    void eachSessionSaysWhatCameOfItDeliveredRefusedFaultHitUnacknowledged() throws Exception {
        inbox.mail().faults().addText("smtp rcpt nobody@* -> reply 550 5.1.1 \"No such user\"");
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(inbox.mail().smtp().host(),
                inbox.mail().smtp().port()), "client.example.test")) {
            smtp.sendMail("alice@example.test", "bob@example.test", "Subject: one\r\n\r\nhi");
            smtp.sendMail("alice@example.test", "bob@example.test", "Subject: two\r\n\r\nhi");
            smtp.expect("MAIL FROM:<alice@example.test>", "250");
            smtp.expect("RCPT TO:<nobody@example.test>", "550");
            smtp.expect("QUIT", "221");
        }
        awaitEndedSessions(1);
        inbox.mail().faults().addText("smtp data-end -> disconnect");
        RawSmtp.sendCutAfterData(inbox.mail().smtp());
        awaitEndedSessions(2);

        JsonNode sessions = inbox.http().json("/api/sessions").get("sessions");

        assertThat(sessions.get(1).get("outcome").toString())
                .isEqualTo("{\"delivered\":2,\"refusals\":1,\"faultHits\":1,\"unacknowledged\":0}");
        assertThat(sessions.get(0).get("outcome").toString())
                .isEqualTo("{\"delivered\":0,\"refusals\":0,\"faultHits\":1,\"unacknowledged\":1}");
        assertThat(inbox.http().json("/api/sessions/" + sessions.get(1).get("id").asLong()).get("session")
                .get("outcome")).isEqualTo(sessions.get(1).get("outcome"));
    }

    @Test
    void unknownSessionsAreJsonErrors() {
        HttpResponse<String> unknown = inbox.http().get("/api/sessions/77");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknown)).startsWith("no session with id 77");
        assertThat(inbox.http().get("/api/sessions/x").statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/sessions?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void mailboxesShowWhatPop3SeesLinkedToTheReceivedMessage() throws Exception {
        TestMail.message().subject("For two").to("Bob <bob@example.test>, carol@example.test").sendTo(inbox.mail());
        ReceivedMessage message = inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10)).get(0);
        String retrieved = pop3Retrieve("bob@example.test");

        JsonNode users = inbox.http().json("/api/mailboxes");
        JsonNode bobs = inbox.http().json("/api/mailbox?user=" + Http.encode("bob@example.test") + "&name=INBOX");

        assertThat(retrieved).contains("Subject: For two");
        assertThat(users.findValuesAsText("user")).containsExactly("bob@example.test", "carol@example.test");
        assertThat(users.get(0).get("mailboxes").get(0).get("name").asText()).isEqualTo("INBOX");
        assertThat(users.get(0).get("mailboxes").get(0).get("messages").asInt()).isEqualTo(1);
        JsonNode stored = bobs.get("messages").get(0);
        assertThat(stored.get("uid").asLong()).isEqualTo(1);
        assertThat(stored.get("messageId").asLong()).isEqualTo(message.id());
        assertThat(stored.get("subject").asText()).isEqualTo("For two");
        assertThat(stored.get("size").asInt()).isEqualTo(message.size());
        assertThat(bobs.get("mailbox").get("uidNext").asLong()).isEqualTo(2);
    }

    @Test
    void unknownMailboxesAndMissingUsersAreJsonErrors() {
        assertThat(inbox.http().get("/api/mailbox?user=nobody@example.test").statusCode()).isEqualTo(404);
        assertThat(Http.error(inbox.http().get("/api/mailbox?user=nobody@example.test")))
                .isEqualTo("no mailbox 'INBOX' for user 'nobody@example.test'");
        assertThat(inbox.http().get("/api/mailbox").statusCode()).isEqualTo(400);
    }

    @Test
    void infoNamesVersionPortsAndTls() {
        JsonNode info = inbox.http().json("/api/info");

        assertThat(info.get("version").asText()).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
        JsonNode endpoints = info.get("server").get("endpoints");
        assertThat(endpoints.findValuesAsText("protocol")).contains("smtp", "smtps", "pop3");
        for (JsonNode endpoint : endpoints) {
            int expected = switch (endpoint.get("protocol").asText()) {
                case "smtp" -> inbox.mail().smtp().port();
                case "smtps" -> inbox.mail().smtps().port();
                case "pop3" -> inbox.mail().pop3().port();
                default -> endpoint.get("port").asInt();
            };
            assertThat(endpoint.get("port").asInt()).isEqualTo(expected);
            assertThat(endpoint.get("tls").asText()).isEqualTo(
                    endpoint.get("protocol").asText().endsWith("s") ? "implicit" : "starttls");
        }
        assertThat(info.get("server").get("hostname").asText()).isEqualTo("localhost");
        assertThat(info.get("web").get("basicAuth").asBoolean()).isFalse();
        assertThat(info.get("web").get("loopbackOnly").asBoolean()).isTrue();
    }

    @Test
    void healthAndInfoWorkOverAnyMailControl() {
        try (WebInbox other = WebInbox.start(DelegatingControl.of(inbox.mail()))) { // not a FakeMailServer
            Http http = new Http(other);

            assertThat(http.json("/api/health").get("status").asText()).isEqualTo("ok");
            assertThat(http.json("/api/info").get("server").isNull()).isTrue(); // no ports to tell
        }
    }

    private void awaitEndedSessions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inbox.mail().transcripts().stream().filter(t -> t.isEnded()).count() < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Logs in over POP3 and retrieves message 1, as a inbox.mail() client would. */
    private String pop3Retrieve(String user) throws IOException {
        try (Socket socket = new Socket(inbox.mail().pop3().host(), inbox.mail().pop3().port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            for (String command : new String[] {"USER " + user, "PASS any"}) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("+OK");
            }
            out.write("RETR 1\r\n".getBytes(StandardCharsets.UTF_8));
            StringBuilder message = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                message.append(line).append('\n');
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
            return message.toString();
        }
    }
}
