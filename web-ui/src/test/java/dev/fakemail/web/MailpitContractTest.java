package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fakemail's Mailpit routes against Mailpit's own OpenAPI description (resources/mailpit/swagger.json): every JSON
 * response conforms to its schema with every documented property present, and every documented operation answers
 * with a status the description lists for it.
 */
@Timeout(60)
class MailpitContractTest {
    private static final MailpitSchema SCHEMA = MailpitSchema.load();
    /** Mailpit still sends the page length as "count", which its description no longer documents. */
    private static final Set<String> LEGACY = Set.of("count");

    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void jsonResponsesConformToMailpitsSchema() {
        String id = deliverVarietyAndReturnRichId();

        conforms("GET", "/api/v1/messages", "/api/v1/messages");
        conforms("GET", "/api/v1/search", "/api/v1/search?query=" + Http.encode("from:alice -is:read"));
        conforms("GET", "/api/v1/message/{ID}", "/api/v1/message/" + id);
        conforms("GET", "/api/v1/message/{ID}", "/api/v1/message/latest");
        conforms("GET", "/api/v1/message/{ID}/headers", "/api/v1/message/" + id + "/headers");
        conforms("GET", "/api/v1/info", "/api/v1/info");
        conforms("GET", "/api/v1/webui", "/api/v1/webui");
        conforms("GET", "/api/v1/chaos", "/api/v1/chaos");
        conforms("GET", "/api/v1/tags", "/api/v1/tags");
        for (String listed : ids()) { // every message of the variety, down to the one without any header
            conforms("GET", "/api/v1/message/{ID}", "/api/v1/message/" + listed);
        }

        HttpResponse<String> chaos = inbox.http().put("/api/v1/chaos",
                "{\"Sender\": {\"ErrorCode\": 421, \"Probability\": 10}}");
        assertThat(chaos.statusCode()).isEqualTo(200);
        assertConforms(Http.parse(chaos.body()), SCHEMA.responseSchema("PUT", "/api/v1/chaos", 200), "PUT chaos");
    }

    @Test
    void theRichMessageFillsEveryField() {
        String id = deliverVarietyAndReturnRichId();
        JsonNode message = inbox.http().json("/api/v1/message/" + id);

        assertThat(message.get("From").get("Name").asText()).isEqualTo("Alice Sender");
        assertThat(message.get("Cc").get(0).get("Address").asText()).isEqualTo("carol@example.test");
        assertThat(message.get("ReplyTo").get(0).get("Address").asText()).isEqualTo("replies@example.test");
        assertThat(message.get("Date").asText()).isEqualTo("2024-05-01T10:00:00+02:00");
        assertThat(message.get("MessageID").asText()).isEqualTo("rich-1@example.test");
        assertThat(message.get("ReturnPath").asText()).isEqualTo("bounces@example.test");
        assertThat(message.get("ListUnsubscribe").get("Links").get(0).asText())
                .isEqualTo("https://example.test/unsubscribe");
        assertThat(message.get("ListUnsubscribe").get("HeaderPost").asText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.get("Inline").get(0).get("ContentID").asText()).isEqualTo("logo@example.test");
        assertThat(message.get("Attachments").get(0).get("FileName").asText()).isEqualTo("notes.txt");
        assertThat(message.get("Attachments").get(0).get("Checksums").get("MD5").asText())
                .isEqualTo("37b51d194a7513e45b56f6524f2d51f2"); // md5("bar")
    }

    @Test
    void everyDocumentedOperationAnswersWithADocumentedStatus() {
        String id = deliverVarietyAndReturnRichId();
        List<String> wrong = new ArrayList<>();
        for (String operation : SCHEMA.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            String path = template.replace("{ID}", id).replace("{PartID}", "2").replace("{Tag}", "x")
                    + (template.equals("/api/v1/search") ? "?query=alice" : "");
            String body = switch (operation) {
                case "PUT /api/v1/messages" -> "{\"Read\": true}";
                case "DELETE /api/v1/messages" -> "{\"IDs\": [\"" + id + "\"]}";
                case "PUT /api/v1/tags" -> "{\"IDs\": [\"" + id + "\"], \"Tags\": [\"x\"]}";
                case "PUT /api/v1/tags/{Tag}" -> "{\"Name\": \"y\"}";
                case "POST /api/v1/message/{ID}/release" -> "{\"To\": [\"bob@example.test\"]}";
                default -> method.equals("GET") ? null : "{}";
            };
            HttpRequest.Builder request = inbox.http().request(path);
            request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            HttpResponse<String> response = inbox.http().send(request.build());
            if (!SCHEMA.statuses(method, template).contains(response.statusCode())) {
                wrong.add(operation + " answered " + response.statusCode() + " (documented: "
                        + SCHEMA.statuses(method, template) + "): " + response.body());
            } else if (response.body().startsWith("{\"error\"")) {
                wrong.add(operation + " reached fakemail's own routes: " + response.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(SCHEMA.operations()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void theCheckerFindsMissingAndMistypedProperties() {
        deliverVarietyAndReturnRichId();
        JsonNode schema = SCHEMA.responseSchema("GET", "/api/v1/messages", 200);
        ObjectNode list = (ObjectNode) inbox.http().json("/api/v1/messages");
        assertThat(SCHEMA.violations(list, schema, LEGACY)).isEmpty();

        ((ObjectNode) list.get("messages").get(0)).remove("Snippet");
        ((ObjectNode) list.get("messages").get(1)).put("ID", 7);
        list.put("start", "0");
        list.put("surprise", true);
        assertThat(SCHEMA.violations(list, schema, LEGACY)).containsExactlyInAnyOrder(
                "$.messages[0].Snippet: missing (Mailpit always sends it)",
                "$.messages[1].ID: expected a string, got 7",
                "$.start: expected an integer, got \"0\"",
                "$.surprise: not in Mailpit's schema");
    }

    private void conforms(String method, String template, String path) {
        assertConforms(inbox.http().json(path), SCHEMA.responseSchema(method, template, 200), method + " " + path);
    }

    private static void assertConforms(JsonNode body, JsonNode schema, String what) {
        assertThat(SCHEMA.violations(body, schema, LEGACY)).as(what + ": " + body).isEmpty();
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        inbox.http().json("/api/v1/messages").get("messages").forEach(message -> ids.add(message.get("ID").asText()));
        return ids;
    }

    /** A message without any header, a plain one over SMTP, and a rich one: returns the rich one's ID. */
    private String deliverVarietyAndReturnRichId() {
        inbox.deliver("", List.of("bob@example.test"), "\r\njust a body\r\n");
        inbox.send(TestMail.message().subject("Plain"));
        return Long.toString(inbox.deliver("bounces@example.test", List.of("bob@example.test", "carol@example.test",
                "hidden@example.test"), String.join("\r\n",
                "From: Alice Sender <alice@example.test>",
                "To: Bob <bob@example.test>",
                "Cc: carol@example.test",
                "Reply-To: replies@example.test",
                "Subject: Rich",
                "Date: Wed, 1 May 2024 10:00:00 +0200",
                "Message-ID: <rich-1@example.test>",
                "List-Unsubscribe: <https://example.test/unsubscribe>, <mailto:leave@example.test>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=outer",
                "",
                "--outer",
                "Content-Type: multipart/related; boundary=inner",
                "",
                "--inner",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>Hello <img src=\"cid:logo@example.test\"></p>",
                "--inner",
                "Content-Type: image/png",
                "Content-ID: <logo@example.test>",
                "Content-Disposition: inline",
                "Content-Transfer-Encoding: base64",
                "",
                "iVBORw0KGgo=",
                "--inner--",
                "--outer",
                "Content-Type: text/plain; name=notes.txt",
                "Content-Disposition: attachment; filename=notes.txt",
                "",
                "bar",
                "--outer--",
                "")).id());
    }
}
