package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import dev.fakemail.web.WebInbox;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI document against the routes the inbox really registers: a route added without documentation (or
 * documentation of a route that is gone) fails the build, and every documented operation, called with real
 * data, answers one of its documented success statuses.
 */
@Timeout(60)
class OpenApiRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Values for what a documented call needs; the ids are filled in once the data exists. */
    private static final Map<String, String> QUERY_SAMPLES = Map.of("user", "bob@example.test");

    private FakeMailServer mail;
    private WebInbox web;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        mail = FakeMailServer.builder().zone(dev.fakemail.dns.FakeZone.create().a("mx.shop.test", "127.0.0.1"))
                .build().start();
        web = WebInbox.start(mail);
    }

    @AfterEach
    void stop() {
        web.close();
        mail.close();
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndNothingElse() throws Exception {
        List<String> registered;
        try (InboxHandler handler = InboxHandler.create(mail, new WebSettings(InetAddress.getLoopbackAddress(), 0,
                null, null, Set.of()))) {
            registered = handler.apiRoutes();
        }
        JsonNode document = document();

        assertThat(registered).hasSizeGreaterThan(20).allMatch(route -> route.contains(" /api/"));
        assertThat(operations(document)).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theDocumentIsOpenApi31WithEveryReferenceAndPathParameterResolved() throws Exception {
        HttpResponse<String> response = get("/api/openapi.json");
        JsonNode document = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("info").get("version").asText())
                .isEqualTo(JSON.readTree(get("/api/info").body()).get("version").asText());
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty().allSatisfy(reference ->
                assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse());
        for (String operation : operations(document)) {
            String[] parts = operation.split(" ");
            JsonNode spec = document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            assertThat(spec.get("responses").size()).as(operation).isPositive();
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameter : parameters(document, spec)) {
                if (parameter.get("in").asText().equals("path")) {
                    declared.add(parameter.get("name").asText());
                }
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher name = PATH_PARAMETER.matcher(parts[1]);
            while (name.find()) {
                inTemplate.add(name.group(1));
            }
            assertThat(declared).as(operation).isEqualTo(inTemplate);
        }
    }

    @Test
    void everyDocumentedOperationAnswersADocumentedSuccessWithRealData() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Dial.to(mail.smtp().host(), mail.smtp().port()),
                "client.example.test")) {
            smtp.sendMail("shop@example.test", "bob@example.test", "Subject: with a file\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n"
                    + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\nx\r\n--b--\r\n");
            smtp.expect("QUIT", "221");
        }
        long messageId = mail.await(MailQuery.all(), Duration.ofSeconds(10)).get(0).id();
        long sessionId = mail.transcripts().get(0).sessionId();
        HttpResponse<String> added = send("POST", "/api/faults", "{\"text\": \"smtp rcpt nobody@* -> reply 451 4.3.0 \\\"Later\\\"\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long ruleId = JSON.readTree(added.body()).get("added").get(0).get("id").asLong();
        mail.inboxes().create(dev.fakemail.InboxSpec.tag("docs"));
        JsonNode document = document();

        List<String> operations = new ArrayList<>(operations(document));
        operations.sort(Comparator.comparingInt(OpenApiRoutesTest::destructiveness));
        for (String operation : operations) {
            String[] parts = operation.split(" ");
            JsonNode spec = document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            String path = parts[1].replace("/api/messages/{id}", "/api/messages/" + messageId)
                    .replace("/api/received/{id}", "/api/received/" + messageId)
                    .replace("/api/sessions/{id}", "/api/sessions/" + sessionId)
                    .replace("/api/faults/{id}", "/api/faults/" + ruleId).replace("/api/inboxes/{id}", "/api/inboxes/docs")
                    .replace("{path}", "2");
            String query = requiredQuery(document, spec);
            String body = spec.has("requestBody") ? sampleBody(parts[1]) : null;

            int status = parts[1].equals("/api/events") ? streamStatus(path) : send(parts[0], path + query, body).statusCode();

            assertThat(spec.get("responses").has(Integer.toString(status))).as(operation + " answered " + status).isTrue();
            assertThat(status).as(operation).isBetween(200, 299);
        }
    }

    /** Reads before changes, deletions of one before deletions of all, and the reset last. */
    private static int destructiveness(String operation) {
        if (operation.equals("POST /api/reset")) {
            return 4;
        }
        if (operation.startsWith("DELETE")) {
            return operation.contains("{") ? 2 : 3;
        }
        return operation.startsWith("GET") ? 0 : 1;
    }

    private static String sampleBody(String template) {
        return switch (template) {
            case "/api/messages/read", "/api/messages/{id}/read" -> "{\"read\": true}";
            case "/api/faults" -> "{\"text\": \"smtp rcpt other@* -> reply 452 4.2.2 \\\"Full\\\"\"}";
            case "/api/dns" -> "{\"name\": \"shop.test\", \"type\": \"MX\", \"data\": \"10 mx.shop.test\"}";
            case "/api/inboxes" -> "{\"tag\": \"sample\", \"idleTimeout\": \"PT5M\"}";
            default -> throw new AssertionError("no sample body for " + template + ": add one here");
        };
    }

    private static String requiredQuery(JsonNode document, JsonNode spec) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters(document, spec)) {
            if (parameter.get("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                String name = parameter.get("name").asText();
                String value = QUERY_SAMPLES.get(name);
                assertThat(value).as("a sample value for the required parameter " + name).isNotNull();
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(value);
            }
        }
        return query.toString();
    }

    private static List<JsonNode> parameters(JsonNode document, JsonNode spec) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode parameter : spec.path("parameters")) {
            parameters.add(parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1)) : parameter);
        }
        return parameters;
    }

    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey()));
        }
        return operations;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }

    private JsonNode document() throws Exception {
        return JSON.readTree(get("/api/openapi.json").body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.uri() + path.substring(1)))
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The event stream never ends by itself: its status, then the stream is closed. */
    private int streamStatus(String path) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(web.uri() + path.substring(1)))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
